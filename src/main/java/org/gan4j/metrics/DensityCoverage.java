package org.gan4j.metrics;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.engine.Engine;

/**
 * Density and coverage (Naeem, Oh, Uh, Choi and Yoo, "Reliable Fidelity and Diversity Metrics for
 * Generative Models", ICML 2020): like {@link PrecisionRecall} but only the real samples' k-NN
 * balls are used, which makes both metrics robust to outliers in the generated set:
 *
 * <pre>
 *   density  = 1/(k·M) Σ_j Σ_i 1[ ‖y_j − x_i‖ ≤ NND_k(x_i) ]
 *   coverage = (1/N) Σ_i 1[ min_j ‖x_i − y_j‖ ≤ NND_k(x_i) ]
 * </pre>
 *
 * with real rows {@code x_1..x_N}, generated rows {@code y_1..y_M}, {@code NND_k(x_i)} the distance
 * from {@code x_i} to its k-th nearest other real row, and closed balls. Density counts how many
 * real neighbourhoods each generated sample falls in; it is about 1 when the two distributions
 * match and may exceed 1. Coverage is the fraction of real neighbourhoods that hold at least one
 * generated sample, in [0, 1]. Neither depends on the order of the rows. The real set needs more
 * than {@code k} rows; the paper uses k = 5.
 *
 * @param k the neighbour that sets the ball radius, at least 1
 */
public record DensityCoverage(int k) {
    /** k by default, as in the paper. */
    public static final int DEFAULT_K = 5;

    /** Density (≥ 0, about 1 for matching distributions) and coverage (in [0, 1]). */
    public record Result(double density, double coverage) {
    }

    public DensityCoverage {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
    }

    /** k = 5. */
    public static DensityCoverage defaults() {
        return new DensityCoverage(DEFAULT_K);
    }

    public Result compute(Features real, Features generated) {
        Neighbourhoods.checkSameDimension(real, generated);
        Engine.ensureLoaded();
        try (PointerScope scope = new PointerScope()) {
            Tensor x = real.toTensor();
            Tensor y = generated.toTensor();
            double[] radii = Neighbourhoods.kthNeighbourRadii(x, k);
            long total = 0;
            for (long c : Neighbourhoods.ballsContaining(y, x, radii)) {
                total += c;
            }
            double density = (double) total / ((double) k * generated.n());
            double[] nearest = Neighbourhoods.nearestDistances(x, y);
            int covered = 0;
            for (int i = 0; i < nearest.length; i++) {
                if (nearest[i] <= radii[i]) {
                    covered++;
                }
            }
            return new Result(density, (double) covered / real.n());
        }
    }
}
