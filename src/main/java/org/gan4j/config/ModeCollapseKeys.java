package org.gan4j.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.gan4j.BadInputException;
import org.gan4j.nn.Architecture;

/**
 * The remedies for mode collapse that the adversarial game ({@code train/AdversarialGame}) offers every
 * unconditional family: they change what D sees or what G's loss looks through, not the networks' sizes.
 * All unset is the plain game; a run that sets one records all three in {@code config.json}.
 *
 * @param pack         PacGAN's packing (Lin et al. 2018): D judges packs of m samples of one kind,
 *                     concatenated ({@link org.gan4j.nn.PackedDiscriminator}); the batch must be a multiple of m.
 *                     Default 1 (D as it is).
 * @param minibatchStd the minibatch standard deviation feature (Karras et al. 2018) before D's last layer, for
 *                     families with an MLP discriminator ({@code mlp}, {@code pacgan-mlp}). Default false.
 * @param unroll       unrolled GAN (Metz et al. 2017): G's loss goes through D after k look-ahead steps of D's
 *                     optimiser on the step's batches, after which D and its optimiser are put back (the
 *                     first-order variant: G's gradient treats the unrolled weights as constants). Any optimiser (Adam, RMSprop).
 *                     Default 0 (the plain G step).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModeCollapseKeys(Integer pack, Boolean minibatchStd, Integer unroll) {
    static final ModeCollapseKeys NONE = new ModeCollapseKeys(null, null, null);

    /**
     * @param arch        the run's family
     * @param networks    the resolved network keys (conditional runs and latent codes refuse packing and the std feature)
     * @param optimiser   the resolved optimiser keys (the batch packing divides)
     */
    ModeCollapseKeys resolve(Architecture arch, NetworkKeys networks, OptimiserKeys optimiser) {
        if (equals(NONE)) {
            return NONE;
        }
        if (pack != null && pack < 1) {
            throw Checks.invalid("pack", pack, "must be at least 1 (1 = no packing)");
        }
        if (unroll != null && unroll < 0) {
            throw Checks.invalid("unroll", unroll, "must be 0 (off) or more look-ahead steps");
        }
        ModeCollapseKeys r = new ModeCollapseKeys(Checks.or(pack, 1), Checks.or(minibatchStd, false), Checks.or(unroll, 0));
        boolean changesD = r.pack > 1 || r.minibatchStd;
        if ((changesD || r.unroll > 0) && !arch.game().equals("adversarial")) {
            throw new BadInputException("'pack', 'minibatch-std' and 'unroll' apply to the adversarial game, not to model " + arch.name());
        }
        if (changesD && (networks.conditionalRun() || !networks.latentCodes().isEmpty())) {
            throw new BadInputException("'pack' and 'minibatch-std' apply to unconditional models without latent codes, not to "
                    + (networks.conditionalRun() ? "a conditional run" : arch.name()));
        }
        if (r.pack > 1 && !arch.supportsPacking()) {
            throw new BadInputException("'pack' applies to models whose D is built from the sample shape (mlp, pacgan-mlp, dcgan), not "
                    + arch.name());
        }
        if (r.minibatchStd && !arch.supportsMinibatchStd()) {
            throw new BadInputException("'minibatch-std' applies to models with an MLP discriminator (mlp, pacgan-mlp), not " + arch.name());
        }
        if (optimiser.batch() % r.pack != 0) {
            throw new BadInputException("'pack' " + r.pack + " must divide the batch (" + optimiser.batch() + ")");
        }
        return r;
    }

    /** Samples per pack of D (1 when unset). */
    public int packSize() {
        return pack == null ? 1 : pack;
    }

    /** Whether D gets the minibatch standard deviation feature (false when unset). */
    public boolean minibatchStdOn() {
        return Boolean.TRUE.equals(minibatchStd);
    }

    /** Look-ahead D steps of G's loss (0 when unset). */
    public int unrollSteps() {
        return unroll == null ? 0 : unroll;
    }
}
