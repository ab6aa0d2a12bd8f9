package org.gan4j.loss;

import org.bytedeco.pytorch.Tensor;
import org.gan4j.nn.Discriminator;
import org.gan4j.nn.Generator;
import org.gan4j.nn.Latent;

/**
 * A term a game step adds to a player's adversarial loss: a penalty on D (WGAN-GP's gradient
 * penalty, R1), or a loss both players share (AC-GAN's class cross-entropy, InfoGAN's mutual
 * information). Registered by name in {@link Terms}; a step adds its terms in the registry's order.
 *
 * <p>Lazy regularisation (Karras et al. 2020): a term with {@link #every()} k &gt; 1 is computed only
 * on steps that k divides, and multiplied by k there, so its weight per step is unchanged on average.
 */
public interface Term {
    /** Registry name, e.g. {@code r1}. */
    String name();

    /** Steps between two evaluations of the term (1 = every step). */
    default int every() {
        return 1;
    }

    /** D's share of the term for one discriminator step, or null when it adds nothing to D. */
    default Tensor discriminator(Judgement j) {
        return null;
    }

    /** G's share for one generator step ({@link Judgement#real()} and {@link Judgement#realOut()} are null), or null. */
    default Tensor generator(Judgement j) {
        return null;
    }

    /**
     * What a step computed that terms may use.
     *
     * @param step       the step under way, counted from 0
     * @param critic     D given the real labels (a conditional D fixes them), for penalties on its input
     * @param real       the real batch as D saw it, B × ...; null in G's step
     * @param fake       the fake batch as D saw it (detached in D's step), B × ...
     * @param realOut    D(x) with its auxiliary head's output; null in G's step
     * @param fakeOut    D(G(z)) with its auxiliary head's output
     * @param realLabels the real batch's classes (int64, B) of a conditional run, else null
     * @param latent     what G's batch was drawn from (labels, codes)
     * @param generator  G, in G's step (for terms on G itself: StyleGAN2's path length); null in D's step
     */
    record Judgement(long step, Discriminator critic, Tensor real, Tensor fake, Discriminator.Output realOut,
                     Discriminator.Output fakeOut, Tensor realLabels, Latent latent, Generator generator) {
        /** A judgement without G (D's step, and terms that need only D's outputs). */
        public Judgement(long step, Discriminator critic, Tensor real, Tensor fake, Discriminator.Output realOut,
                         Discriminator.Output fakeOut, Tensor realLabels, Latent latent) {
            this(step, critic, real, fake, realOut, fakeOut, realLabels, latent, null);
        }
    }
}
