package org.gan4j.loss;

import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.gan4j.nn.Discriminator;

/**
 * Wasserstein GAN (Arjovsky, Chintala &amp; Bottou 2017, Algorithm 1). The critic D estimates the
 * Earth-Mover distance, max over 1-Lipschitz f of E[f(x)] − E[f(G(z))]; the Lipschitz bound is
 * enforced crudely by clipping every weight to [−c, c] after each critic step.
 * <pre>
 *   L_D = E[D(G(z))] − E[D(x)]        then clip every weight of D to [−0.01, 0.01]
 *   L_G = −E[D(G(z))]
 * </pre>
 * Paper defaults: RMSprop, learning rate 5e-5, n_critic = 5 critic steps per generator step.
 */
public final class WassersteinLoss implements AdversarialLoss {
    /** The clipping bound c of the paper. */
    public static final double CLIP = 0.01;

    @Override
    public String name() {
        return "wgan";
    }

    @Override
    public String description() {
        return "Wasserstein critic with weight clipping to [-0.01, 0.01]; RMSprop 5e-5, 5 critic steps (Arjovsky et al. 2017)";
    }

    @Override
    public Tensor discriminatorLoss(Tensor realLogits, Tensor fakeLogits, Targets labels) {
        return wassersteinCritic(realLogits, fakeLogits);
    }

    @Override
    public Tensor generatorLoss(Tensor fakeLogits, Targets labels) {
        return fakeLogits.mean().neg();
    }

    /** Clips every parameter of D to [−{@link #CLIP}, {@link #CLIP}] in place. */
    @Override
    public void afterDiscriminatorStep(Discriminator d) {
        try (NoGradGuard guard = new NoGradGuard()) {
            TensorVector params = d.parameters();
            for (long i = 0; i < params.size(); i++) {
                params.get(i).clamp_(Scalars.optional(-CLIP), Scalars.optional(CLIP));
            }
        }
    }

    @Override
    public boolean outputsProbabilityLogits() {
        return false;
    }

    @Override
    public LossDefaults defaults() {
        return new LossDefaults("rmsprop", 5e-5, null, null, 5, null);
    }

    /** E[D(G(z))] − E[D(x)]: the negated Earth-Mover estimate, which the critic minimises. */
    static Tensor wassersteinCritic(Tensor realLogits, Tensor fakeLogits) {
        return fakeLogits.mean().sub(realLogits.mean());
    }
}
