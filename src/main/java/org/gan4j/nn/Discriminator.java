package org.gan4j.nn;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

/**
 * D(x): maps a batch of samples to one logit each (B × 1). The probability that x is real is
 * sigmoid(D(x)); losses work on logits for numerical stability.
 *
 * <p>Variants judge more than real-or-fake: a class-conditional D ({@link ConditionalDiscriminator})
 * takes labels, AC-GAN's and InfoGAN's D ({@link InfoDiscriminator}) also output an auxiliary head.
 * {@link #judge} covers all of them; {@link #forward(Tensor)} is the plain D(x).
 */
public class Discriminator extends Network {
    Discriminator(LayerStack layers) {
        super(layers);
    }

    /**
     * Spectral normalisation (Miyato et al. 2018) of every Linear and Conv2d layer: each forward
     * uses W/σ(W), σ estimated by one power-iteration step per training-mode forward. Call once,
     * after initialisation: the power iteration's warm-up starts from the initial W.
     */
    public void applySpectralNorm() {
        if (spectrallyNormalised()) {
            throw new IllegalStateException("spectral normalisation is already applied");
        }
        normaliseSpectrally();
    }

    /** Whether {@link #applySpectralNorm()} was called. */
    public boolean spectrallyNormalised() {
        return !spectralNorms().isEmpty();
    }

    /** For an assembled discriminator, which registers its own parts. */
    Discriminator() {
    }

    /**
     * What D says about a batch.
     *
     * @param logits    the adversarial output, B × 1
     * @param auxiliary an auxiliary head's output (AC-GAN's class logits B × K, InfoGAN's Q(c|x)), or null
     */
    public record Output(Tensor logits, Tensor auxiliary) {
    }

    /**
     * D on a batch with its labels (null for an unconditional D).
     *
     * @param x      the batch
     * @param labels B class indices (int64), or null
     */
    public Output judge(Tensor x, Tensor labels) {
        if (labels != null) {
            throw new IllegalArgumentException("an unconditional discriminator takes no labels");
        }
        return new Output(forward(x), null);
    }

    /**
     * D(·, labels) as a plain discriminator, for the code that only calls {@link #forward(Tensor)} (the
     * gradient penalties). An unconditional D is its own view; a conditional D reuses one view, so the
     * result is valid until the next call.
     */
    public Discriminator given(Tensor labels) {
        if (labels != null) {
            throw new IllegalArgumentException("an unconditional discriminator takes no labels");
        }
        return this;
    }

    /** Number of classes D is conditioned on; 0 for an unconditional discriminator. */
    public int classes() {
        return 0;
    }

    /**
     * Parameters of D that the generator's step trains too (InfoGAN's Q head, which both players'
     * objectives contain); empty by default.
     */
    public TensorVector sharedWithGenerator() {
        return new TensorVector();
    }
}
