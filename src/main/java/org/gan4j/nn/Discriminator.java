package org.gan4j.nn;

import org.bytedeco.pytorch.SequentialImpl;

/**
 * D(x): maps a batch of samples to one logit each (B × 1). The probability that x is real is
 * sigmoid(D(x)); losses work on logits for numerical stability.
 */
public final class Discriminator extends Network {
    public Discriminator(SequentialImpl layers) {
        super(layers);
    }
}
