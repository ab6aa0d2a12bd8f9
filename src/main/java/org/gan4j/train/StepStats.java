package org.gan4j.train;

/**
 * What one training iteration measured.
 *
 * @param step         iterations completed, counting this one
 * @param dLoss        discriminator loss (last of the k D steps)
 * @param gLoss        generator loss
 * @param dReal        mean D(x) on the real batch: a probability for the BCE losses, the raw score for
 *                     losses whose D output is not a logit (lsgan, hinge, wgan, wgan-gp)
 * @param dFake        mean D(G(z)) on the fake batch, likewise
 * @param gradNormD    L2 norm of D's gradient before its update
 * @param gradNormG    L2 norm of G's gradient before its update
 * @param imagesPerSec real samples consumed per second over the last logging window
 */
public record StepStats(long step, double dLoss, double gLoss, double dReal, double dFake,
                        double gradNormD, double gradNormG, double imagesPerSec) {
    /** The values in metrics.csv column order (after the step). */
    public double[] values() {
        return new double[] {dLoss, gLoss, dReal, dFake, gradNormD, gradNormG, imagesPerSec};
    }
}
