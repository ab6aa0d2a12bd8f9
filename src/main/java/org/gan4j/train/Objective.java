package org.gan4j.train;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.config.TrainConfig;
import org.gan4j.engine.ComputeDevice;
import org.gan4j.loss.AdversarialLoss;
import org.gan4j.loss.Losses;
import org.gan4j.loss.Targets;
import org.gan4j.loss.Term;
import org.gan4j.loss.Terms;
import org.gan4j.nn.Conditioning;
import org.gan4j.nn.Discriminator;
import org.gan4j.nn.LatentCodes;

/**
 * What the two sides of a G-against-D game minimise: the config's {@link AdversarialLoss} plus the
 * {@link Terms} that apply to the run, each added on the steps it is due, in registry order. Every
 * game with a discriminator (adversarial, coupled, super-resolution) builds its losses here.
 */
final class Objective implements AutoCloseable {
    private final AdversarialLoss loss;
    private final List<Term> terms;
    private final Targets targets;

    private Objective(AdversarialLoss loss, List<Term> terms, Targets targets) {
        this.loss = loss;
        this.terms = terms;
        this.targets = targets;
    }

    /**
     * @param conditioning how a conditional run's labels enter (AC-GAN adds its term), null for none
     * @param codes        InfoGAN's codes (adds the information term), null or empty for none
     */
    static Objective of(TrainConfig c, ComputeDevice device, Conditioning conditioning, LatentCodes codes) {
        AdversarialLoss loss = Losses.get(c.objective().loss());
        var o = c.objective();
        List<Term> terms = Terms.of(new Terms.Settings(loss, o.r1Gamma(), o.r1Every() == null ? 1 : o.r1Every(), conditioning,
                codes, o.infoLambda() == null ? 0 : o.infoLambda(), o.drift() == null ? 0 : o.drift(),
                c.style().plWeight() == null ? 0 : c.style().plWeight(), c.style().plEvery() == null ? 1 : c.style().plEvery()));
        // One target per logit: a packed D (PacGAN) judges batch/m packs.
        long judged = c.optimiser().batch() / c.modeCollapse().packSize();
        return new Objective(loss, terms, new Targets(judged, o.realLabel(), device));
    }

    /** L_D(D(x), D(G(z))) plus D's share of every term due at the judgement's step. */
    Tensor discriminator(Tensor realLogits, Tensor fakeLogits, Term.Judgement judged) {
        Tensor l = loss.discriminatorLoss(realLogits, fakeLogits, targets);
        for (Term t : terms) {
            if (due(t, judged.step())) {
                l = plus(l, t.discriminator(judged));
            }
        }
        return l;
    }

    /** L_G(D(G(z))) plus G's share of every term due at the judgement's step. */
    Tensor generator(Tensor fakeLogits, Term.Judgement judged) {
        Tensor l = loss.generatorLoss(fakeLogits, targets);
        for (Term t : terms) {
            if (due(t, judged.step())) {
                l = plus(l, t.generator(judged));
            }
        }
        return l;
    }

    /** After every optimiser step of D: the loss's rule (WGAN's weight clipping). */
    void afterDiscriminatorStep(Discriminator d) {
        loss.afterDiscriminatorStep(d);
    }

    /** The mean of D's outputs as logged: a probability for logit-valued D, the raw score otherwise. */
    double mean(Tensor logits) {
        return (loss.outputsProbabilityLogits() ? torch.sigmoid(logits) : logits).mean().item_double();
    }

    private static boolean due(Term t, long step) {
        return t.every() == 1 || step % t.every() == 0;
    }

    /** {@code loss + term}, or {@code loss} when the term is absent (null): no zero tensor, no extra node in the graph. */
    private static Tensor plus(Tensor loss, Tensor term) {
        return term == null ? loss : loss.add(term);
    }

    @Override
    public void close() {
        targets.close();
    }
}
