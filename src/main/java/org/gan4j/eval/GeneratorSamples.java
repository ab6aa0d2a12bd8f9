package org.gan4j.eval;

import org.gan4j.nn.Classifier;
import org.gan4j.nn.OutputRange;
import org.gan4j.report.SampleGrid;

/**
 * A generator's samples as the feature networks see them: quantised to bytes exactly as
 * {@code gan4j sample --out FILE-idx3-ubyte} writes them, then scaled to [0, 1]. So
 * {@code eval --run} and {@code eval --samples} on that run's IDX export (same n and seed) agree.
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
        return new EvalImages(x, n, source, shape);
    }

    /** Generator outputs ({@code n × 784} values in {@code range}) as quantised images in [0, 1]. */
    public static EvalImages fromOutputs(float[] outputs, int n, OutputRange range, String source) {
        byte[] bytes = SampleGrid.toUint8(outputs, n, Classifier.INPUT, range.low(), range.high());
        float[] x = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            x[i] = (bytes[i] & 0xff) / 255f;
        }
        return new EvalImages(x, n, source);
    }
}
