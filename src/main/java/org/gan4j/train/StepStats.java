package org.gan4j.train;

/**
 * What one training iteration measured: the step and its {@link StepScalars}. The accessors name
 * the adversarial game's scalars (NaN when the game does not report one).
 *
 * @param step    iterations completed, counting this one
 * @param scalars every value the step reported, by name, with {@code images_per_s}: real samples consumed per
 *                second over the last logging window
 */
public record StepStats(long step, StepScalars scalars) {
    /** The adversarial game's columns of a step, in metrics.csv order. */
    public StepStats(long step, double dLoss, double gLoss, double dReal, double dFake, double gradNormD, double gradNormG,
                     double imagesPerSec) {
        this(step, StepScalars.of("d_loss", dLoss, "g_loss", gLoss, "d_real", dReal, "d_fake", dFake,
                "grad_norm_d", gradNormD, "grad_norm_g", gradNormG, IMAGES_PER_S, imagesPerSec));
    }

    /** The scalar the trainer adds to every step. */
    public static final String IMAGES_PER_S = "images_per_s";

    /** Discriminator loss (last of the k D steps). */
    public double dLoss() {
        return scalars.get("d_loss");
    }

    /** Generator loss. */
    public double gLoss() {
        return scalars.get("g_loss");
    }

    /** Mean D(x) on the real batch: a probability for the BCE losses, the raw score otherwise. */
    public double dReal() {
        return scalars.get("d_real");
    }

    /** Mean D(G(z)) on the fake batch, likewise. */
    public double dFake() {
        return scalars.get("d_fake");
    }

    /** L2 norm of D's gradient before its update. */
    public double gradNormD() {
        return scalars.get("grad_norm_d");
    }

    /** L2 norm of G's gradient before its update. */
    public double gradNormG() {
        return scalars.get("grad_norm_g");
    }

    /** Real samples consumed per second over the last logging window. */
    public double imagesPerSec() {
        return scalars.get(IMAGES_PER_S);
    }
}
