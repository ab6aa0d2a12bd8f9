package org.gan4j.data;

/**
 * The shape of one sample: an image (channels × height × width, values in [0, 1]) or a point of a
 * low-dimensional distribution ({@code dimension} real values, stored as channels with height and
 * width 1).
 */
public record SampleShape(int channels, int height, int width, boolean image) {
    public SampleShape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("sample shape must be positive: " + channels + "x" + height + "x" + width);
        }
    }

    public static SampleShape image(int channels, int height, int width) {
        return new SampleShape(channels, height, width, true);
    }

    public static SampleShape vector(int dimension) {
        return new SampleShape(dimension, 1, 1, false);
    }

    /** Number of values in one sample (784 for a 28×28 grayscale image, 2 for a 2-D point). */
    public int features() {
        return channels * height * width;
    }

    @Override
    public String toString() {
        return image ? channels + "x" + height + "x" + width : "vector(" + channels + ")";
    }
}
