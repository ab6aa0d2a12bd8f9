package org.gan4j.loss;

import org.gan4j.engine.Rng;

import org.gan4j.loss.InstanceNoise;
import java.util.List;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

/**
 * Instance noise (Sønderby et al. 2017, "Amortised MAP inference for image super-resolution", §3.4;
 * Arjovsky &amp; Bottou 2017, "Towards principled methods for training GANs", §3.1): Gaussian noise
 * N(0, σ_t²) is added to the real and to the fake batch before the discriminator sees them, so the two
 * distributions overlap and D cannot separate them perfectly early on; σ_t is annealed towards 0 so the
 * game ends on the clean data.
 *
 * <p>Schedules, for iteration t of T (t = iterations completed before this one):
 * <ul>
 *   <li>{@code linear}: σ_t = σ₀·(1 − t/T), reaching 0 at the end of the run;</li>
 *   <li>{@code exponential}: σ_t = σ₀·0.01^(t/T), a geometric decay that ends at 1% of σ₀ (an exponential
 *       never reaches 0; 1% of a typical σ₀ = 0.1 is below one grey level of an 8-bit image in [−1, 1]).</li>
 * </ul>
 * σ_t is constant within an iteration: the k D steps and the G step all use it. The noise comes from
 * libtorch's default generator, which the trainer reseeds from (seed, step) before every iteration, so a
 * resumed run draws the same noise as an uninterrupted one.
 */
public final class InstanceNoise {
    public static final String LINEAR = "linear";
    public static final String EXPONENTIAL = "exponential";
    /** The schedule names, as the {@code instance-noise-schedule} key takes them. */
    public static final List<String> SCHEDULES = List.of(LINEAR, EXPONENTIAL);
    /** The fraction of σ₀ the exponential schedule ends at. */
    public static final double EXPONENTIAL_FLOOR = 0.01;

    private InstanceNoise() {
    }

    /**
     * σ_t for iteration {@code step} (iterations completed before it) of {@code totalSteps}.
     *
     * @param sigma0   the starting σ; 0 gives 0 at every step
     * @param schedule {@link #LINEAR} or {@link #EXPONENTIAL}
     */
    public static double sigma(double sigma0, String schedule, long step, long totalSteps) {
        if (sigma0 == 0) {
            return 0;
        }
        double progress = Math.min(1.0, Math.max(0.0, step / (double) Math.max(1, totalSteps)));
        return switch (schedule) {
            case LINEAR -> sigma0 * (1 - progress);
            case EXPONENTIAL -> sigma0 * Math.pow(EXPONENTIAL_FLOOR, progress);
            default -> throw new IllegalArgumentException("unknown instance-noise schedule: " + schedule);
        };
    }

    /** {@code x} plus σ·N(0, 1) noise of its shape, drawn from libtorch's (seeded) generator; {@code x} itself when σ is 0. */
    public static Tensor add(Tensor x, double sigma) {
        if (sigma == 0) {
            return x;
        }
        return x.add(Rng.current().randnLike(x).mul(new Scalar(sigma)));
    }
}
