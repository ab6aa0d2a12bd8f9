package org.gan4j.loss;

import org.bytedeco.pytorch.Tensor;

/**
 * Least-squares GAN (Mao et al. 2017, eq. 2 with the 0-1 coding a = 0, b = c = 1), on D's raw
 * outputs. Penalising fakes by their distance to the real target keeps gradients alive for samples
 * D already classifies correctly but that lie far from the data.
 * <pre>
 *   L_D = ½ E[(D(x) − 1)²] + ½ E[D(G(z))²]
 *   L_G = ½ E[(D(G(z)) − 1)²]
 * </pre>
 * The targets are the paper's constants: {@code real-label} smoothing applies to the BCE losses only.
 */
public final class LeastSquaresLoss implements AdversarialLoss {
    @Override
    public String name() {
        return "lsgan";
    }

    @Override
    public String description() {
        return "least squares: D regresses real to 1 and fake to 0 (Mao et al. 2017)";
    }

    @Override
    public Tensor discriminatorLoss(Tensor realLogits, Tensor fakeLogits, Targets labels) {
        return realLogits.sub(Scalars.of(1)).square().mean().mul(Scalars.of(0.5))
                .add(fakeLogits.square().mean().mul(Scalars.of(0.5)));
    }

    @Override
    public Tensor generatorLoss(Tensor fakeLogits, Targets labels) {
        return fakeLogits.sub(Scalars.of(1)).square().mean().mul(Scalars.of(0.5));
    }

    @Override
    public boolean outputsProbabilityLogits() {
        return false;
    }
}
