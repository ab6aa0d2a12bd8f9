package org.gan4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.BadInputException;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Tensors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ImageQualityTest {
    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    /** A uniform error d gives MSE = d², so PSNR = 10·log10(1/d²) = −20·log10(d): 26.0206 dB for d = 0.05. */
    @Test
    void psnrOfAConstantOffsetIsTenLogOfOneOverDSquared() {
        float[] ref = random(2 * 16 * 16, 0.2, 0.8, 1);
        float[] pred = ref.clone();
        for (int i = 0; i < pred.length; i++) {
            pred[i] += 0.05f;
        }
        ImageQuality.Result r = compare(pred, ref, 2, 1, 16, 16, 2);
        assertEquals(26.0206, r.psnr(), 1e-3);          // float storage of x + 0.05 leaves ~1e-7 of error
        assertEquals(2, r.images());
        assertTrue(r.ssim() < 1 && r.ssim() > 0.9, "a small offset keeps structure: " + r.ssim());
    }

    /**
     * RGB is compared on BT.601 luma: the same offset d on R, G and B moves Y by (65.481 + 128.553 + 24.966)·d/255
     * = 219·d/255, an offset on R alone by 65.481·d/255.
     */
    @Test
    void rgbIsComparedOnItsLuma() {
        float[] ref = random(3 * 14 * 14, 0.2, 0.8, 2);
        float[] grey = ref.clone();
        float[] red = ref.clone();
        for (int i = 0; i < ref.length; i++) {
            grey[i] += 0.05f;
            if (i < 14 * 14) {
                red[i] += 0.05f;                        // channel 0 is R
            }
        }
        assertEquals(-20 * Math.log10(219 * 0.05 / 255), compare(grey, ref, 1, 3, 14, 14, 1).psnr(), 1e-3);
        assertEquals(-20 * Math.log10(65.481 * 0.05 / 255), compare(red, ref, 1, 3, 14, 14, 1).psnr(), 1e-3);
    }

    @Test
    void identicalImagesHaveSsimOneAndInfinitePsnr() {
        float[] x = random(3 * 3 * 12 * 12, 0, 1, 3);
        ImageQuality.Result r = compare(x, x, 0, 3, 12, 12, 3);
        assertEquals(1.0, r.ssim(), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, r.psnr());
    }

    /** Differences only in the cropped ring do not count. */
    @Test
    void theBorderIsCroppedBeforeMeasuring() {
        int side = 16;
        float[] ref = random(side * side, 0, 1, 4);
        float[] pred = ref.clone();
        for (int i = 0; i < side; i++) {
            pred[i] = 1 - pred[i];                                      // top row
            pred[i * side + side - 1] = 1 - pred[i * side + side - 1];  // right column
        }
        ImageQuality.Result cropped = compare(pred, ref, 1, 1, side, side, 1);
        assertEquals(Double.POSITIVE_INFINITY, cropped.psnr());
        assertEquals(1.0, cropped.ssim(), 1e-12);
        ImageQuality.Result whole = compare(pred, ref, 0, 1, side, side, 1);
        assertTrue(Double.isFinite(whole.psnr()) && whole.ssim() < 1);
    }

    /** SSIM of a 13 × 15 pair (border 1 → 11 × 13, so 1 × 3 window positions), against the definition as a double loop. */
    @Test
    void ssimMatchesTheDefinitionWrittenOut() {
        int h = 13;
        int w = 15;
        float[] x = random(h * w, 0, 1, 5);
        float[] y = x.clone();
        SplittableRandom noise = new SplittableRandom(6);
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) Math.min(1, Math.max(0, 0.7 * y[i] + 0.1 + noise.nextDouble(-0.15, 0.15)));
        }
        double expected = referenceSsim(x, y, h, w, 1);
        ImageQuality.Result r = compare(y, x, 1, 1, h, w, 1);
        assertEquals(expected, r.ssim(), 1e-9);
        assertTrue(r.ssim() > 0.1 && r.ssim() < 0.95, "a case away from both ends: " + r.ssim());
    }

    /** PSNR and SSIM are means over images: an image with error 0.1 and one with 0.01 give (20 + 40)/2 dB. */
    @Test
    void resultsAreMeansOverImages() {
        int side = 11;
        float[] ref = random(2 * side * side, 0.2, 0.8, 7);
        float[] pred = ref.clone();
        for (int i = 0; i < pred.length; i++) {
            pred[i] += i < side * side ? 0.1f : 0.01f;
        }
        ImageQuality.Result both = compare(pred, ref, 0, 1, side, side, 2);
        assertEquals(30.0, both.psnr(), 1e-3);
        double first = referenceSsim(slice(pred, 0, side * side), slice(ref, 0, side * side), side, side, 0);
        double second = referenceSsim(slice(pred, 1, side * side), slice(ref, 1, side * side), side, side, 0);
        assertEquals((first + second) / 2, both.ssim(), 1e-9);
    }

    @Test
    void badInputsAreRefused() {
        float[] x = random(2 * 12 * 12, 0, 1, 8);
        assertThrows(BadInputException.class, () -> compare(x, x, 1, 1, 12, 12, 2),
                "12 − 2·1 = 10 is smaller than the window");
        assertThrows(BadInputException.class, () -> compare(x, x, 0, 2, 12, 12, 1), "two channels");
        float[] symmetric = x.clone();
        symmetric[0] = -0.5f;
        assertThrows(IllegalArgumentException.class, () -> compare(symmetric, x, 0, 1, 12, 12, 2), "values in [-1, 1]");
        try (PointerScope scope = new PointerScope()) {
            Tensor a = Tensors.fromFloats(x, 2, 1, 12, 12);
            Tensor b = Tensors.fromFloats(x, 1, 2, 12, 12);
            assertThrows(IllegalArgumentException.class, () -> ImageQuality.compare(a, b, 0));
        }
    }

    // ---- helpers and the reference ----

    private static ImageQuality.Result compare(float[] pred, float[] ref, int border, int c, int h, int w, int n) {
        try (PointerScope scope = new PointerScope()) {
            return ImageQuality.compare(Tensors.fromFloats(pred, n, c, h, w), Tensors.fromFloats(ref, n, c, h, w), border);
        }
    }

    /** SSIM of one grayscale image pair after cropping, straight from Wang et al. (2004), eq. 13, with their Gaussian window. */
    private static double referenceSsim(float[] x, float[] y, int h, int w, int border) {
        int r = 5;
        double[][] g = new double[11][11];
        double total = 0;
        for (int i = 0; i < 11; i++) {
            for (int j = 0; j < 11; j++) {
                g[i][j] = Math.exp(-((i - r) * (i - r) + (j - r) * (j - r)) / (2 * 1.5 * 1.5));
                total += g[i][j];
            }
        }
        double c1 = 0.01 * 0.01;
        double c2 = 0.03 * 0.03;
        double sum = 0;
        int count = 0;
        for (int ci = border + r; ci < h - border - r; ci++) {
            for (int cj = border + r; cj < w - border - r; cj++) {
                double mx = 0;
                double my = 0;
                for (int i = 0; i < 11; i++) {
                    for (int j = 0; j < 11; j++) {
                        double wt = g[i][j] / total;
                        mx += wt * x[(ci - r + i) * w + cj - r + j];
                        my += wt * y[(ci - r + i) * w + cj - r + j];
                    }
                }
                double vx = 0;
                double vy = 0;
                double cxy = 0;
                for (int i = 0; i < 11; i++) {
                    for (int j = 0; j < 11; j++) {
                        double wt = g[i][j] / total;
                        double dx = x[(ci - r + i) * w + cj - r + j] - mx;
                        double dy = y[(ci - r + i) * w + cj - r + j] - my;
                        vx += wt * dx * dx;
                        vy += wt * dy * dy;
                        cxy += wt * dx * dy;
                    }
                }
                sum += (2 * mx * my + c1) * (2 * cxy + c2) / ((mx * mx + my * my + c1) * (vx + vy + c2));
                count++;
            }
        }
        return sum / count;
    }

    private static float[] random(int n, double lo, double hi, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextDouble(lo, hi);
        }
        return v;
    }

    private static float[] slice(float[] v, int index, int size) {
        float[] out = new float[size];
        System.arraycopy(v, index * size, out, 0, size);
        return out;
    }
}
