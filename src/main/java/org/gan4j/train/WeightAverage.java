package org.gan4j.train;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.TensorVector;
import org.gan4j.nn.Generator;

/**
 * An exponential moving average of the generator's weights (Yazıcı et al. 2019, "The Unusual
 * Effectiveness of Averaging in GAN Training"; used by ProGAN, StyleGAN and BigGAN). After every
 * generator step each parameter of the average moves towards the generator's:
 *
 * <pre>θ_ema ← β·θ_ema + (1 − β)·θ</pre>
 *
 * computed in place as {@code lerp_(θ, 1 − β)} (one native call per parameter), while the buffers
 * (BatchNorm's running statistics) are copied, not averaged. The average starts as an exact copy of
 * the generator, needs no gradients and no optimiser, and stays in eval mode. It owns the averaged
 * generator: {@link #close()} frees it.
 */
public final class WeightAverage implements AutoCloseable {
    private final Generator average;
    private final double decay;
    private final TensorVector sourceParams;
    private final TensorVector averageParams;
    private final TensorVector sourceBuffers;
    private final TensorVector averageBuffers;

    /**
     * Starts the average of {@code source} in {@code average}, a generator of the same architecture,
     * by copying every parameter and buffer.
     *
     * @param decay β in [0, 1)
     */
    public WeightAverage(Generator source, Generator average, double decay) {
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("decay must be in [0, 1): " + decay);
        }
        this.average = average;
        this.decay = decay;
        this.sourceParams = source.parameters();
        this.averageParams = average.parameters();
        this.sourceBuffers = source.buffers();
        this.averageBuffers = average.buffers();
        if (sourceParams.size() != averageParams.size() || sourceBuffers.size() != averageBuffers.size()) {
            throw new IllegalArgumentException("the average must have the generator's architecture");
        }
        try (PointerScope scope = new PointerScope(); NoGradGuard guard = new NoGradGuard()) {
            for (long i = 0; i < averageParams.size(); i++) {
                averageParams.get(i).requires_grad_(false).copy_(sourceParams.get(i));
            }
            copyBuffers();
        }
        average.eval();
    }

    /** One step of the average: θ_ema ← β·θ_ema + (1 − β)·θ for every parameter, buffers copied. */
    public void update() {
        try (PointerScope scope = new PointerScope(); NoGradGuard guard = new NoGradGuard()) {
            Scalar weight = new Scalar(1 - decay);
            for (long i = 0; i < averageParams.size(); i++) {
                averageParams.get(i).lerp_(sourceParams.get(i), weight);
            }
            copyBuffers();
        }
    }

    private void copyBuffers() {
        for (long i = 0; i < averageBuffers.size(); i++) {
            averageBuffers.get(i).copy_(sourceBuffers.get(i));
        }
    }

    /** The averaged generator (eval mode). */
    public Generator average() {
        return average;
    }

    /** β. */
    public double decay() {
        return decay;
    }

    /** Frees the averaged generator and the parameter lists; the source generator stays its owner's. */
    @Override
    public void close() {
        for (TensorVector v : new TensorVector[] {sourceParams, averageParams, sourceBuffers, averageBuffers}) {
            v.close();
        }
        average.release();
    }
}
