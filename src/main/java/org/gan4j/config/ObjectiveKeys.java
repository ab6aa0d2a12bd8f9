package org.gan4j.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.gan4j.BadInputException;
import org.gan4j.loss.AdversarialLoss;
import org.gan4j.loss.InstanceNoise;
import org.gan4j.loss.Losses;
import org.gan4j.nn.Architecture;

/**
 * The keys of what the players minimise: the adversarial loss pair and the terms and regularisers
 * added to it.
 *
 * @param loss          adversarial loss, a name in {@link Losses}: {@code ns} (non-saturating),
 *                      {@code minimax}, {@code lsgan}, {@code hinge}, {@code wgan}, {@code wgan-gp}. Default: the
 *                      family's (progan {@code wgan-gp}), else {@code ns}.
 * @param r1Gamma       γ of the R1 penalty γ/2·E[‖∇D(x)‖²] on real data (Mescheder et al. 2018), with any loss;
 *                      0 = off. Default: the family's (stylegan 0.01), else 0.
 * @param r1Every       lazy R1 (Karras et al. 2020): compute it every k-th D step only, scaled by k, so its average
 *                      weight is unchanged (StyleGAN2 uses 16); needs {@code r1-gamma}. Default: the family's (stylegan 16), else 1 (every step).
 * @param realLabel     target of real samples in the BCE losses ({@code ns}, {@code minimax}); below 1 is one-sided
 *                      label smoothing (Salimans et al. 2016), e.g. 0.9. Default 1.
 * @param instanceNoise σ₀ of instance noise (Sønderby et al. 2017; Arjovsky &amp; Bottou 2017): Gaussian noise
 *                      N(0, σ_t²) added to the real and the fake batch whenever D sees them (its own step and G's), in
 *                      the units of G's output ([−1, 1] for images), annealed to 0 over the run; 0 = off, typical 0.1.
 *                      Default 0.
 * @param instanceNoiseSchedule how σ_t falls from σ₀: {@code linear} (σ₀·(1 − t/T), 0 at the end) or
 *                      {@code exponential} (σ₀·0.01^(t/T), 1% of σ₀ at the end); see {@link InstanceNoise}. Default
 *                      {@code linear}.
 * @param infoLambda    λ of InfoGAN's mutual-information term, added to both losses (a family with codes only).
 *                      Default 1.
 * @param drift         ε of the drift term ε·E[D(x)²] on D's real outputs (Karras et al. 2018, §A.1), which keeps a
 *                      Wasserstein critic's output from drifting away from 0; with any loss, 0 = off. Default: the
 *                      family's (progan 0.001), else 0.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectiveKeys(String loss, Double r1Gamma, Integer r1Every, Double realLabel, Double instanceNoise, String instanceNoiseSchedule,
                            Double infoLambda, Double drift) {
    static final String DEFAULT_LOSS = "ns";

    /**
     * @param coded          whether the family has latent codes (InfoGAN), the only ones {@code info-lambda} applies to
     * @param lossName       the loss, this section's or the family's default
     * @param driftDefault   the family's drift ε (ProGAN's 0.001), 0 for most
     * @param regularisation the family's R1 defaults (StyleGAN2's γ 0.01 every 16)
     */
    ObjectiveKeys resolve(boolean coded, String lossName, double driftDefault, Architecture.Regularisation regularisation) {
        AdversarialLoss adversarial = Losses.get(lossName);
        double label = Checks.or(realLabel, 1.0);
        if (label != 1.0 && !adversarial.outputsProbabilityLogits()) {
            throw new BadInputException("'real-label' applies only to the cross-entropy losses (ns, minimax), not " + lossName);
        }
        String schedule = Checks.or(instanceNoiseSchedule, InstanceNoise.LINEAR);
        if (!InstanceNoise.SCHEDULES.contains(schedule)) {
            throw new BadInputException("invalid 'instance-noise-schedule': '" + schedule + "' (use "
                    + String.join(" or ", InstanceNoise.SCHEDULES) + ")");
        }
        if (!coded && infoLambda != null) {
            throw new BadInputException("'info-categories', 'info-continuous' and 'info-lambda' apply only to --model infogan");
        }
        double gamma = Checks.or(r1Gamma, regularisation.r1Gamma());
        if (r1Every != null && gamma == 0) {
            throw new BadInputException("'r1-every' applies only with R1 (set --r1-gamma)");
        }
        ObjectiveKeys r = new ObjectiveKeys(lossName, gamma, gamma > 0 ? Checks.or(r1Every, regularisation.r1Every()) : null, label, Checks.or(instanceNoise, 0.0), schedule,
                coded ? Checks.or(infoLambda, 1.0) : null, Checks.or(drift, driftDefault));
        r.check();
        return r;
    }

    private void check() {
        Checks.nonNegative("r1-gamma", r1Gamma, "must be 0 (off) or positive");
        if (r1Every != null && r1Every < 1) {
            throw Checks.invalid("r1-every", r1Every, "must be 1 (every step) or more");
        }
        if (!(realLabel > 0 && realLabel <= 1)) {
            throw Checks.invalid("real-label", realLabel, "must be in (0, 1]");
        }
        Checks.nonNegative("instance-noise", instanceNoise, "must be 0 (off) or a positive sigma, typical 0.1");
        Checks.nonNegative("drift", drift, "must be 0 (off) or positive, the paper's 0.001");
        if (infoLambda != null) {
            Checks.nonNegative("info-lambda", infoLambda, "must be 0 or positive");
        }
    }
}
