package org.gan4j.nn;

/**
 * D(x): maps a batch of samples to one logit each (B × 1). The probability that x is real is
 * sigmoid(D(x)); losses work on logits for numerical stability.
 */
public final class Discriminator extends Network {
    Discriminator(LayerStack layers) {
        super(layers);
    }

    /**
     * Spectral normalisation (Miyato et al. 2018) of every Linear and Conv2d layer: each forward
     * uses W/σ(W), σ estimated by one power-iteration step per training-mode forward. Call once,
     * after initialisation: the power iteration's warm-up starts from the initial W.
     */
    public void applySpectralNorm() {
        normaliseSpectrally();
    }

    /** Whether {@link #applySpectralNorm()} was called. */
    public boolean spectrallyNormalised() {
        return !spectralNorms().isEmpty();
    }
}
