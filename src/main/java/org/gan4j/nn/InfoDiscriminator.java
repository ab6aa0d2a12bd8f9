package org.gan4j.nn;

import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

/**
 * InfoGAN's discriminator (Chen et al. 2016, appendix C): one body φ, two heads.
 * <pre>
 *   D(x)     = ψ(φ(x))                                            B × 1
 *   Q(c | x) = Linear(128 → K + n) ∘ LReLU ∘ BN ∘ Linear(F → 128) (φ(x))   B × (K + n):
 *              the categorical code's K logits, then the means of the n continuous codes
 *              (fixed unit variance, as the paper's MNIST experiments)
 * </pre>
 * Q shares D's body, so it costs one small head; its parameters are trained by both players' steps.
 */
public final class InfoDiscriminator extends Discriminator {
    /** Hidden units of the Q head (the paper's FC.128). */
    static final int Q_HIDDEN = 128;

    private final DiscriminatorBody body;
    private final LinearImpl output;
    private final Network q;
    private final LatentCodes codes;

    InfoDiscriminator(DiscriminatorBody body, LatentCodes codes) {
        this.codes = codes;
        this.body = register_module("body", body);
        this.output = register_module("output", new LinearImpl(body.features(), 1));
        LayerStack head = new LayerStack();
        head.add(Layers.linear(body.features(), Q_HIDDEN));
        head.add(Layers.batchNorm1d(Q_HIDDEN));
        head.add(Layers.leakyRelu(0.2));
        head.add(Layers.linear(Q_HIDDEN, codes.size()));
        this.q = register_module("q", new Head(head));
        body.init().apply(output);
        body.init().apply(q);
    }

    /** Spectral normalisation of the body, ψ and both layers of Q. */
    @Override
    void normaliseSpectrally() {
        body.normaliseSpectrally();
        normaliseSpectrally(output);
        q.normaliseSpectrally();
    }

    @Override
    List<SpectralNorm> spectralNorms() {
        return Stream.of(body.spectralNorms(), super.spectralNorms(), q.spectralNorms()).flatMap(List::stream).toList();
    }

    @Override
    public Tensor forward(Tensor x) {
        refreshSpectralNorms();       // ψ's; the body and Q refresh their own layers
        return output.forward(body.forward(x));
    }

    /** D(x) and Q(c | x) from one pass through the body; InfoGAN's D takes no labels. */
    @Override
    public Output judge(Tensor x, Tensor labels) {
        if (labels != null) {
            throw new IllegalArgumentException("InfoGAN's discriminator takes no labels");
        }
        refreshSpectralNorms();
        Tensor phi = body.forward(x);
        return new Output(output.forward(phi), q.forward(phi));
    }

    /** Q's parameters: the mutual-information term trains them in both players' steps. */
    @Override
    public TensorVector sharedWithGenerator() {
        return q.parameters();
    }

    public LatentCodes codes() {
        return codes;
    }

    /** A plain sequential head. */
    private static final class Head extends Network {
        Head(LayerStack layers) {
            super(layers);
        }
    }
}
