package org.gan4j.nn;

import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

/**
 * CoGAN's pair of discriminators (Liu &amp; Tuzel 2016, §3): D₀ and D₁ share every layer but the first,
 * so each domain has its own layer reading its pixels and the layers that judge high-level features
 * are the same for both.
 * <pre>
 *   D_d(x) = body(input_d(x)),   d ∈ {0, 1}   (domain 0 is A, domain 1 is B)
 * </pre>
 * Each D_d returns one logit per sample (B × 1), like every {@link Discriminator}, so the adversarial
 * losses of {@code org.gan4j.loss} apply to each domain unchanged. The body is one module registered
 * once ({@code body.*}, beside {@code input0.*} and {@code input1.*}): {@link #parameters()} lists each
 * shared weight once and a checkpoint holds it once; BatchNorm statistics in the body are shared.
 *
 * <p>{@link #forward(Tensor)} and {@link #judge} are refused: every call names a domain. {@link #domain(int)}
 * gives a {@link Discriminator} view of one domain for code that calls a plain D (gradient penalties);
 * a step that touches D's parameters (WGAN's clipping) takes the coupled module itself.
 */
public final class CoupledDiscriminators extends Discriminator {
    private final List<Block> inputs;
    private final Block body;
    private final List<DomainView> views;

    /**
     * @param input0 domain 0's first layer(s): B × C × H × W → features
     * @param input1 domain 1's, the same layer types built anew
     * @param body   the shared layers: features → B × 1 logits
     * @param init   the family's initialisation, applied to all three parts
     */
    CoupledDiscriminators(LayerStack input0, LayerStack input1, LayerStack body, WeightInit init) {
        this.inputs = List.of(register_module("input0", new Block(input0)), register_module("input1", new Block(input1)));
        this.body = register_module("body", new Block(body));
        this.views = List.of(new DomainView(this, 0), new DomainView(this, 1));
        init.apply(this);
    }

    /** Refused: coupled discriminators judge two domains; use {@link #forward(Tensor, int)}. */
    @Override
    public Tensor forward(Tensor x) {
        throw new IllegalStateException("coupled discriminators need a domain: forward(x, domain)");
    }

    /**
     * D_d(x), with autograd and in the current mode.
     *
     * @param x      B × C × H × W, in the generators' output range
     * @param domain 0 (A) or 1 (B)
     * @return B × 1 logits
     */
    public Tensor forward(Tensor x, int domain) {
        CoupledGenerators.checkDomain(domain);
        return body.forward(inputs.get(domain).forward(x));
    }

    /** D_d as a plain {@link Discriminator} whose {@code forward(x)} is {@link #forward(Tensor, int)}; it owns no parameters. */
    public Discriminator domain(int domain) {
        CoupledGenerators.checkDomain(domain);
        return views.get(domain);
    }

    /** The body's parameters, which both domains use. */
    public TensorVector sharedParameters() {
        return body.parameters();
    }

    /** Domain {@code domain}'s own first layer's parameters. */
    public TensorVector domainParameters(int domain) {
        CoupledGenerators.checkDomain(domain);
        return inputs.get(domain).parameters();
    }

    /** Spectral normalisation of every Linear and Conv2d layer of both inputs and the body (each part refreshes its own). */
    @Override
    void normaliseSpectrally() {
        for (Block input : inputs) {
            input.normaliseSpectrally();
        }
        body.normaliseSpectrally();
    }

    @Override
    List<SpectralNorm> spectralNorms() {
        return Stream.of(inputs.get(0).spectralNorms(), inputs.get(1).spectralNorms(), body.spectralNorms())
                .flatMap(List::stream).toList();
    }

    /** One domain of a {@link CoupledDiscriminators}, for code that calls a plain D. */
    private static final class DomainView extends Discriminator {
        private final CoupledDiscriminators owner;
        private final int domain;

        DomainView(CoupledDiscriminators owner, int domain) {
            this.owner = owner;
            this.domain = domain;
        }

        @Override
        public Tensor forward(Tensor x) {
            return owner.forward(x, domain);
        }
    }
}
