package org.gan4j.loss;

import org.bytedeco.pytorch.Tensor;

/**
 * A discriminator/generator loss pair, both to be minimised, computed from D's logits.
 * Registered by name in {@link Losses}.
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
}
