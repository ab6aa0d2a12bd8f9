package org.gan4j.metrics;

import java.util.Arrays;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.data.DomainTransform;
import org.gan4j.engine.Engine;

/**
 * How well a CoGAN's coupled generators agree: for pairs (G₀(z), G₁(z)) from the same z, and domain
 * B = T(domain A), a perfectly coupled pair has G₁(z) = T(G₀(z)). Liu &amp; Tuzel (2016, §5) score their
 * digit/edge and digit/negative pairs this way (there as the pixel agreement ratio of T(G₀(z)) and G₁(z)).
 * <pre>
 *   e = |T(a) − b| / 2           per pixel: the difference on [0, 1] images (a, b given on [−1, 1])
 *   meanAbsoluteError = mean(e)   over every pixel of every pair, in [0, 1]
 *   withinTolerance   = share of pixels with e ≤ tolerance (inclusive), in [0, 1]
 * </pre>
 * T is applied on [−1, 1] as {@link DomainTransform} defines it, in float; the differences and means are
 * taken in double precision. A NaN pixel counts in the mean (making it NaN) and never within tolerance.
 */
public final class PairAgreement {
    /** The tolerance on [0, 1] pixel values unless one is given: a tenth of the range. */
    public static final double DEFAULT_TOLERANCE = 0.1;

    private PairAgreement() {
    }

    /**
     * The agreement of a batch of pairs.
     *
     * @param meanAbsoluteError mean |T(G₀(z)) − G₁(z)| on [0, 1] images; 0 for perfect agreement
     * @param withinTolerance   share of pixels that agree within the tolerance; 1 for perfect agreement
     * @param pairs             the number of image pairs scored
     */
    public record Result(double meanAbsoluteError, double withinTolerance, int pairs) {
    }

    /** {@link #measure(Tensor, Tensor, DomainTransform, double)} with {@value #DEFAULT_TOLERANCE}. */
    public static Result measure(Tensor a, Tensor b, DomainTransform t) {
        return measure(a, b, t, DEFAULT_TOLERANCE);
    }

    /**
     * Scores the pairs (a_i, b_i).
     *
     * @param a         G₀(z): n × c × h × w in [−1, 1], n ≥ 1
     * @param b         G₁(z) for the same z, the shape of T(a)
     * @param t         T, with domain B = T(domain A)
     * @param tolerance the largest difference on [0, 1] that counts as agreement, at least 0
     */
    public static Result measure(Tensor a, Tensor b, DomainTransform t, double tolerance) {
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be finite and at least 0, got " + tolerance);
        }
        Engine.ensureLoaded();
        try (PointerScope scope = new PointerScope(); NoGradGuard guard = new NoGradGuard()) {
            if (a.dim() != 4 || a.size(0) < 1) {
                throw new IllegalArgumentException("pairs are n x c x h x w images with n >= 1, got "
                        + Arrays.toString(a.sizes().vec().get()));
            }
            Tensor mapped = t.apply(a);
            if (!Arrays.equals(mapped.sizes().vec().get(), b.sizes().vec().get())) {
                throw new IllegalArgumentException("T(a) is " + Arrays.toString(mapped.sizes().vec().get())
                        + " but b is " + Arrays.toString(b.sizes().vec().get()));
            }
            Tensor error = toDouble(mapped).sub(toDouble(b)).abs().mul(new Scalar(0.5));    // on [0, 1]
            double mae = error.mean().item_double();
            double within = toDouble(error.le(new Scalar(tolerance))).mean().item_double();
            return new Result(mae, within, (int) a.size(0));
        }
    }

    private static Tensor toDouble(Tensor t) {
        return t.to(new TensorOptions(torch.ScalarType.Double), false, false, new MemoryFormatOptional());
    }
}
