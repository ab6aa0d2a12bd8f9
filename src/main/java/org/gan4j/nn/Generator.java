package org.gan4j.nn;

import org.bytedeco.pytorch.Tensor;
import org.gan4j.data.SampleShape;

/**
 * G(z): maps a batch of noise vectors (B × latentDim) to a batch of samples (B × C × H × W for
 * images, B × d for points) in {@link #outputRange()}. A class-conditional generator
 * ({@link ConditionalGenerator}) also takes one label per sample: {@link #forward(Tensor, Tensor)}.
 */
public class Generator extends Network {
    private final int latentDim;
    private final SampleShape sampleShape;
    private final OutputRange outputRange;

    Generator(LayerStack layers, int latentDim, SampleShape sampleShape, OutputRange outputRange) {
        super(layers);
        this.latentDim = latentDim;
        this.sampleShape = sampleShape;
        this.outputRange = outputRange;
    }

    /** For an assembled generator, which registers its own parts. */
    Generator(int latentDim, SampleShape sampleShape, OutputRange outputRange) {
        this.latentDim = latentDim;
        this.sampleShape = sampleShape;
        this.outputRange = outputRange;
    }

    /**
     * G(z, y) for a conditional generator; an unconditional one takes {@code labels == null}.
     *
     * @param z      B × latentDim
     * @param labels B class indices (int64), or null
     */
    public Tensor forward(Tensor z, Tensor labels) {
        if (labels != null) {
            throw new IllegalArgumentException("an unconditional generator takes no labels");
        }
        return forward(z);
    }

    /** Number of classes G is conditioned on; 0 for an unconditional generator. */
    public int classes() {
        return 0;
    }

    public int latentDim() {
        return latentDim;
    }

    public SampleShape sampleShape() {
        return sampleShape;
    }

    public OutputRange outputRange() {
        return outputRange;
    }

    /** The batch shape G produces for {@code batch} samples. */
    public long[] batchShape(long batch) {
        SampleShape s = sampleShape;
        return s.image() ? new long[] {batch, s.channels(), s.height(), s.width()} : new long[] {batch, s.channels()};
    }
}
