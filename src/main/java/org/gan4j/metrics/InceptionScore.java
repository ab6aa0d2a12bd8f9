package org.gan4j.metrics;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.engine.Engine;

/**
 * The Inception Score (Salimans et al., "Improved Techniques for Training GANs", NeurIPS 2016) from
 * a classifier's class probabilities {@code p(y|x)} for generated samples, one row per sample:
 *
 * <pre>
 *   IS = exp( E_x KL(p(y|x) ‖ p(y)) ),   p(y) = E_x p(y|x)
 * </pre>
 *
 * <p>As in the reference code the rows are cut, in the order given, into {@code splits} contiguous
 * parts (part {@code i} is rows {@code [i·n/splits, (i+1)·n/splits)}); {@code p(y)} and the score
 * are computed within each part, and the result is mean ± population standard deviation over the
 * parts. Terms with {@code p(y|x) = 0} contribute 0 ({@code 0 log 0 = 0}). The score lies between 1
 * (every row the same) and the number of classes (confident, evenly spread predictions). In gan4j
 * the classifier is one of its own networks, not Inception, so scores are comparable only between
 * runs that use the same classifier.
 */
public final class InceptionScore {
    /** Splits by default, as in the reference code. */
    public static final int DEFAULT_SPLITS = 10;
    /** How far a row's sum may be from 1 before it is rejected as not a probability vector. */
    static final double SUM_TOLERANCE = 1e-6;

    private InceptionScore() {
    }

    /** IS over {@value #DEFAULT_SPLITS} splits; needs at least that many rows. */
    public static MeanStd compute(Features probabilities) {
        return compute(probabilities, DEFAULT_SPLITS);
    }

    /**
     * IS over {@code splits} contiguous splits.
     *
     * @param probabilities n × classes, each row non-negative and summing to 1 (within 1e−6)
     * @param splits        1 to n
     */
    public static MeanStd compute(Features probabilities, int splits) {
        int n = probabilities.n();
        if (splits < 1 || splits > n) {
            throw new IllegalArgumentException("splits must be between 1 and the " + n + " rows, got " + splits);
        }
        checkProbabilities(probabilities);
        double[] scores = new double[splits];
        Engine.ensureLoaded();
        try (PointerScope scope = new PointerScope()) {
            Tensor p = probabilities.toTensor();
            for (int s = 0; s < splits; s++) {
                long start = (long) s * n / splits;
                long end = (long) (s + 1) * n / splits;
                Tensor part = p.narrow(0, start, end - start);
                Tensor marginal = part.mean(new long[] {0}, true, new ScalarTypeOptional());
                // KL per row = Σ_c p log p − p log p(y); xlogy gives 0 where p = 0.
                Tensor kl = part.xlogy(part).sub(part.xlogy(marginal)).sum(1);
                scores[s] = Math.exp(kl.mean().item_double());
            }
        }
        return MeanStd.of(scores);
    }

    private static void checkProbabilities(Features f) {
        double[] v = f.raw();
        int c = f.d();
        for (int i = 0; i < f.n(); i++) {
            double sum = 0;
            for (int j = 0; j < c; j++) {
                double x = v[i * c + j];
                if (x < 0) {
                    throw new IllegalArgumentException("row " + i + " has a negative probability " + x);
                }
                sum += x;
            }
            if (Math.abs(sum - 1.0) > SUM_TOLERANCE) {
                throw new IllegalArgumentException("row " + i + " sums to " + sum + ", not 1: pass probabilities (softmax), not logits");
            }
        }
    }
}
