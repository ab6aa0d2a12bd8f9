package org.gan4j.bench;

import java.util.SplittableRandom;
import org.gan4j.data.Dataset;
import org.gan4j.data.IdxDataset;
import org.gan4j.data.SampleShape;

/**
 * Synthetic images with independent pixels uniform in [0, 1] (256 levels, stored as bytes like
 * IDX data), so that a benchmark times compute and not file reading. The trainer maps them to a
 * Tanh generator's [−1, 1] by 2x − 1, which gives SPEC B2's uniform [−1, 1] data; a Sigmoid
 * generator (B1) sees them as they are. The pixels depend only on the seed, so the digest is fixed.
 */
public final class UniformImages {
    /** Samples in a benchmark dataset: enough for several distinct batches, small enough to stay in cache-friendly RAM. */
    public static final int DEFAULT_SIZE = 4096;
    /** Seed of the pixels (independent of the training seed). */
    public static final long DEFAULT_SEED = 0x5DEECE66DL;

    private UniformImages() {
    }

    /** {@code size} images of {@code shape} drawn from {@code seed}. */
    public static Dataset create(SampleShape shape, int size, long seed) {
        if (!shape.image()) {
            throw new IllegalArgumentException("uniform images need an image shape, got " + shape);
        }
        byte[] pixels = new byte[Math.multiplyExact(size, shape.features())];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) rng.nextInt(256);
        }
        return new IdxDataset("bench-uniform-" + shape + "/train", pixels, size, shape, null);
    }

    /** {@value #DEFAULT_SIZE} images of {@code shape} from the default seed. */
    public static Dataset create(SampleShape shape) {
        return create(shape, DEFAULT_SIZE, DEFAULT_SEED);
    }
}
