package org.gan4j.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;
import org.gan4j.BadInputException;
import org.gan4j.loss.LossDefaults;
import org.gan4j.nn.Architecture;
import org.gan4j.nn.Conditioning;
import org.gan4j.nn.DiscriminatorNorm;
import org.gan4j.nn.LatentCodes;
import org.gan4j.nn.LatentNoise;

/**
 * The keys that build the networks. The family ({@code model}) decides the defaults of the prior and
 * sizes; a loss may decide D's normalisation (WGAN-GP's critic takes layer norm).
 *
 * @param model          network family, a name in {@link org.gan4j.nn.Architectures}: {@code mlp}, {@code pacgan-mlp}, {@code dcgan},
 *                       {@code infogan}. Default {@code dcgan}.
 * @param noise          prior of z: {@code uniform} (U(−1,1)) or {@code normal}. Default: the family's (mlp uniform,
 *                       dcgan normal).
 * @param latentDim      size of z. Default: the family's (100; infogan 62).
 * @param width          hidden units (mlp, default 128) or base feature maps (dcgan, default 64).
 * @param dNorm          normalisation between D's hidden convolutions ({@code dcgan}, {@code infogan}): {@code batch}
 *                       (DCGAN's BatchNorm), {@code layer} (layer norm, batch-independent) or {@code none}; see
 *                       {@link DiscriminatorNorm}. Default: the loss's ({@code wgan-gp} layer, whose per-sample
 *                       penalty BatchNorm breaks), else {@code batch}.
 * @param spectralNorm   spectral normalisation (Miyato et al. 2018) of every Linear and Conv layer of D, its heads
 *                       (AC-GAN's classifier, InfoGAN's Q) and a projection D's class embedding: each forward divides W
 *                       by its largest singular value, estimated by one power-iteration step per training forward.
 *                       Default false.
 * @param conditional    class-conditional GAN ({@code mlp}, {@code dcgan}): G and D take the class label; needs
 *                       labelled data. Default false.
 * @param conditioning   how the label enters a conditional GAN: {@code concat} (cGAN, Mirza &amp; Osindero 2014),
 *                       {@code projection} (projection D + conditional BatchNorm in G, Miyato &amp; Koyama 2018) or
 *                       {@code acgan} (auxiliary classifier, Odena et al. 2017). Default {@code concat} when conditional.
 * @param infoCategories values of InfoGAN's categorical code (a family with codes only; 0 = none). Default: the
 *                       family's (infogan 10).
 * @param infoContinuous number of InfoGAN's continuous codes, each ~ U(−1, 1). Default: the family's (infogan 2).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NetworkKeys(String model, String noise, Integer latentDim, Integer width, String dNorm, Boolean spectralNorm,
                          Boolean conditional, String conditioning, Integer infoCategories, Integer infoContinuous) {
    static final String DEFAULT_MODEL = "dcgan";

    NetworkKeys resolve(Architecture arch, LossDefaults lossDefaults) {
        Architecture.Defaults d = arch.defaults();
        String noiseName = Checks.or(noise, d.noise().name().toLowerCase(Locale.ROOT));
        try {
            LatentNoise.parse(noiseName);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("invalid 'noise': '" + noiseName + "' (use uniform or normal)");
        }
        boolean cond = Checks.or(conditional, false);
        if (conditioning != null && !cond) {
            throw new BadInputException("'conditioning' applies only to a conditional run (add --conditional)");
        }
        String conditioningName = cond ? Conditioning.parse(Checks.or(conditioning, "concat")).key() : null;
        if (dNorm != null && !arch.hasDiscriminatorNorm()) {
            throw new BadInputException("'d-norm' applies to models whose D has normalisation layers (dcgan, infogan), not "
                    + arch.name());
        }
        String dNormName = arch.hasDiscriminatorNorm() ? DiscriminatorNorm.parse(
                Checks.or(dNorm, Checks.or(lossDefaults.discriminatorNorm(), DiscriminatorNorm.BATCH.key()))).key() : null;
        LatentCodes familyCodes = arch.latentCodes();
        boolean coded = !familyCodes.isEmpty();
        if (cond && coded) {
            throw new BadInputException("'conditional' does not apply to " + arch.name()
                    + ", which learns its codes without labels");
        }
        if (!coded && (infoCategories != null || infoContinuous != null)) {
            throw new BadInputException("'info-categories', 'info-continuous' and 'info-lambda' apply only to --model infogan");
        }
        NetworkKeys r = new NetworkKeys(arch.name(), noiseName, Checks.or(latentDim, d.latentDim()), Checks.or(width, d.width()),
                dNormName, Checks.or(spectralNorm, false), cond, conditioningName,
                coded ? Checks.or(infoCategories, familyCodes.categories()) : null,
                coded ? Checks.or(infoContinuous, familyCodes.continuous()) : null);
        r.check();
        return r;
    }

    private void check() {
        Checks.positive("latent-dim", latentDim);
        Checks.positive("width", width);
        if (infoCategories != null && (infoCategories < 0 || infoCategories == 1)) {
            throw Checks.invalid("info-categories", infoCategories, "0 (none) or at least 2");
        }
        if (infoContinuous != null && infoContinuous < 0) {
            throw Checks.invalid("info-continuous", infoContinuous, "0 or more");
        }
        if (infoCategories != null && infoCategories + infoContinuous == 0) {
            throw new BadInputException("infogan needs at least one code: 'info-categories' and 'info-continuous' are both 0");
        }
    }

    /** InfoGAN's codes (after resolving); {@link LatentCodes#NONE} for a family without codes. */
    public LatentCodes latentCodes() {
        return infoCategories == null ? LatentCodes.NONE : new LatentCodes(infoCategories, infoContinuous);
    }

    /** How labels enter a conditional run (after resolving); null for an unconditional one. */
    public Conditioning conditioningKind() {
        return conditioning == null ? null : Conditioning.parse(conditioning);
    }

    /** D's normalisation layers (after resolving); null for a family without them. */
    public DiscriminatorNorm discriminatorNorm() {
        return dNorm == null ? null : DiscriminatorNorm.parse(dNorm);
    }

    /** The prior of z (after resolving). */
    public LatentNoise latentNoise() {
        return LatentNoise.parse(noise);
    }

    /** Whether the run is class-conditional (false when unset). Not a key: config.json keeps {@code conditional} as given. */
    public boolean conditionalRun() {
        return Boolean.TRUE.equals(conditional);
    }
}
