package org.gan4j.nn;

import java.util.List;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.data.SampleShape;

/**
 * CoGAN's pair of generators (Liu &amp; Tuzel, "Coupled Generative Adversarial Networks", NeurIPS 2016,
 * §3): G₀ and G₁ share every layer but the last, so the layers that decode high-level semantics
 * from z are the same for both domains and only the layer that renders pixels is each domain's own.
 * <pre>
 *   G_d(z) = output_d(trunk(z)),   d ∈ {0, 1}   (domain 0 is A, domain 1 is B)
 * </pre>
 * The trunk is one module, registered once: its parameters are {@code trunk.*}, the output layers'
 * {@code output0.*} and {@code output1.*}. So {@link #parameters()} lists each shared weight once (an
 * optimiser over them sums the gradients both domains' losses send into the trunk, the paper's weight
 * sharing), and a checkpoint of this module ({@code Module.save}, as {@code train.Checkpoint} writes
 * G) holds the trunk once. BatchNorm statistics in the trunk are shared as well.
 *
 * <p>{@link #forward(Tensor)}, the single-generator call, is refused: every call names a domain, or
 * asks for {@link #both}. {@link #domain(int)} gives a {@link Generator} view of one domain for code
 * that takes a plain generator (sample grids, evaluation).
 */
public final class CoupledGenerators extends Generator {
    /** The number of coupled domains. */
    public static final int DOMAINS = 2;

    /**
     * Both domains' images for the same z.
     *
     * @param a G₀(z), domain A
     * @param b G₁(z), domain B
     */
    public record Pair(Tensor a, Tensor b) {
        /** G_d(z) for {@code domain} 0 (A) or 1 (B). */
        public Tensor get(int domain) {
            checkDomain(domain);
            return domain == 0 ? a : b;
        }
    }

    private final Block trunk;
    private final List<Block> outputs;
    /** Parameterless views, one per domain, kept so that repeated calls return the same object. */
    private final List<DomainView> views;

    /**
     * @param trunk   the shared layers: z (B × latentDim) → hidden features
     * @param output0 domain 0's last layer(s): hidden features → B × C × H × W
     * @param output1 domain 1's, the same layer types built anew
     * @param init    the family's initialisation, applied to all three parts
     */
    CoupledGenerators(LayerStack trunk, LayerStack output0, LayerStack output1, int latentDim, SampleShape shape,
                      OutputRange range, WeightInit init) {
        super(latentDim, shape, range);
        this.trunk = register_module("trunk", new Block(trunk));
        this.outputs = List.of(register_module("output0", new Block(output0)), register_module("output1", new Block(output1)));
        this.views = List.of(new DomainView(this, 0), new DomainView(this, 1));
        init.apply(this);
    }

    static void checkDomain(int domain) {
        if (domain < 0 || domain >= DOMAINS) {
            throw new IllegalArgumentException("domain must be 0 (A) or 1 (B), got " + domain);
        }
    }

    /** Refused: coupled generators produce two domains; use {@link #forward(Tensor, int)} or {@link #both}. */
    @Override
    public Tensor forward(Tensor z) {
        throw new IllegalStateException("coupled generators need a domain: forward(z, domain) or both(z)");
    }

    /**
     * G_d(z) with autograd and in the current mode.
     *
     * @param z      B × latentDim
     * @param domain 0 (A) or 1 (B)
     * @return B × C × H × W in {@link #outputRange()}
     */
    public Tensor forward(Tensor z, int domain) {
        checkDomain(domain);
        return outputs.get(domain).forward(trunk.forward(z));
    }

    /**
     * (G₀(z), G₁(z)) from one pass through the trunk: what CoGAN's generator step uses, so that the
     * trunk's BatchNorm sees the batch once and both losses flow back through the same graph.
     */
    public Pair both(Tensor z) {
        Tensor hidden = trunk.forward(z);
        return new Pair(outputs.get(0).forward(hidden), outputs.get(1).forward(hidden));
    }

    /**
     * G_d(z) for sampling: eval mode, no autograd, in chunks of {@value #GENERATION_CHUNK}; the training
     * flag is restored afterwards (as {@link Generator#generate}).
     */
    public Tensor generate(Tensor z, int domain) {
        checkDomain(domain);
        return sampling(z, chunk -> forward(chunk, domain));
    }

    /** Both domains' samples for the same z, as {@link #generate(Tensor, int)} makes them. */
    public Pair generateBoth(Tensor z) {
        return new Pair(generate(z, 0), generate(z, 1));
    }

    private Tensor sampling(Tensor z, UnaryOperator<Tensor> g) {
        boolean training = is_training();
        try (NoGradGuard guard = new NoGradGuard()) {
            eval();
            long n = z.size(0);
            if (n <= GENERATION_CHUNK) {
                return g.apply(z);
            }
            TensorVector chunks = new TensorVector();
            for (long start = 0; start < n; start += GENERATION_CHUNK) {
                chunks.push_back(g.apply(z.narrow(0, start, Math.min(GENERATION_CHUNK, n - start))));
            }
            return torch.cat(chunks, 0);
        } finally {
            train(training);
        }
    }

    /**
     * G_d as a plain {@link Generator}: {@code forward(z)} is {@link #forward(Tensor, int)} and {@code generate}
     * samples through this module's mode. The view owns no parameters and its own mode flag is unused:
     * optimise, save and switch modes on the coupled module.
     */
    public Generator domain(int domain) {
        checkDomain(domain);
        return views.get(domain);
    }

    /** The trunk's parameters, which both domains use. */
    public TensorVector sharedParameters() {
        return trunk.parameters();
    }

    /** Domain {@code domain}'s own output layer's parameters. */
    public TensorVector domainParameters(int domain) {
        checkDomain(domain);
        return outputs.get(domain).parameters();
    }

    /** One domain of a {@link CoupledGenerators}, for code that takes a plain generator. */
    private static final class DomainView extends Generator {
        private final CoupledGenerators owner;
        private final int domain;

        DomainView(CoupledGenerators owner, int domain) {
            super(owner.latentDim(), owner.sampleShape(), owner.outputRange());
            this.owner = owner;
            this.domain = domain;
        }

        @Override
        public Tensor forward(Tensor z) {
            return owner.forward(z, domain);
        }

        @Override
        public Tensor generate(Tensor z, Tensor labels) {
            if (labels != null) {
                throw new IllegalArgumentException("coupled generators take no labels");
            }
            return owner.generate(z, domain);
        }
    }
}
