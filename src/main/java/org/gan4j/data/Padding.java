package org.gan4j.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Pads images by a border of background, and crops it off again: how a 28×28 dataset becomes the 32×32 one
 * that networks with power-of-two sides (progressive growing, StyleGAN, DCGAN's all-convolutional stack)
 * train on, and how their 32×32 samples go back to the 28×28 the feature networks take. Cropping is the exact
 * inverse of the padding (crop(pad(x)) = x), so a generator that learnt the padded data is judged on the
 * images the padding framed, with no resampling.
 *
 * <p>The background is the value 0 of the dataset's [0, 1] pixels: black, −1 once a batch is scaled to
 * the generator's [−1, 1]. Images are C×H×W floats, image after image; each channel is padded on all four
 * sides by {@code border} pixels, so C×H×W becomes C×(H+2b)×(W+2b). Plain array copies: the datasets keep
 * their samples on the Java heap.
 */
public final class Padding {
    /** The background a border is filled with: pixel value 0 (black) of the [0, 1] images. */
    public static final float BACKGROUND = 0f;

    private Padding() {
    }

    /** The shape of {@code shape}'s images padded by {@code border} on every side. */
    public static SampleShape padded(SampleShape shape, int border) {
        checkImage(shape, border);
        return SampleShape.image(shape.channels(), shape.height() + 2 * border, shape.width() + 2 * border);
    }

    /**
     * {@code data} with every image padded by {@code border} pixels of background on each side; itself when
     * {@code border} is 0. Labels, classes and size are those of {@code data}; its name says
     * "padded to H×W", and its digest is the SHA-256 of the padding and {@code data}'s digest (so a padded
     * split never passes for the native one).
     */
    public static Dataset pad(Dataset data, int border) {
        if (border == 0) {
            return data;
        }
        return new Padded(data, border);
    }

    /**
     * Pads one image in place: its {@code shape.features()} values start at {@code dst[offset]} and the
     * padded image ({@code padded(shape, border).features()} values) is written over the same start. The
     * rows move from the last to the first, each to an index at least its own, so none is overwritten before
     * it moves; then the border is filled.
     */
    static void padInPlace(float[] dst, int offset, SampleShape shape, int border) {
        int h = shape.height();
        int w = shape.width();
        int ph = h + 2 * border;
        int pw = w + 2 * border;
        for (int c = shape.channels() - 1; c >= 0; c--) {
            int from = offset + c * h * w;
            int to = offset + c * ph * pw;
            for (int y = h - 1; y >= 0; y--) {
                System.arraycopy(dst, from + y * w, dst, to + (y + border) * pw + border, w);
            }
            java.util.Arrays.fill(dst, to, to + border * pw, BACKGROUND);
            java.util.Arrays.fill(dst, to + (border + h) * pw, to + ph * pw, BACKGROUND);
            for (int y = border; y < border + h; y++) {
                java.util.Arrays.fill(dst, to + y * pw, to + y * pw + border, BACKGROUND);
                java.util.Arrays.fill(dst, to + y * pw + border + w, to + (y + 1) * pw, BACKGROUND);
            }
        }
    }

    /**
     * The inverse of the padding: {@code n} images of {@code shape} with {@code border} pixels cut off each
     * side, {@code n × C×(H−2b)×(W−2b)} values. {@code images} holds {@code n × shape.features()} values.
     */
    public static float[] crop(float[] images, int n, SampleShape shape, int border) {
        if (border < 0 || 2 * border >= shape.height() || 2 * border >= shape.width() || !shape.image()) {
            throw new IllegalArgumentException("cannot crop " + border + " px off " + shape + " images");
        }
        if (images.length != (long) n * shape.features()) {
            throw new IllegalArgumentException(n + " images of " + shape + " need " + (long) n * shape.features()
                    + " values, got " + images.length);
        }
        int h = shape.height();
        int w = shape.width();
        int ch = h - 2 * border;
        int cw = w - 2 * border;
        float[] out = new float[n * shape.channels() * ch * cw];
        int k = 0;
        for (int i = 0; i < n * shape.channels(); i++) {
            int plane = i * h * w;
            for (int y = border; y < border + ch; y++) {
                System.arraycopy(images, plane + y * w + border, out, k, cw);
                k += cw;
            }
        }
        return out;
    }

    private static void checkImage(SampleShape shape, int border) {
        if (!shape.image() || border < 0) {
            throw new IllegalArgumentException("cannot pad " + shape + " by " + border);
        }
    }

    /** A dataset's images with a border of background; everything else is the dataset's own. */
    private static final class Padded implements Dataset {
        private final Dataset source;
        private final int border;
        private final SampleShape shape;
        private final String name;
        private String digest;

        Padded(Dataset source, int border) {
            this.source = Objects.requireNonNull(source);
            this.border = border;
            this.shape = padded(source.shape(), border);
            this.name = source.name() + " padded to " + shape.height() + "x" + shape.width();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public SampleShape shape() {
            return shape;
        }

        @Override
        public int size() {
            return source.size();
        }

        @Override
        public int numClasses() {
            return source.numClasses();
        }

        @Override
        public int label(int index) {
            return source.label(index);
        }

        @Override
        public void copyTo(int index, float[] dst, int offset) {
            Objects.checkFromIndexSize(offset, shape.features(), dst.length);
            source.copyTo(index, dst, offset);
            padInPlace(dst, offset, source.shape(), border);
        }

        @Override
        public synchronized String digest() {
            if (digest == null) {
                try {
                    byte[] d = MessageDigest.getInstance("SHA-256").digest(("padded by " + border + " px of " + BACKGROUND
                            + ": " + source.digest()).getBytes(StandardCharsets.UTF_8));
                    digest = HexFormat.of().formatHex(d);
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException("SHA-256 is missing from this JVM", e);
                }
            }
            return digest;
        }

        @Override
        public String toString() {
            return name + " (" + size() + " x " + shape + (numClasses() > 0 ? ", " + numClasses() + " classes" : "") + ")";
        }
    }
}
