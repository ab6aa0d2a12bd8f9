package org.gan4j.nn;

import org.gan4j.BadInputException;
import org.gan4j.data.SampleShape;
import org.gan4j.engine.Parallelism;
import org.gan4j.loss.LossDefaults;

/**
 * A family of generator/discriminator pairs together with the hyper-parameters its paper trains it
 * with. Registered by name in {@link Architectures}.
 */
public interface Architecture {
    /** Registry name, e.g. {@code mlp}. */
    String name();

    /** One line for help texts and the README. */
    String description();

    /** The hyper-parameters the architecture's paper uses, applied where the config leaves a key unset. */
    Defaults defaults();

    /** Fails with a one-line {@link org.gan4j.BadInputException} when the data's shape is not one this family builds for. */
    void checkSupports(SampleShape shape);

    /**
     * The image side this family wants when {@code image-size} is unset, given the shape a fixed-size
     * dataset's files hold ({@code nativeShape}, e.g. 1×28×28 for Fashion-MNIST): 0 keeps that side. A family
     * built for power-of-two sides returns 32 for a 28×28 dataset, which is then padded with 2 px of
     * background on each side ({@link org.gan4j.data.Padding}); the value must be one the dataset can be given
     * at ({@link org.gan4j.data.ImageSides}). Folder datasets keep their own default (64). DCGAN returns 0: its
     * DCGAN-28 trains on the 28×28 images as they are.
     */
    default int preferredSide(SampleShape nativeShape) {
        return 0;
    }

    Generator generator(NetworkSpec spec);

    Discriminator discriminator(NetworkSpec spec);

    /**
     * Whether PacGAN's packing ({@code --pack m}) applies: D is rebuilt for m× wider inputs (m × the features of a
     * point, m × the channels of an image). False for families whose D is not built from the sample shape alone
     * (a growing or residual D with its own minibatch statistics).
     */
    default boolean supportsPacking() {
        return true;
    }

    /**
     * Whether the family's D is an MLP that {@link #minibatchStdDiscriminator} can give the minibatch
     * standard deviation feature ({@code --minibatch-std}).
     */
    default boolean supportsMinibatchStd() {
        return false;
    }

    /**
     * The family's D with the minibatch standard deviation of Karras et al. (2018) appended as one feature
     * before its output layer ({@link FeatureDiscriminator}): MLP discriminators only.
     */
    default Discriminator minibatchStdDiscriminator(NetworkSpec spec) {
        throw new BadInputException("'minibatch-std' applies to models with an MLP discriminator (mlp, pacgan-mlp), not " + name());
    }

    /**
     * D without its output layer, for conditional, AC-GAN and InfoGAN heads: φ maps a batch with
     * {@code extraInputs} more input channels (convolutional bodies) or features (MLP bodies) to
     * B × F features. Families without one cannot be conditional.
     */
    default DiscriminatorBody discriminatorBody(NetworkSpec spec, int extraInputs) {
        throw new BadInputException("model '" + name() + "' has no conditional version");
    }

    /** Which native thread pool the cores go to when this family trains: its networks' kind of work. */
    default Parallelism parallelism() {
        return Parallelism.INTRA_OP;
    }

    /**
     * The latent codes G takes besides z (InfoGAN's categorical and continuous codes), by default none. A
     * family with codes learns them without labels, so it cannot be class-conditional.
     */
    default LatentCodes latentCodes() {
        return LatentCodes.NONE;
    }

    /** The game step that trains this family, a name in {@code org.gan4j.train.Games}: G(z) against D by default. */
    default String game() {
        return "adversarial";
    }

    /**
     * The regularisation the family's paper trains with, applied where the config leaves {@code r1-gamma},
     * {@code r1-every} and {@code ema-decay} unset: none by default.
     */
    default Regularisation regularisation() {
        return Regularisation.NONE;
    }

    /**
     * Regularisation defaults of a family.
     *
     * @param r1Gamma  γ of R1, 0 = off
     * @param r1Every  lazy R1: every k-th D step
     * @param emaDecay β of G's weight average, 0 = off
     */
    record Regularisation(double r1Gamma, int r1Every, double emaDecay) {
        /** No R1, no weight average. */
        public static final Regularisation NONE = new Regularisation(0, 1, 0);
    }

    /** Whether the family grows progressively ({@link Growing}): the only one the keys {@code fade-kimg} and {@code stable-kimg} apply to. */
    default boolean grows() {
        return false;
    }

    /** Whether D has normalisation layers between its hidden layers that {@code --d-norm} chooses. */
    default boolean hasDiscriminatorNorm() {
        return false;
    }

    /**
     * How the family's paper trains it beyond {@link #defaults()}: its loss, and settings that go ahead of that
     * loss's own paper's where the config leaves them unset (ProGAN trains WGAN-GP with its own Adam and one
     * critic step, not Gulrajani et al.'s). {@link Recipe#NONE} by default: the project's loss and the loss's settings.
     */
    default Recipe recipe() {
        return Recipe.NONE;
    }

    /**
     * A family's training recipe; each null leaves the usual default.
     *
     * @param loss      the default {@code loss}, or null for the project's ({@code ns})
     * @param optimiser optimiser settings over the loss's ({@link LossDefaults#NONE} for none)
     * @param emaDecay  the default {@code ema-decay}, or null (0, off)
     * @param drift     the default {@code drift} ε of ε·E[D(x)²], or null (0, off)
     */
    record Recipe(String loss, LossDefaults optimiser, Double emaDecay, Double drift) {
        public static final Recipe NONE = new Recipe(null, LossDefaults.NONE, null, null);

        /** The settings for a run with {@code ofLoss}, its loss's: this recipe's where it has one, else the loss's. */
        public LossDefaults over(LossDefaults ofLoss) {
            LossDefaults o = optimiser;
            return new LossDefaults(o.optimizer() != null ? o.optimizer() : ofLoss.optimizer(),
                    o.learningRate() != null ? o.learningRate() : ofLoss.learningRate(),
                    o.beta1() != null ? o.beta1() : ofLoss.beta1(), o.beta2() != null ? o.beta2() : ofLoss.beta2(),
                    o.dSteps() != null ? o.dSteps() : ofLoss.dSteps(),
                    o.discriminatorNorm() != null ? o.discriminatorNorm() : ofLoss.discriminatorNorm());
        }
    }

    /**
     * Paper defaults.
     *
     * @param learningRate Adam's step size for both networks
     * @param beta1        Adam's first-moment decay
     * @param beta2        Adam's second-moment decay
     * @param noise        the prior of z
     * @param latentDim    size of z
     * @param width        hidden units or base feature maps
     * @param batch        batch size
     */
    record Defaults(double learningRate, double beta1, double beta2, LatentNoise noise, int latentDim, int width, int batch) {
    }
}
