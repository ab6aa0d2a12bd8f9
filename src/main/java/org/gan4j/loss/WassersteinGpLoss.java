package org.gan4j.loss;

import org.bytedeco.pytorch.Tensor;
import org.gan4j.nn.Discriminator;

/**
 * WGAN with gradient penalty (Gulrajani et al. 2017, Algorithm 1): the Wasserstein losses, with the
 * critic's Lipschitz bound enforced softly by penalising its gradient norm on random interpolates
 * between real and generated samples instead of clipping weights.
 * <pre>
 *   x̂ = εx + (1 − ε)G(z),  ε ~ U(0, 1) per sample
 *   L_D = E[D(G(z))] − E[D(x)] + λ E[(‖∇_x̂ D(x̂)‖₂ − 1)²],  λ = 10
 *   L_G = −E[D(G(z))]
 * </pre>
 * Paper defaults: Adam 1e-4, β1 0, β2 0.9, n_critic = 5. The paper advises against BatchNorm in the
 * critic (the penalty is per sample); gan4j's {@code dcgan} D has BatchNorm, so prefer {@code mlp}
 * or read results with that in mind.
 */
public final class WassersteinGpLoss implements AdversarialLoss {
    /** The penalty weight λ of the paper. */
    public static final double LAMBDA = 10.0;

    @Override
    public String name() {
        return "wgan-gp";
    }

    @Override
    public String description() {
        return "Wasserstein critic with gradient penalty 10; Adam 1e-4, betas 0/0.9, 5 critic steps (Gulrajani et al. 2017)";
    }

    @Override
    public Tensor discriminatorLoss(Tensor realLogits, Tensor fakeLogits, Targets labels) {
        return WassersteinLoss.wassersteinCritic(realLogits, fakeLogits);
    }

    @Override
    public Tensor generatorLoss(Tensor fakeLogits, Targets labels) {
        return fakeLogits.mean().neg();
    }

    @Override
    public boolean hasPenalty() {
        return true;
    }

    @Override
    public Tensor penalty(Discriminator d, Tensor real, Tensor fake) {
        return GradientPenalties.interpolated(d, real, fake, LAMBDA);
    }

    @Override
    public boolean outputsProbabilityLogits() {
        return false;
    }

    @Override
    public LossDefaults defaults() {
        return new LossDefaults("adam", 1e-4, 0.0, 0.9, 5, "layer");   // no BatchNorm in the critic (§4)
    }
}
