package org.gan4j.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.gan4j.report.LatentWalk.Mode;
import org.junit.jupiter.api.Test;

class LatentWalkTest {
    private static final float EPS = 1e-5f;

    private static float[] gaussian(Random rnd, int dim) {
        float[] z = new float[dim];
        for (int i = 0; i < dim; i++) {
            z[i] = (float) rnd.nextGaussian();
        }
        return z;
    }

    private static double norm(float[] z) {
        double s = 0;
        for (float v : z) {
            s += (double) v * v;
        }
        return Math.sqrt(s);
    }

    private static float[] scaledTo(float[] z, double length) {
        double n = norm(z);
        float[] out = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = (float) (z[i] / n * length);
        }
        return out;
    }

    @Test
    void endpointsAreTheGivenVectors() {
        Random rnd = new Random(1);
        float[] z0 = gaussian(rnd, 100);
        float[] z1 = gaussian(rnd, 100);
        for (Mode mode : Mode.values()) {
            assertArrayEquals(z0, LatentWalk.interpolate(z0, z1, 0, mode), EPS, mode + " t=0");
            assertArrayEquals(z1, LatentWalk.interpolate(z0, z1, 1, mode), EPS, mode + " t=1");
        }
    }

    @Test
    void linearMidpointIsTheAverage() {
        float[] z0 = {1, -2, 3, 0.5f};
        float[] z1 = {3, 2, -1, 0.5f};
        assertArrayEquals(new float[] {2, 0, 1, 0.5f}, LatentWalk.lerp(z0, z1, 0.5), EPS);
        assertArrayEquals(new float[] {1.5f, -1, 2, 0.5f}, LatentWalk.lerp(z0, z1, 0.25), EPS);
    }

    @Test
    void slerpKeepsTheNormOfEqualNormEndpoints() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            float[] z0 = scaledTo(gaussian(rnd, 64), 8.0);
            float[] z1 = scaledTo(gaussian(rnd, 64), 8.0);
            for (double t : new double[] {0.1, 0.25, 0.5, 0.8, 0.95}) {
                double n = norm(LatentWalk.slerp(z0, z1, t));
                assertEquals(8.0, n, 1e-4, "slerp norm at t=" + t);
            }
            // The straight line cuts the chord: its midpoint is strictly shorter.
            double chordMid = norm(LatentWalk.lerp(z0, z1, 0.5));
            assertEquals(true, chordMid < 8.0 - 1e-3 && chordMid > 0, "lerp midpoint norm " + chordMid);
        }
    }

    @Test
    void slerpMovesAtConstantAngularSpeed() {
        float[] z0 = {1, 0};
        float[] z1 = {0, 1};
        float[] mid = LatentWalk.slerp(z0, z1, 0.5);
        float h = (float) Math.sqrt(0.5);
        assertArrayEquals(new float[] {h, h}, mid, EPS);
        float[] third = LatentWalk.slerp(z0, z1, 1.0 / 3);
        assertArrayEquals(new float[] {(float) Math.cos(Math.PI / 6), (float) Math.sin(Math.PI / 6)}, third, EPS);
    }

    @Test
    void slerpFallsBackToTheLineForParallelOrZeroVectors() {
        float[] z0 = {1, 2, 3};
        float[] z1 = {2, 4, 6};
        assertArrayEquals(LatentWalk.lerp(z0, z1, 0.3), LatentWalk.slerp(z0, z1, 0.3), EPS);
        float[] zero = {0, 0, 0};
        assertArrayEquals(LatentWalk.lerp(zero, z1, 0.3), LatentWalk.slerp(zero, z1, 0.3), EPS);
        float[] opposite = {-1, -2, -3};
        float[] r = LatentWalk.slerp(z0, opposite, 0.5);
        for (float v : r) {
            assertEquals(0f, v, EPS);
        }
    }

    @Test
    void gridWalksEachPairRowByRow() {
        float[] endpoints = {0, 0, /* row 0 */ 4, 8, 1, 1, /* row 1 */ 1, 1};
        float[] grid = LatentWalk.grid(endpoints, 2, 2, 5, Mode.LINEAR);
        assertEquals(2 * 5 * 2, grid.length);
        assertArrayEquals(new float[] {0, 0, 1, 2, 2, 4, 3, 6, 4, 8, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, grid, EPS);
        assertThrows(IllegalArgumentException.class, () -> LatentWalk.grid(endpoints, 2, 2, 1, Mode.SLERP));
        assertThrows(IllegalArgumentException.class, () -> LatentWalk.grid(endpoints, 3, 2, 5, Mode.SLERP));
        assertEquals(Mode.SLERP, Mode.parse(" Slerp "));
        assertThrows(IllegalArgumentException.class, () -> Mode.parse("cubic"));
    }
}
