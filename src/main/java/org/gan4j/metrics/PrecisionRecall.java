package org.gan4j.metrics;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.engine.Engine;

/**
 * Improved precision and recall (Kynkäänniemi, Karras, Laine, Lehtinen and Aila, "Improved
 * Precision and Recall Metric for Assessing Generative Models", NeurIPS 2019). Each set's manifold
 * is estimated as the union of closed balls around its samples, each ball's radius the distance to
 * that sample's k-th nearest neighbour within its own set:
 *
 * <pre>
 *   precision = (1/M) Σ_j 1[ ∃ i: ‖y_j − x_i‖ ≤ NND_k(x_i) ]   (generated samples on the real manifold)
 *   recall    = (1/N) Σ_i 1[ ∃ j: ‖x_i − y_j‖ ≤ NND_k(y_j) ]   (real samples on the generated manifold)
 * </pre>
 *
 * with real rows {@code x_1..x_N}, generated rows {@code y_1..y_M}. Precision says how much of what
 * the generator makes is realistic, recall how much of the real data it can make. Both lie in
 * [0, 1] and do not depend on the order of the rows. Each set needs more than {@code k} rows; the
 * paper uses k = 3 and 50,000 samples per set. Cost: O(N·M·d) time, memory bounded by
 * {@link Neighbourhoods}' blocks.
 *
 * @param k the neighbour that sets the ball radius, at least 1
 */
public record PrecisionRecall(int k) {
    /** k by default, as in the paper. */
    public static final int DEFAULT_K = 3;

    /** Precision and recall, each in [0, 1]. */
    public record Result(double precision, double recall) {
    }

    public PrecisionRecall {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
    }

    /** k = 3. */
    public static PrecisionRecall defaults() {
        return new PrecisionRecall(DEFAULT_K);
    }

    public Result compute(Features real, Features generated) {
        Neighbourhoods.checkSameDimension(real, generated);
        Engine.ensureLoaded();
        try (PointerScope scope = new PointerScope()) {
            Tensor x = real.toTensor();
            Tensor y = generated.toTensor();
            double precision = fractionInside(y, x, Neighbourhoods.kthNeighbourRadii(x, k));
            double recall = fractionInside(x, y, Neighbourhoods.kthNeighbourRadii(y, k));
            return new Result(precision, recall);
        }
    }

    private static double fractionInside(Tensor points, Tensor centres, double[] radii) {
        long[] counts = Neighbourhoods.ballsContaining(points, centres, radii);
        long inside = 0;
        for (long c : counts) {
            if (c > 0) {
                inside++;
            }
        }
        return (double) inside / counts.length;
    }
}
