package org.gan4j.nn;

/**
 * The range of a generator's output, which decides how real images (stored in [0, 1]) are rescaled
 * before the discriminator compares them with generated ones.
 */
public enum OutputRange {
    /** Sigmoid output, [0, 1]: images as stored. */
    UNIT(0f, 1f),
    /** Tanh output, [−1, 1]: images mapped by 2x − 1. */
    SYMMETRIC(-1f, 1f),
    /** Linear output: points of a continuous distribution, not rescaled. */
    REAL(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);

    private final float low;
    private final float high;

    OutputRange(float low, float high) {
        this.low = low;
        this.high = high;
    }

    public float low() {
        return low;
    }

    public float high() {
        return high;
    }

    /** Factor applied to a stored value in [0, 1] to bring it into this range. */
    public float scale() {
        return this == SYMMETRIC ? 2f : 1f;
    }

    /** Offset added after {@link #scale()}. */
    public float shift() {
        return this == SYMMETRIC ? -1f : 0f;
    }
}
