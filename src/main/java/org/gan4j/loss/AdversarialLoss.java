package org.gan4j.loss;

import org.bytedeco.pytorch.Tensor;
import org.gan4j.nn.Discriminator;

/**
 * A discriminator/generator loss pair, both to be minimised, computed from D's raw outputs.
 * Registered by name in {@link Losses}.
 *
 * <p>The trainer's discriminator step reads like the papers' algorithms:
 * <pre>
 *   L_D = discriminatorLoss(D(x), D(G(z))) + penalty(D, x, G(z))   [+ R1, with any loss]
 *   D ← optimiser step on L_D;  afterDiscriminatorStep(D)
 * </pre>
 * A loss that needs more than D's outputs (a gradient penalty, weight clipping) overrides the
 * default methods; a loss whose paper prescribes an optimiser or a number of critic steps says so
 * in {@link #defaults()}, which the config applies to the keys a user left unset.
 */
public interface AdversarialLoss {
    /** Registry name, e.g. {@code ns}. */
    String name();

    /** One line for help texts. */
    String description();

    /**
     * The discriminator's loss on a real batch and a (detached) fake batch.
     *
     * @param realLogits D(x), shape B × 1
     * @param fakeLogits D(G(z)), shape B × 1
     * @param labels     target tensors shared across steps (allocated once per run)
     * @return a scalar
     */
    Tensor discriminatorLoss(Tensor realLogits, Tensor fakeLogits, Targets labels);

    /**
     * The generator's loss on a fake batch.
     *
     * @param fakeLogits D(G(z)), shape B × 1, attached to G's graph
     * @param labels     target tensors shared across steps
     * @return a scalar
     */
    Tensor generatorLoss(Tensor fakeLogits, Targets labels);

    /**
     * A term added to the discriminator's loss that needs D itself, not only its outputs (WGAN-GP's
     * gradient penalty). None by default.
     *
     * @param d    the discriminator, whose parameters the term must stay differentiable in
     * @param real the real batch
     * @param fake the fake batch, detached from G
     * @return a scalar on the batch's device, or null for none (the trainer then adds nothing to the graph)
     */
    default Tensor penalty(Discriminator d, Tensor real, Tensor fake) {
        return null;
    }

    /** Whether {@link #penalty} adds a term (it then becomes the step's {@code gradient-penalty} term). */
    default boolean hasPenalty() {
        return false;
    }

    /** Runs after every optimiser step of D (WGAN's weight clipping). Nothing by default. */
    default void afterDiscriminatorStep(Discriminator d) {
    }

    /**
     * Whether D's output is a logit, so that sigmoid(D(x)) is the probability that x is real: true for
     * the cross-entropy losses; false for least-squares, hinge and Wasserstein losses, whose raw mean
     * output is what the trainer logs as D(x) and D(G(z)).
     */
    default boolean outputsProbabilityLogits() {
        return true;
    }

    /** The optimiser settings of the loss's paper; by default none (the model's apply). */
    default LossDefaults defaults() {
        return LossDefaults.NONE;
    }
}
