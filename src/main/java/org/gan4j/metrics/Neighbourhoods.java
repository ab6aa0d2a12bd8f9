package org.gan4j.metrics;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * k-nearest-neighbour balls for the manifold metrics ({@link PrecisionRecall},
 * {@link DensityCoverage}). Distances are Euclidean ({@code torch.cdist}, which for more than 25
 * rows uses the matrix-product form, exact to about 1e−8 relative in double). The distance matrix
 * is built a block of rows at a time so that memory stays near {@value #BLOCK_VALUES} doubles
 * (128 MB) whatever the set sizes. Balls are closed: a point at exactly the radius is inside.
 */
final class Neighbourhoods {
    /** Doubles per distance block. */
    static final long BLOCK_VALUES = 1L << 24;

    private Neighbourhoods() {
    }

    /**
     * For each row of {@code x}, the distance to its k-th nearest neighbour among the other rows
     * (the (k+1)-th smallest distance, the first being the row itself).
     */
    static double[] kthNeighbourRadii(Tensor x, int k) {
        int n = (int) x.size(0);
        if (k < 1 || k >= n) {
            throw new IllegalArgumentException("k must be between 1 and n-1 = " + (n - 1) + ", got " + k);
        }
        double[] radii = new double[n];
        int block = blockRows(n);
        for (int start = 0; start < n; start += block) {
            int rows = Math.min(block, n - start);
            try (PointerScope scope = new PointerScope()) {
                Tensor dist = torch.cdist(x.narrow(0, start, rows), x);
                double[] r = DoubleTensors.toDoubles(dist.kthvalue(k + 1, 1, false).get0());
                System.arraycopy(r, 0, radii, start, rows);
            }
        }
        return radii;
    }

    /** For each point, the number of balls (centre, radius) that contain it. */
    static long[] ballsContaining(Tensor points, Tensor centres, double[] radii) {
        int n = (int) points.size(0);
        long[] counts = new long[n];
        int block = blockRows((int) centres.size(0));
        try (PointerScope outer = new PointerScope()) {
            Tensor r = DoubleTensors.fromDoubles(radii, 1, radii.length);
            for (int start = 0; start < n; start += block) {
                int rows = Math.min(block, n - start);
                try (PointerScope scope = new PointerScope()) {
                    Tensor inside = torch.cdist(points.narrow(0, start, rows), centres).le(r);
                    double[] c = DoubleTensors.toDoubles(inside.sum(1));
                    for (int i = 0; i < rows; i++) {
                        counts[start + i] = Math.round(c[i]);
                    }
                }
            }
        }
        return counts;
    }

    /** For each point, the distance to its nearest row of {@code others}. */
    static double[] nearestDistances(Tensor points, Tensor others) {
        int n = (int) points.size(0);
        double[] out = new double[n];
        int block = blockRows((int) others.size(0));
        for (int start = 0; start < n; start += block) {
            int rows = Math.min(block, n - start);
            try (PointerScope scope = new PointerScope()) {
                Tensor dist = torch.cdist(points.narrow(0, start, rows), others);
                double[] m = DoubleTensors.toDoubles(dist.min(1, false).get0());
                System.arraycopy(m, 0, out, start, rows);
            }
        }
        return out;
    }

    private static int blockRows(int columns) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, BLOCK_VALUES / Math.max(1, columns)));
    }

    static void checkSameDimension(Features a, Features b) {
        if (a.d() != b.d()) {
            throw new IllegalArgumentException("feature dimensions differ: " + a.d() + " vs " + b.d());
        }
    }
}
