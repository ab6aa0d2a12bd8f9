package org.gan4j.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModeCoverageTest {
    private static final double TOL = 1e-9;

    /** Four modes on the axes at distance 1, σ 0.1 (3σ = 0.3). */
    private static final double[][] FOUR = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}};
    private static final double SIGMA = 0.1;

    private static void close(double expected, double actual, double tol, String what) {
        assertTrue(actual >= expected - tol && actual <= expected + tol, what + ": expected " + expected + " ± " + tol + ", got " + actual);
    }

    @Test
    void evenHitsOnEveryModeGiveAllModesAndZeroKl() {
        float[] p = new float[4 * 3 * 2];
        int i = 0;
        for (int rep = 0; rep < 3; rep++) {
            for (double[] c : FOUR) {
                p[i++] = (float) (c[0] + 0.05 * rep); // within 3σ, off-centre
                p[i++] = (float) (c[1] - 0.05 * rep);
            }
        }
        ModeCoverage m = ModeCoverage.of(p, 12, FOUR, SIGMA);
        assertEquals(4, m.modes());
        assertEquals(12, m.samples());
        assertEquals(4, m.captured());
        close(1.0, m.highQuality(), TOL, "high quality");
        close(0.0, m.kl(), TOL, "kl");
        assertArrayEquals(new long[] {3, 3, 3, 3}, m.perMode());
        assertEquals(12, m.highQualityCount());
    }

    @Test
    void everySampleAtOneModeGivesOneModeAndLogK() {
        float[] p = new float[10 * 2];
        for (int i = 0; i < 10; i++) {
            p[2 * i] = -1f + 0.01f * i;
            p[2 * i + 1] = 0.02f;
        }
        ModeCoverage m = ModeCoverage.of(p, 10, FOUR, SIGMA);
        assertEquals(1, m.captured());
        close(1.0, m.highQuality(), TOL, "high quality");
        close(Math.log(4), m.kl(), TOL, "kl");
        assertArrayEquals(new long[] {0, 0, 10, 0}, m.perMode());
    }

    @Test
    void unevenHitsGiveTheHandComputedKl() {
        // 3 samples at mode 0, 1 at mode 1, and 4 far away (not high quality)
        float[] p = {1, 0, 1.1f, 0, 0.9f, 0.1f, 0, 1, 5, 5, -5, 5, 0, 0, 0.5f, 0.5f};
        ModeCoverage m = ModeCoverage.of(p, 8, FOUR, SIGMA);
        assertEquals(2, m.captured());
        close(0.5, m.highQuality(), TOL, "high quality");
        double expected = 0.75 * Math.log(0.75 * 4) + 0.25 * Math.log(0.25 * 4);
        close(expected, m.kl(), 1e-6, "kl");
    }

    @Test
    void farAwayPointsAreNeverHighQuality() {
        float[] p = {10, 10, -7, 3, 0, 0, Float.NaN, 1, Float.POSITIVE_INFINITY, 0};
        ModeCoverage m = ModeCoverage.of(p, 5, FOUR, SIGMA);
        assertEquals(0, m.captured());
        close(0.0, m.highQuality(), 0, "high quality");
        assertTrue(Double.isNaN(m.kl()), "kl without high-quality samples: " + m.kl());
    }

    @Test
    void exactlyThreeSigmaCountsAndJustBeyondDoesNot() {
        double[][] one = {{0, 0}, {10, 10}};
        double sigma = 0.5; // 3σ = 1.5, exact in binary
        ModeCoverage at = ModeCoverage.of(new float[] {1.5f, 0, 0, -1.5f}, 2, one, sigma);
        assertEquals(1, at.captured());
        close(1.0, at.highQuality(), 0, "at 3σ");
        ModeCoverage beyond = ModeCoverage.of(new float[] {Math.nextUp(1.5f), 0, 0, -Math.nextUp(1.5f)}, 2, one, sigma);
        assertEquals(0, beyond.captured());
        close(0.0, beyond.highQuality(), 0, "beyond 3σ");
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ModeCoverage.of(new float[0], 0, FOUR, SIGMA));
        assertThrows(IllegalArgumentException.class, () -> ModeCoverage.of(new float[3], 2, FOUR, SIGMA));
        assertThrows(IllegalArgumentException.class, () -> ModeCoverage.of(new float[2], 1, new double[0][], SIGMA));
        assertThrows(IllegalArgumentException.class, () -> ModeCoverage.of(new float[2], 1, FOUR, 0));
        assertThrows(IllegalArgumentException.class, () -> ModeCoverage.of(new float[2], 1, new double[][] {{1, 2, 3}}, SIGMA));
    }
}
