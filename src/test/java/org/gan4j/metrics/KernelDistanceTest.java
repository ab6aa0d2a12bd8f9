package org.gan4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gan4j.engine.Engine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KernelDistanceTest {
    /** One intra-op thread, as in the other suites: results repeat and do not collapse under load. */
    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    /** The unbiased MMD² with k(x, y) = (xᵀy/d + 1)³, by plain loops. */
    private static double mmd2ByLoops(double[][] x, double[][] y) {
        int m = x.length;
        int d = x[0].length;
        double xx = 0;
        double yy = 0;
        double xy = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                if (i != j) {
                    xx += k(x[i], x[j], d);
                    yy += k(y[i], y[j], d);
                }
                xy += k(x[i], y[j], d);
            }
        }
        return xx / (m * (m - 1.0)) + yy / (m * (m - 1.0)) - 2 * xy / ((double) m * m);
    }

    private static double k(double[] a, double[] b, int d) {
        double dot = 0;
        for (int i = 0; i < d; i++) {
            dot += a[i] * b[i];
        }
        return Math.pow(dot / d + 1, 3);
    }

    /** Subsets as large as the sets are the whole sets: every subset gives the same value. */
    @Test
    void tinyCaseMatchesTheFormulaByHand() {
        double[][] x = {{1, 0}, {0, 2}, {-1, 1}};
        double[][] y = {{0.5, 0.5}, {2, -1}, {1, 1}};
        double expected = mmd2ByLoops(x, y);
        MeanStd kd = new KernelDistance(5, 1000, 0).compute(Features.of(x), Features.of(y));
        assertEquals(expected, kd.mean(), 1e-12);
        assertEquals(0.0, kd.std(), 1e-12);
        assertEquals(5, kd.count());
    }

    /** Two halves of one sample: the unbiased estimate is centred on 0. */
    @Test
    void nearZeroForTwoHalvesOfOneSample() {
        Features all = TestData.gaussian(800, 8, 0, 11);
        MeanStd kd = new KernelDistance(50, 200, 0)
                .compute(TestData.slice(all, 0, 400), TestData.slice(all, 400, 800));
        assertTrue(Math.abs(kd.mean()) < kd.std(), "KD " + kd);
    }

    @Test
    void clearlyPositiveForShiftedSets() {
        Features a = TestData.gaussian(400, 8, 0, 12);
        Features b = TestData.gaussian(400, 8, 0.5, 13);
        MeanStd kd = new KernelDistance(50, 200, 0).compute(a, b);
        assertTrue(kd.mean() > 10 * kd.std() && kd.mean() > 0.1, "KD " + kd);
    }

    @Test
    void independentOfRowOrderForAGivenSeed() {
        Features a = TestData.gaussian(150, 4, 0, 14);
        Features b = TestData.gaussian(130, 4, 0.3, 15);
        KernelDistance kd = new KernelDistance(20, 50, 42);
        MeanStd once = kd.compute(a, b);
        MeanStd again = kd.compute(TestData.shuffled(a, 3), TestData.shuffled(b, 4));
        assertEquals(once.mean(), again.mean(), 1e-12);
        assertEquals(once.std(), again.std(), 1e-12);
        assertNotEquals(once.mean(), new KernelDistance(20, 50, 43).compute(a, b).mean(), "the seed picks the subsets");
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new KernelDistance(0, 100, 0));
        assertThrows(IllegalArgumentException.class, () -> new KernelDistance(10, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> KernelDistance.defaults()
                .compute(TestData.gaussian(1, 2, 0, 1), TestData.gaussian(5, 2, 0, 1)));
        assertEquals(new KernelDistance(100, 1000, 0), KernelDistance.defaults());
    }
}
