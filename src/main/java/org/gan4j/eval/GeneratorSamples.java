package org.gan4j.eval;

import org.gan4j.nn.Classifier;
import org.gan4j.nn.OutputRange;
import org.gan4j.report.SampleGrid;

/**
 * A generator's samples as the feature networks see them: mapped to 1×28×28 ({@link SampleCrop}: 32×32
 * samples of a padded dataset lose their 2-px border), then quantised to bytes exactly as
 * {@code gan4j sample --out FILE-idx3-ubyte} writes them, then scaled to [0, 1]. Quantisation works pixel by
 * pixel, so cropping first gives the bytes of the cropped export: {@code eval --run} and
 * {@code eval --samples} on that run's IDX export (same n and seed) agree.
 */
public final class GeneratorSamples {
    private GeneratorSamples() {
    }

    /**
     * Generator outputs of any image {@code shape} ({@code n × shape.features()} values in
     * {@code range}) as quantised images in [0, 1], uncropped: what Inception-v3 sees.
     */
    public static EvalImages fromOutputs(float[] outputs, int n, org.gan4j.data.SampleShape shape, OutputRange range, String source) {
        byte[] bytes = SampleGrid.toUint8(outputs, n, shape, range.low(), range.high());
        float[] x = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            x[i] = (bytes[i] & 0xff) / 255f;
        }
        return new EvalImages(x, n, source, null, shape);
    }

    /** Generator outputs ({@code n × 784} values in {@code range}) as quantised images in [0, 1]. */
    public static EvalImages fromOutputs(float[] outputs, int n, OutputRange range, String source) {
        return fromOutputs(outputs, n, SampleCrop.of(Classifier.INPUT, "the generator makes"), range, source);
    }

    /**
     * Generator outputs of shape {@code crop.from()} ({@code n × crop.from().features()} values in {@code range}),
     * mapped by {@code crop}, as quantised images in [0, 1] that record the mapping.
     */
    public static EvalImages fromOutputs(float[] outputs, int n, SampleCrop crop, OutputRange range, String source) {
        float[] input = crop.apply(outputs, n);
        byte[] bytes = SampleGrid.toUint8(input, n, Classifier.INPUT, range.low(), range.high());
        float[] x = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            x[i] = (bytes[i] & 0xff) / 255f;
        }
        return new EvalImages(x, n, source, crop.description());
    }
}
