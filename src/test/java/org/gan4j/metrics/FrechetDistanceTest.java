package org.gan4j.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gan4j.engine.Engine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FrechetDistanceTest {
    /** One intra-op thread, as in the other suites: results repeat and do not collapse under load. */
    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    private static FeatureStatistics diagonal(double[] mean, double[] variances) {
        int d = mean.length;
        double[] cov = new double[d * d];
        for (int i = 0; i < d; i++) {
            cov[i * d + i] = variances[i];
        }
        return new FeatureStatistics(1000, d, mean, cov);
    }

    /** Diagonal covariances: FD = ‖Δμ‖² + Σ (√aᵢ − √bᵢ)². */
    @Test
    void diagonalGaussiansMatchTheClosedForm() {
        double[] a = {1, 4, 9, 0.5};
        double[] b = {4, 1, 0.25, 0.5};
        double[] m1 = {0, 1, 2, 3};
        double[] m2 = {1, 1, -1, 3.5};
        double expected = 0;
        for (int i = 0; i < a.length; i++) {
            expected += (m1[i] - m2[i]) * (m1[i] - m2[i]) + Math.pow(Math.sqrt(a[i]) - Math.sqrt(b[i]), 2);
        }
        // 1 + 9 + 0.25 = 10.25 from the means; 1 + 1 + 6.25 + 0 = 8.25 from the covariances
        assertEquals(18.5, expected, 1e-12);
        assertEquals(expected, FrechetDistance.between(diagonal(m1, a), diagonal(m2, b)), 1e-10);
        assertEquals(expected, FrechetDistance.between(diagonal(m2, b), diagonal(m1, a)), 1e-10);
    }

    /** Covariances sharing a rotated eigenbasis commute: the same closed form holds off the diagonal. */
    @Test
    void rotatedCommutingCovariancesMatchTheClosedForm() {
        double c = Math.cos(0.7);
        double s = Math.sin(0.7);
        double[] a = {3, 0.2};
        double[] b = {0.5, 2};
        FeatureStatistics sa = new FeatureStatistics(10, 2, new double[] {0, 0}, rotated(c, s, a));
        FeatureStatistics sb = new FeatureStatistics(10, 2, new double[] {0, 2}, rotated(c, s, b));
        double expected = 4 + Math.pow(Math.sqrt(3) - Math.sqrt(0.5), 2) + Math.pow(Math.sqrt(0.2) - Math.sqrt(2), 2);
        assertEquals(expected, FrechetDistance.between(sa, sb), 1e-10);
    }

    private static double[] rotated(double c, double s, double[] eig) {
        // R diag(eig) Rᵀ with R = [[c, -s], [s, c]]
        return new double[] {
            c * c * eig[0] + s * s * eig[1], c * s * eig[0] - c * s * eig[1],
            c * s * eig[0] - c * s * eig[1], s * s * eig[0] + c * c * eig[1]};
    }

    @Test
    void identicalStatisticsGiveZero() {
        Features f = TestData.gaussian(200, 8, 0.3, 1);
        FeatureStatistics s = FeatureStatistics.of(f);
        assertEquals(0.0, FrechetDistance.between(s, s), 1e-9);
        assertEquals(0.0, FrechetDistance.between(f, f), 1e-9);
    }

    @Test
    void statisticsAreTheMeanAndUnbiasedCovariance() {
        Features f = Features.of(new double[][] {{1, 2}, {3, 6}, {5, 4}});
        FeatureStatistics s = FeatureStatistics.of(f);
        assertArrayEquals(new double[] {3, 4}, s.mean(), 1e-12);
        // deviations (-2,-2), (0,2), (2,0): Σ = [[8, 4], [4, 8]] / 2
        assertArrayEquals(new double[] {4, 2, 2, 4}, s.covariance(), 1e-12);
        assertEquals(3, s.n());
    }

    @Test
    void symmetricNonNegativeAndGrowsWithTheShift() {
        Features a = TestData.gaussian(300, 6, 0, 2);
        Features b = TestData.gaussian(300, 6, 0.5, 3);
        Features c = TestData.gaussian(300, 6, 2.0, 4);
        double ab = FrechetDistance.between(a, b);
        assertEquals(ab, FrechetDistance.between(b, a), 1e-9);
        // ‖Δμ‖² = 6 · 0.25 = 1.5 plus sampling noise; shift 2 gives 24
        assertTrue(ab > 1.0 && ab < 2.5, "FD " + ab);
        double ac = FrechetDistance.between(a, c);
        assertTrue(ac > 20 && ac < 30, "FD " + ac);
    }

    /** Fewer samples than dimensions: singular covariances, whose eigenvalues round below 0. */
    @Test
    void rankDeficientCovariancesGiveAFiniteValue() {
        double fd = FrechetDistance.between(TestData.gaussian(5, 12, 0, 5), TestData.gaussian(5, 12, 0, 6));
        assertTrue(Double.isFinite(fd) && fd > 0, "FD " + fd);
    }

    @Test
    void independentOfRowOrder() {
        Features a = TestData.gaussian(150, 5, 0, 7);
        Features b = TestData.gaussian(120, 5, 0.4, 8);
        double fd = FrechetDistance.between(a, b);
        assertEquals(fd, FrechetDistance.between(TestData.shuffled(a, 1), TestData.shuffled(b, 2)), 1e-9 * fd);
    }

    @Test
    void rejectsMismatchedDimensions() {
        assertThrows(IllegalArgumentException.class,
                () -> FrechetDistance.between(TestData.gaussian(10, 3, 0, 1), TestData.gaussian(10, 4, 0, 1)));
        assertThrows(IllegalArgumentException.class, () -> FeatureStatistics.of(TestData.gaussian(1, 3, 0, 1)));
    }
}
