package org.gan4j.nn;

import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * D assembled from a hidden part φ (B × F features) and an output layer ψ, optionally with the
 * minibatch standard deviation of Karras et al. (2018, §3) between them:
 * <pre>
 *   D(x) = ψ(φ(x))                       ψ: F → 1
 *   D(x) = ψ([φ(x), s(φ(x))])            ψ: F + 1 → 1, s: one feature, the same for every row
 * </pre>
 * s is the vector version of {@link FeatureNorms#minibatchStd}: the standard deviation of each of the F
 * features over the batch (population, √(var + 1e-8)), averaged over the features, appended as one
 * constant column. The statistic is taken over the whole batch (the paper's groups of 4 serve images);
 * a batch of identical rows gets s ≈ 1e-4, a collapsed generator is therefore visible to D.
 */
final class FeatureDiscriminator extends Discriminator {
    /** Inside the square root, as in {@link FeatureNorms}: keeps the gradient finite for identical rows. */
    static final double EPSILON = 1e-8;

    private final Network body;
    private final LinearImpl output;
    private final boolean minibatchStd;

    /**
     * @param body         φ, B × ... → B × {@code features}
     * @param features     F, φ's output size
     * @param minibatchStd whether s is appended before ψ
     * @param init         the family's initialisation of ψ (φ is initialised by its builder)
     */
    FeatureDiscriminator(Network body, long features, boolean minibatchStd, WeightInit init) {
        this.body = register_module("body", body);
        this.output = register_module("output", Layers.linear(features + (minibatchStd ? 1 : 0), 1));
        this.minibatchStd = minibatchStd;
        init.apply(output);
    }

    /** Whether D sees the minibatch standard deviation. */
    boolean minibatchStd() {
        return minibatchStd;
    }

    @Override
    public Tensor forward(Tensor x) {
        refreshSpectralNorms();      // ψ's; the body refreshes its own layers
        Tensor h = body.forward(x);   // B×F
        return output.forward(minibatchStd ? appendStd(h) : h);   // B×1
    }

    /** h (B × F) → [h, s] (B × (F + 1)), s the batch's mean feature standard deviation in every row. */
    static Tensor appendStd(Tensor h) {
        Tensor centred = h.sub(h.mean(new long[] {0}, true, new ScalarTypeOptional()));
        Tensor std = torch.sqrt(centred.square().mean(new long[] {0}, false, new ScalarTypeOptional()).add(new Scalar(EPSILON))); // F
        Tensor s = std.mean().reshape(1, 1).expand(h.size(0), 1);                                                            // B×1
        return torch.cat(new TensorVector(h, s), 1);
    }

    @Override
    void normaliseSpectrally() {
        body.normaliseSpectrally();
        normaliseSpectrally(output);
    }

    @Override
    List<SpectralNorm> spectralNorms() {
        return Stream.concat(body.spectralNorms().stream(), super.spectralNorms().stream()).toList();
    }
}
