package org.gan4j.metrics;

import java.util.Arrays;
import org.bytedeco.pytorch.Tensor;

/**
 * An immutable {@code n × d} matrix of features, one row per sample, stored row-major in double
 * precision. The rows come from a feature network applied to real or generated samples (or, for
 * {@link InceptionScore}, are class probabilities); every metric in this package reads them. The
 * array is copied on the way in and on the way out.
 *
 * @param n      number of samples (rows), at least 1
 * @param d      feature dimension (columns), at least 1
 * @param values {@code n * d} finite values, row {@code i} at {@code [i*d, (i+1)*d)}
 */
public record Features(int n, int d, double[] values) {
    public Features {
        if (n < 1 || d < 1) {
            throw new IllegalArgumentException("features need n >= 1 and d >= 1, got " + n + " x " + d);
        }
        if ((long) n * d != values.length) {
            throw new IllegalArgumentException(n + " x " + d + " features need " + (long) n * d
                    + " values, got " + values.length);
        }
        values = values.clone();
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("feature value " + values[i] + " at row " + i / d
                        + ", column " + i % d + " is not finite");
            }
        }
    }

    /** Features from rows of equal length. */
    public static Features of(double[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("no rows");
        }
        int d = rows[0].length;
        double[] v = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, row 0 has " + d);
            }
            System.arraycopy(rows[i], 0, v, i * d, d);
        }
        return new Features(rows.length, d, v);
    }

    /** Features from a row-major float array, e.g. {@link org.gan4j.engine.Tensors#toFloats}. */
    public static Features ofFloats(float[] values, int n, int d) {
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = values[i];
        }
        return new Features(n, d, v);
    }

    /** Features copied from a 2-D tensor (any floating type, any device). */
    public static Features fromTensor(Tensor t) {
        if (t.dim() != 2) {
            throw new IllegalArgumentException("features must be a 2-D tensor (n x d), got " + t.dim() + "-D");
        }
        return new Features((int) t.size(0), (int) t.size(1), DoubleTensors.toDoubles(t));
    }

    /** A copy of the row-major values. */
    @Override
    public double[] values() {
        return values.clone();
    }

    /** Value at row {@code i}, column {@code j}. */
    public double get(int i, int j) {
        return values[i * d + j];
    }

    /** A copy of row {@code i}. */
    public double[] row(int i) {
        return Arrays.copyOfRange(values, i * d, (i + 1) * d);
    }

    /** The rows in the given order (a permutation, subset or repetition of row indices). */
    public Features rows(int[] indices) {
        double[] v = new double[indices.length * d];
        for (int r = 0; r < indices.length; r++) {
            System.arraycopy(values, indices[r] * d, v, r * d, d);
        }
        return new Features(indices.length, d, v);
    }

    /** A new CPU double tensor {@code n × d}; the caller holds a PointerScope open. */
    Tensor toTensor() {
        return DoubleTensors.fromDoubles(values, n, d);
    }

    /** Direct read access for this package, without the defensive copy. */
    double[] raw() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Features f && f.n == n && f.d == d && Arrays.equals(f.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * n + d) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Features[" + n + " x " + d + "]";
    }
}
