package org.gan4j.nn;

import org.gan4j.data.SampleShape;

/**
 * G(z): maps a batch of noise vectors (B × latentDim) to a batch of samples (B × C × H × W for
 * images, B × d for points) in {@link #outputRange()}.
 */
public final class Generator extends Network {
    private final int latentDim;
    private final SampleShape sampleShape;
    private final OutputRange outputRange;

    Generator(LayerStack layers, int latentDim, SampleShape sampleShape, OutputRange outputRange) {
        super(layers);
        this.latentDim = latentDim;
        this.sampleShape = sampleShape;
        this.outputRange = outputRange;
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
