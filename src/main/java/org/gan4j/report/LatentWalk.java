package org.gan4j.report;

import java.util.Locale;

/**
 * Paths through a generator's latent space: the points between two noise vectors z0 and z1,
 * along the straight line ({@link Mode#LINEAR}, {@code (1−t)·z0 + t·z1}) or along the great
 * circle ({@link Mode#SLERP}, {@code sin((1−t)Ω)/sin Ω · z0 + sin(tΩ)/sin Ω · z1}, Ω the angle
 * between them), which keeps a Gaussian sample's typical norm where the straight line shrinks it
 * towards the origin. Arithmetic is in double; results are float, as a generator takes them.
 */
public final class LatentWalk {
    /** Below this {@code sin Ω} (nearly parallel or opposite vectors) slerp falls back to the straight line. */
    static final double PARALLEL = 1e-6;

    /** How to go from z0 to z1. */
    public enum Mode {
        LINEAR, SLERP;

        /** Parses {@code linear} or {@code slerp} (any case). */
        public static Mode parse(String name) {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private LatentWalk() {
    }

    /** {@code (1−t)·z0 + t·z1}. */
    public static float[] lerp(float[] z0, float[] z1, double t) {
        check(z0, z1);
        float[] z = new float[z0.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) ((1 - t) * z0[i] + t * z1[i]);
        }
        return z;
    }

    /**
     * Spherical interpolation {@code sin((1−t)Ω)/sin Ω · z0 + sin(tΩ)/sin Ω · z1}, Ω the angle
     * between z0 and z1; the straight line when either is zero or {@code sin Ω} is about 0.
     */
    public static float[] slerp(float[] z0, float[] z1, double t) {
        check(z0, z1);
        double dot = 0;
        double n0 = 0;
        double n1 = 0;
        for (int i = 0; i < z0.length; i++) {
            dot += (double) z0[i] * z1[i];
            n0 += (double) z0[i] * z0[i];
            n1 += (double) z1[i] * z1[i];
        }
        if (n0 == 0 || n1 == 0) {
            return lerp(z0, z1, t);
        }
        double cos = Math.max(-1, Math.min(1, dot / Math.sqrt(n0 * n1)));
        double omega = Math.acos(cos);
        double sin = Math.sin(omega);
        if (!(sin > PARALLEL)) {
            return lerp(z0, z1, t);
        }
        double a = Math.sin((1 - t) * omega) / sin;
        double b = Math.sin(t * omega) / sin;
        float[] z = new float[z0.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) (a * z0[i] + b * z1[i]);
        }
        return z;
    }

    /** The point at {@code t} of the path from z0 to z1 in {@code mode}. */
    public static float[] interpolate(float[] z0, float[] z1, double t, Mode mode) {
        return mode == Mode.SLERP ? slerp(z0, z1, t) : lerp(z0, z1, t);
    }

    /**
     * A grid of walks: for each of {@code rows} pairs of endpoints, {@code steps} points at
     * {@code t = 0, 1/(steps−1), ..., 1}, row after row.
     *
     * @param endpoints {@code 2 × rows × dim} values: row r walks from vector {@code 2r} to vector {@code 2r+1}
     * @return {@code rows × steps × dim} values, row-major (row, then t)
     */
    public static float[] grid(float[] endpoints, int rows, int dim, int steps, Mode mode) {
        if (rows < 1 || dim < 1 || steps < 2) {
            throw new IllegalArgumentException("need rows >= 1, dim >= 1 and steps >= 2, got " + rows + ", " + dim
                    + ", " + steps);
        }
        if (endpoints.length != 2L * rows * dim) {
            throw new IllegalArgumentException(rows + " pairs of " + dim + "-d vectors need " + 2L * rows * dim
                    + " values, got " + endpoints.length);
        }
        float[] out = new float[Math.multiplyExact(Math.multiplyExact(rows, steps), dim)];
        for (int r = 0; r < rows; r++) {
            float[] z0 = java.util.Arrays.copyOfRange(endpoints, 2 * r * dim, (2 * r + 1) * dim);
            float[] z1 = java.util.Arrays.copyOfRange(endpoints, (2 * r + 1) * dim, (2 * r + 2) * dim);
            for (int s = 0; s < steps; s++) {
                double t = (double) s / (steps - 1);
                float[] z = s == 0 ? z0 : s == steps - 1 ? z1 : interpolate(z0, z1, t, mode);
                System.arraycopy(z, 0, out, (r * steps + s) * dim, dim);
            }
        }
        return out;
    }

    private static void check(float[] z0, float[] z1) {
        if (z0.length != z1.length) {
            throw new IllegalArgumentException("endpoints differ in size: " + z0.length + " and " + z1.length);
        }
    }
}
