package org.gan4j.eval;

import org.gan4j.BadInputException;
import org.gan4j.data.ImageSides;
import org.gan4j.data.Padding;
import org.gan4j.data.SampleShape;
import org.gan4j.nn.Classifier;

/**
 * How samples of a given shape become the 1×28×28 images the feature networks take. Samples of that shape
 * are taken as they are; 1×32×32 samples, a generator's of a 28×28 dataset padded to 32 ({@link Padding},
 * for the networks that need power-of-two sides), lose the 2-px border the padding added: the exact inverse
 * of the padding, where resampling 32→28 would blur and shift every image (the real statistics stay those
 * of the native 28×28 split). Any other shape cannot be evaluated.
 *
 * @param from   the samples' shape
 * @param border pixels cut off each side (0: as they are)
 */
public record SampleCrop(SampleShape from, int border) {
    /** What the feature networks take. */
    public static final SampleShape INPUT = Classifier.INPUT;

    /**
     * The mapping of {@code shape} onto the feature networks' input.
     *
     * @param what the samples, to start the message with, e.g. {@code "samples f.gz are"} or
     *             {@code "the run generates"}
     * @throws BadInputException in one line when {@code shape} is neither 1×28×28 nor a padded side of it
     */
    public static SampleCrop of(SampleShape shape, String what) {
        if (shape.equals(INPUT)) {
            return new SampleCrop(shape, 0);
        }
        ImageSides padded = ImageSides.MNIST;
        if (shape.image() && shape.channels() == INPUT.channels() && shape.height() == shape.width()
                && shape.height() > INPUT.height() && padded.allowed().contains(shape.height())) {
            return new SampleCrop(shape, padded.border("the feature networks' datasets", shape.height()));
        }
        throw new BadInputException(what + " " + shape + " images; the feature networks take 1x28x28 (grayscale 28x28),"
                + " or 1x32x32 of a padded 28x28 dataset, which lose their 2-px border");
    }

    /** Whether the samples change: a border is cut off. */
    public boolean crops() {
        return border > 0;
    }

    /** {@code n} samples ({@code n × from.features()} values) as {@code n × 784} values: cropped, or as they are. */
    public float[] apply(float[] samples, int n) {
        return crops() ? Padding.crop(samples, n, from, border) : samples;
    }

    /** What was done, for reports ({@code preprocessing} in eval.json); null when nothing was. */
    public String description() {
        return crops() ? "cropped " + from.height() + "x" + from.width() + " to " + INPUT.height() + "x" + INPUT.width()
                + " (removed the " + border + "-px border that padding the 28x28 dataset added)" : null;
    }
}
