package org.gan4j.metrics;

import java.util.Random;

/** Small seeded feature sets for the metric tests. */
final class TestData {
    private TestData() {
    }

    /** n × d standard normal rows shifted by {@code shift} in every coordinate. */
    static Features gaussian(int n, int d, double shift, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian() + shift;
        }
        return new Features(n, d, v);
    }

    /** The same rows in a seeded random order. */
    static Features shuffled(Features f, long seed) {
        Random r = new Random(seed);
        int[] p = new int[f.n()];
        for (int i = 0; i < p.length; i++) {
            p[i] = i;
        }
        for (int i = p.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return f.rows(p);
    }

    /** Rows {@code [from, to)}. */
    static Features slice(Features f, int from, int to) {
        int[] p = new int[to - from];
        for (int i = 0; i < p.length; i++) {
            p[i] = from + i;
        }
        return f.rows(p);
    }

    /** A 1-D feature set. */
    static Features column(double... values) {
        return new Features(values.length, 1, values);
    }
}
