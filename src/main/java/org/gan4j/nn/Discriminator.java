package org.gan4j.nn;


/**
 * D(x): maps a batch of samples to one logit each (B × 1). The probability that x is real is
 * sigmoid(D(x)); losses work on logits for numerical stability.
 */
public final class Discriminator extends Network {
    Discriminator(LayerStack layers) {
        super(layers);
    }
}
