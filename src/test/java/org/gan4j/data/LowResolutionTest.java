package org.gan4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.BadInputException;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Tensors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checked against PIL's antialiased bicubic resampling written out here as a double loop (the
 * algorithm libtorch's {@code antialias=true} follows): for output pixel i, centre (i + ½)·r with
 * r = in/out, a window of half-width 2·max(r, 1), weights Keys(a = −0.5)((j − centre + ½)/max(r, 1))
 * normalised to sum 1. The resize is separable: out = R_h · X · R_wᵀ.
 */
class LowResolutionTest {
    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    @ParameterizedTest(name = "downscale by {0}")
    @ValueSource(ints = {2, 4})
    void downscaleIsAntialiasedBicubic(int scale) {
        double[][] x = randomImage(8, 12, 0.5, 11);
        try (PointerScope scope = new PointerScope()) {
            Tensor lr = LowResolution.downscale(tensor(x), scale);
            assertArrayEquals(new long[] {1, 1, 8 / scale, 12 / scale}, lr.sizes().vec().get());
            assertClose(resize(x, 8 / scale, 12 / scale), lr);
        }
    }

    @ParameterizedTest(name = "upscale by {0}")
    @ValueSource(ints = {2, 4})
    void upscaleIsBicubic(int scale) {
        double[][] x = randomImage(3, 5, 0.5, 12);
        try (PointerScope scope = new PointerScope()) {
            Tensor hr = LowResolution.upscaleBicubic(tensor(x), scale);
            assertArrayEquals(new long[] {1, 1, 3L * scale, 5L * scale}, hr.sizes().vec().get());
            assertClose(resize(x, 3 * scale, 5 * scale), hr);
        }
    }

    /** A hard −1 | +1 edge makes bicubic overshoot past ±1; the result is the reference clamped to [−1, 1]. */
    @Test
    void overshootAtAnEdgeIsClampedToTheImageRange() {
        double[][] x = new double[8][8];
        for (double[] row : x) {
            for (int j = 0; j < 8; j++) {
                row[j] = j < 3 ? -1 : 1;
            }
        }
        double[][] expected = resize(x, 4, 4);
        double peak = 0;
        for (double[] row : expected) {
            for (int j = 0; j < row.length; j++) {
                peak = Math.max(peak, Math.abs(row[j]));
                row[j] = Math.max(-1, Math.min(1, row[j]));
            }
        }
        assertTrue(peak > 1.01, "the unclamped reference overshoots: " + peak);
        try (PointerScope scope = new PointerScope()) {
            assertClose(expected, LowResolution.downscale(tensor(x), 2));
        }
    }

    @Test
    void batchesAndChannelsAreResizedIndependentlyAndConstantsStayConstant() {
        try (PointerScope scope = new PointerScope()) {
            Tensor hr = torch.ones(2, 3, 8, 8).mul_(new Scalar(0.25));
            Tensor lr = LowResolution.downscale(hr, 4);
            assertArrayEquals(new long[] {2, 3, 2, 2}, lr.sizes().vec().get());
            for (float v : Tensors.toFloats(lr)) {
                assertEquals(0.25f, v, 1e-6f);
            }
            for (float v : Tensors.toFloats(LowResolution.upscaleBicubic(lr, 4))) {
                assertEquals(0.25f, v, 1e-6f);
            }
        }
    }

    @Test
    void aScaleThatDoesNotDivideTheImagesIsOneLine() {
        BadInputException e = assertThrows(BadInputException.class, () -> LowResolution.checkDivisible(28, 28, 3));
        assertEquals("--scale 3 does not divide the 28×28 images (both sides must be multiples of it)", e.getMessage());
        assertThrows(BadInputException.class, () -> LowResolution.checkDivisible(28, 30, 4));
        assertThrows(BadInputException.class, () -> LowResolution.checkDivisible(28, 28, 0));
        assertDoesNotThrow(() -> LowResolution.checkDivisible(28, 32, 4));
        try (PointerScope scope = new PointerScope()) {
            assertThrows(BadInputException.class, () -> LowResolution.downscale(torch.zeros(1, 1, 28, 28), 3));
        }
    }

    // ---- the reference ----

    /** PIL's bicubic filter, Keys' cubic with a = −0.5. */
    private static double keys(double x) {
        double a = -0.5;
        x = Math.abs(x);
        if (x < 1) {
            return ((a + 2) * x - (a + 3)) * x * x + 1;
        }
        if (x < 2) {
            return (((x - 5) * x + 8) * x - 4) * a;
        }
        return 0;
    }

    /** The out × in resampling matrix of one axis. */
    private static double[][] weights(int in, int out) {
        double ratio = (double) in / out;
        double stretch = Math.max(ratio, 1);
        double support = 2 * stretch;
        double[][] m = new double[out][in];
        for (int i = 0; i < out; i++) {
            double centre = ratio * (i + 0.5);
            int lo = Math.max((int) (centre - support + 0.5), 0);
            int hi = Math.min((int) (centre + support + 0.5), in);
            double total = 0;
            for (int j = lo; j < hi; j++) {
                m[i][j] = keys((j - centre + 0.5) / stretch);
                total += m[i][j];
            }
            for (int j = lo; j < hi; j++) {
                m[i][j] /= total;
            }
        }
        return m;
    }

    /** R_h · X · R_wᵀ, unclamped. */
    private static double[][] resize(double[][] x, int height, int width) {
        double[][] rh = weights(x.length, height);
        double[][] rw = weights(x[0].length, width);
        double[][] out = new double[height][width];
        for (int i = 0; i < height; i++) {
            for (int j = 0; j < width; j++) {
                double s = 0;
                for (int p = 0; p < x.length; p++) {
                    for (int q = 0; q < x[0].length; q++) {
                        s += rh[i][p] * x[p][q] * rw[j][q];
                    }
                }
                out[i][j] = s;
            }
        }
        return out;
    }

    private static double[][] randomImage(int h, int w, double amplitude, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[h][w];
        for (double[] row : x) {
            for (int j = 0; j < w; j++) {
                row[j] = random.nextDouble(-amplitude, amplitude);
            }
        }
        return x;
    }

    private static Tensor tensor(double[][] x) {
        int h = x.length;
        int w = x[0].length;
        float[] v = new float[h * w];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                v[i * w + j] = (float) x[i][j];
            }
        }
        return Tensors.fromFloats(v, 1, 1, h, w);
    }

    private static void assertClose(double[][] expected, Tensor actual) {
        float[] a = Tensors.toFloats(actual);
        int w = expected[0].length;
        assertEquals(expected.length * w, a.length);
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < w; j++) {
                assertEquals(expected[i][j], a[i * w + j], 1e-5, "pixel " + i + "," + j);
            }
        }
    }
}
