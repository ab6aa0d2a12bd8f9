package org.gan4j.loss;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.nn.Conditioning;
import org.gan4j.nn.LatentCodes;
import org.gan4j.nn.StyleGanGenerator;

/**
 * The registry of {@link Term}s. Each entry decides from a run's {@link Settings} whether it applies;
 * {@link #of} returns those that do, in registry order, which is the order a step adds them:
 * {@code L_D + gradient-penalty + r1 + acgan-ce + info-mi + drift} ({@code L_G + acgan-ce + info-mi + path-length}) (the order fixes float rounding, so it is
 * part of what makes a resumed run bit-identical).
 */
public final class Terms {
    private static final Map<String, Function<Settings, Term>> REGISTRY = new LinkedHashMap<>();

    static {
        register("gradient-penalty", s -> s.loss().hasPenalty() ? new LossPenalty(s.loss()) : null);
        register("r1", s -> s.r1Gamma() > 0 ? new R1(s.r1Gamma(), s.r1Every()) : null);
        register("acgan-ce", s -> s.conditioning() == Conditioning.ACGAN ? new AuxiliaryClassifier() : null);
        register("info-mi", s -> s.codes() != null && !s.codes().isEmpty() ? new MutualInformation(s.codes(), s.infoLambda()) : null);
        register("drift", s -> s.drift() > 0 ? new Drift(s.drift()) : null);
        register("path-length", s -> s.plWeight() > 0 ? new PathLength(s.plWeight(), s.plEvery()) : null);
    }

    private Terms() {
    }

    /** Adds a term; {@code factory} returns null for a run it does not apply to. */
    public static synchronized void register(String name, Function<Settings, Term> factory) {
        if (REGISTRY.putIfAbsent(name, factory) != null) {
            throw new IllegalArgumentException("a term named " + name + " is already registered");
        }
    }

    /** The registered names, in the order a step adds them. */
    public static synchronized List<String> names() {
        return List.copyOf(REGISTRY.keySet());
    }

    /** The terms that apply to a run with {@code settings}, in registry order. */
    public static synchronized List<Term> of(Settings settings) {
        List<Term> terms = new ArrayList<>();
        for (var factory : REGISTRY.values()) {
            Term t = factory.apply(settings);
            if (t != null) {
                terms.add(t);
            }
        }
        return List.copyOf(terms);
    }

    /**
     * What decides a run's terms.
     *
     * @param loss         the adversarial loss (its own penalty, WGAN-GP's, becomes a term)
     * @param r1Gamma      γ of R1, 0 = off
     * @param r1Every      lazy R1: every k-th D step, scaled by k
     * @param conditioning how labels enter a conditional run, null for none
     * @param codes        InfoGAN's codes, null or empty for none
     * @param infoLambda   λ of InfoGAN's information term
     * @param drift        ε of the drift term ε·E[D(x)²], 0 = off
     * @param plWeight     weight of StyleGAN2's path-length regulariser on G, 0 = off
     * @param plEvery      lazy path-length regularisation: every k-th G step, scaled by k
     */
    public record Settings(AdversarialLoss loss, double r1Gamma, int r1Every, Conditioning conditioning, LatentCodes codes,
                           double infoLambda, double drift, double plWeight, int plEvery) {
        /** Settings without drift or path length. */
        public Settings(AdversarialLoss loss, double r1Gamma, int r1Every, Conditioning conditioning, LatentCodes codes,
                        double infoLambda) {
            this(loss, r1Gamma, r1Every, conditioning, codes, infoLambda, 0, 0, 1);
        }

        /** Settings without path length. */
        public Settings(AdversarialLoss loss, double r1Gamma, int r1Every, Conditioning conditioning, LatentCodes codes,
                        double infoLambda, double drift) {
            this(loss, r1Gamma, r1Every, conditioning, codes, infoLambda, drift, 0, 1);
        }
    }

    /**
     * ProGAN's drift term (Karras et al. 2018, §A.1): ε·E[D(x)²] on D's real outputs, ε = 0.001 in the paper, which
     * keeps a Wasserstein critic's output near 0 (its loss alone is unchanged by adding a constant to D).
     */
    record Drift(double epsilon) implements Term {
        @Override
        public String name() {
            return "drift";
        }

        @Override
        public Tensor discriminator(Judgement j) {
            return j.realOut().logits().square().mean().mul(new Scalar(epsilon));
        }
    }

    /** The loss's own penalty (WGAN-GP's gradient penalty on interpolates). */
    record LossPenalty(AdversarialLoss loss) implements Term {
        @Override
        public String name() {
            return "gradient-penalty";
        }

        @Override
        public Tensor discriminator(Judgement j) {
            return loss.penalty(j.critic(), j.real(), j.fake());
        }
    }

    /** R1 (Mescheder et al. 2018): γ/2 E‖∇D(x)‖² on real data, optionally lazy. */
    record R1(double gamma, int every) implements Term {
        @Override
        public String name() {
            return "r1";
        }

        @Override
        public Tensor discriminator(Judgement j) {
            return GradientPenalties.r1(j.critic(), j.real(), gamma * every);
        }
    }

    /**
     * StyleGAN2's path-length regulariser (Karras et al. 2020, §3.2) on G, lazy: every k-th G step, weight·k,
     * on a fresh half batch ({@code pl_batch_shrink} 2) of the style-based generator's own draws
     * ({@link StyleGanGenerator#pathLengthPenalty}); nothing for other generators.
     */
    record PathLength(double weight, int every) implements Term {
        @Override
        public String name() {
            return "path-length";
        }

        @Override
        public Tensor generator(Judgement j) {
            if (!(j.generator() instanceof StyleGanGenerator g)) {
                return null;
            }
            int batch = (int) Math.max(1, j.fake().size(0) / 2);
            return g.pathLengthPenalty(batch).mul(new Scalar(weight * every));
        }
    }

    /** AC-GAN (Odena et al. 2017): the auxiliary classifier's cross-entropy, D on real and fake, G on fake. */
    record AuxiliaryClassifier() implements Term {
        @Override
        public String name() {
            return "acgan-ce";
        }

        @Override
        public Tensor discriminator(Judgement j) {
            return crossEntropy(j.realOut().auxiliary(), j.realLabels()).add(crossEntropy(j.fakeOut().auxiliary(), j.latent().labels()));
        }

        @Override
        public Tensor generator(Judgement j) {
            return crossEntropy(j.fakeOut().auxiliary(), j.latent().labels());
        }

        /** The mean cross-entropy of class logits (B × K) against labels (B). */
        static Tensor crossEntropy(Tensor classLogits, Tensor labels) {
            return torch.cross_entropy_loss(classLogits, labels);
        }
    }

    /**
     * InfoGAN (Chen et al. 2016): λ·(CE(Q_cat, c_cat) + ½·E[Σ_j (c_j − μ_j)²]), the negated variational
     * lower bound L_I (eq. 5) up to constants with a factorised unit-variance Gaussian for continuous
     * codes, on the fake batch, for both players.
     */
    record MutualInformation(LatentCodes codes, double lambda) implements Term {
        @Override
        public String name() {
            return "info-mi";
        }

        @Override
        public Tensor discriminator(Judgement j) {
            return information(j);
        }

        @Override
        public Tensor generator(Judgement j) {
            return information(j);
        }

        /** @return the term from Q(c | x) = D's auxiliary output, B × (K + n): K logits, then n means */
        private Tensor information(Judgement j) {
            Tensor q = j.fakeOut().auxiliary();
            int k = codes.categories();
            int n = codes.continuous();
            Tensor loss = null;
            if (k > 0) {
                loss = torch.cross_entropy_loss(q.narrow(1, 0, k), j.latent().categories());
            }
            if (n > 0) {
                // sum over codes, mean over the batch: mse (a mean over B·n) × n / 2
                Tensor gaussian = torch.mse_loss(q.narrow(1, k, n), j.latent().continuous(), 1).mul(new Scalar(0.5 * n));
                loss = loss == null ? gaussian : loss.add(gaussian);
            }
            return loss.mul(new Scalar(lambda));
        }
    }
}
