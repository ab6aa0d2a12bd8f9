package org.gan4j.metrics;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.engine.Engine;

/**
 * Kernel distance, KID when the features are Inception's (Bińkowski, Sutherland, Arbel and Gretton,
 * "Demystifying MMD GANs", ICLR 2018): the unbiased estimate of the squared maximum mean discrepancy
 * with the cubic polynomial kernel
 *
 * <pre>
 *   k(x, y) = (xᵀy / d + 1)³
 *   MMD²ᵤ = Σ_{i≠j} k(xᵢ, xⱼ) / (m(m−1)) + Σ_{i≠j} k(yᵢ, yⱼ) / (m(m−1)) − 2 Σ_{i,j} k(xᵢ, yⱼ) / m²
 * </pre>
 *
 * computed on {@link #subsets()} pairs of random subsets of {@code m = min(subsetSize, n_real,
 * n_generated)} rows each, drawn without replacement, and reported as mean ± population standard
 * deviation over the subsets. Defaults as in the paper's code and torch-fidelity: 100 subsets of
 * 1000. Unlike FID it is unbiased, so values from different sample counts can be compared; being
 * unbiased it can be slightly negative when the two distributions match.
 *
 * <p>Reproducibility: the subsets come from a {@link SplittableRandom} with the given seed, and the
 * rows of both sets are first put in a canonical (lexicographic) order, so the result depends only
 * on the two sets of samples and the seed, not on the order the samples came in. When {@code m}
 * equals both set sizes every subset is the whole set and the standard deviation is 0.
 *
 * @param subsets    number of subset pairs, at least 1
 * @param subsetSize rows per subset before capping at the set sizes, at least 2
 * @param seed       seed of the subset sampler
 */
public record KernelDistance(int subsets, int subsetSize, long seed) {
    /** Subset pairs by default, as in Bińkowski et al.'s code. */
    public static final int DEFAULT_SUBSETS = 100;
    /** Rows per subset by default (capped at the smaller set's size). */
    public static final int DEFAULT_SUBSET_SIZE = 1000;
    /** Seed of the subset sampler by default. */
    public static final long DEFAULT_SEED = 0L;

    public KernelDistance {
        if (subsets < 1) {
            throw new IllegalArgumentException("subsets must be at least 1, got " + subsets);
        }
        if (subsetSize < 2) {
            throw new IllegalArgumentException("subset size must be at least 2 (the estimate divides by m(m-1)), got "
                    + subsetSize);
        }
    }

    /** 100 subsets of 1000 rows, seed 0. */
    public static KernelDistance defaults() {
        return new KernelDistance(DEFAULT_SUBSETS, DEFAULT_SUBSET_SIZE, DEFAULT_SEED);
    }

    /** Mean ± std of MMD²ᵤ over the subsets between {@code real} and {@code generated}. */
    public MeanStd compute(Features real, Features generated) {
        if (real.d() != generated.d()) {
            throw new IllegalArgumentException("feature dimensions differ: " + real.d() + " vs " + generated.d());
        }
        int m = Math.min(subsetSize, Math.min(real.n(), generated.n()));
        if (m < 2) {
            throw new IllegalArgumentException("KID needs at least 2 samples in each set, got "
                    + real.n() + " and " + generated.n());
        }
        Features x = canonicalOrder(real);
        Features y = canonicalOrder(generated);
        SplittableRandom random = new SplittableRandom(seed);
        int[] xPerm = identity(x.n());
        int[] yPerm = identity(y.n());
        double[] values = new double[subsets];
        Engine.ensureLoaded();
        try (PointerScope outer = new PointerScope()) {
            Tensor xt = x.toTensor();
            Tensor yt = y.toTensor();
            for (int s = 0; s < subsets; s++) {
                long[] xi = sample(xPerm, m, random);
                long[] yi = sample(yPerm, m, random);
                try (PointerScope inner = new PointerScope()) {
                    values[s] = unbiasedMmd2(xt.index_select(0, DoubleTensors.fromLongs(xi)),
                            yt.index_select(0, DoubleTensors.fromLongs(yi)));
                }
            }
        }
        return MeanStd.of(values);
    }

    /** MMD²ᵤ with the cubic polynomial kernel between the rows of two {@code m × d} double tensors. */
    static double unbiasedMmd2(Tensor x, Tensor y) {
        long m = x.size(0);
        double d = x.size(1);
        double kxx = offDiagonalSum(kernel(x, x, d));
        double kyy = offDiagonalSum(kernel(y, y, d));
        double kxy = kernel(x, y, d).sum().item_double();
        return (kxx + kyy) / ((double) m * (m - 1)) - 2.0 * kxy / ((double) m * m);
    }

    private static Tensor kernel(Tensor a, Tensor b, double d) {
        Tensor k = a.matmul(b.t()).div(new Scalar(d)).add(new Scalar(1.0));
        return k.mul(k).mul(k);
    }

    private static double offDiagonalSum(Tensor k) {
        return k.sum().item_double() - k.diagonal().sum().item_double();
    }

    /**
     * {@code m} distinct indices drawn uniformly: a partial Fisher–Yates shuffle of {@code perm},
     * which stays a permutation between calls, so each call draws a fresh uniform subset.
     */
    private static long[] sample(int[] perm, int m, SplittableRandom random) {
        long[] out = new long[m];
        for (int i = 0; i < m; i++) {
            int j = i + random.nextInt(perm.length - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
            out[i] = perm[i];
        }
        return out;
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    /** The rows sorted lexicographically, so that sampling does not depend on the input order. */
    static Features canonicalOrder(Features f) {
        double[] v = f.raw();
        int d = f.d();
        Integer[] order = new Integer[f.n()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> Arrays.compare(v, p * d, (p + 1) * d, v, q * d, (q + 1) * d));
        int[] idx = new int[order.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = order[i];
        }
        return f.rows(idx);
    }
}
