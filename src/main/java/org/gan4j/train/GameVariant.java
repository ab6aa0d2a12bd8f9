package org.gan4j.train;

import org.gan4j.config.TrainConfig;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.data.Batch;
import org.gan4j.engine.ComputeDevice;
import org.gan4j.engine.Tensors;
import org.gan4j.nn.Conditioning;
import org.gan4j.nn.Discriminator;
import org.gan4j.nn.LatentCodes;
import org.gan4j.nn.LatentNoise;

/**
 * What a variant of the game adds to Algorithm 1: what G's input holds besides z, which labels D
 * sees, and the terms both players add to their adversarial losses.
 * <ul>
 *   <li>{@link Plain}: z alone, nothing added.</li>
 *   <li>{@link ClassConditional}: z and a class per sample, drawn uniformly; D sees the real batch's
 *       labels and the fake batch's drawn ones. With {@code acgan} both players add the
 *       cross-entropy of D's auxiliary classifier: D on real and fake, G on fake.</li>
 *   <li>{@link Info}: z and InfoGAN's codes; both players add λ times the negated lower bound of
 *       the mutual information, CE(Q_cat(G(z, c)), c_cat) + ½ Σ_j (c_j − μ_j(G(z, c)))², on the fake batch.</li>
 * </ul>
 * Every draw comes from libtorch's generator, inside the step that the trainer reseeds, so resumed
 * runs draw the same labels and codes.
 */
sealed interface GameVariant permits GameVariant.Plain, GameVariant.ClassConditional, GameVariant.Info {

    /**
     * G's input for one batch.
     *
     * @param input       B × G.latentDim(): z, or [z, codes] for InfoGAN
     * @param labels      B class indices (int64) for a conditional run, else null
     * @param categories  InfoGAN's categorical code, B int64 (null without one)
     * @param continuous  InfoGAN's continuous codes, B × n (null without them)
     */
    record Latent(Tensor input, Tensor labels, Tensor categories, Tensor continuous) {
        /** Keeps the tensors beyond the step's memory scope (the fixed grid batch). */
        Latent retain() {
            for (Tensor t : new Tensor[] {input, labels, categories, continuous}) {
                if (t != null) {
                    t.retainReference();
                }
            }
            return this;
        }

        void release() {
            for (Tensor t : new Tensor[] {input, labels, categories, continuous}) {
                if (t != null) {
                    t.releaseReference();
                }
            }
        }

        long size() {
            return input.size(0);
        }
    }

    /** The variant of a resolved config, for data with {@code classes} classes. */
    static GameVariant of(TrainConfig config, int classes) {
        LatentNoise noise = config.networks().latentNoise();
        if (Boolean.TRUE.equals(config.networks().conditional())) {
            return new ClassConditional(noise, config.networks().latentDim(), classes, config.networks().conditioningKind());
        }
        if (!config.networks().latentCodes().isEmpty()) {
            return new Info(noise, config.networks().latentDim(), config.networks().latentCodes(), config.objective().infoLambda());
        }
        return new Plain(noise, config.networks().latentDim());
    }

    /** A batch of G's inputs, drawn from libtorch's generator. */
    Latent draw(long batch, ComputeDevice device);

    /** The labels D sees with a real batch: null unless the run is conditional. */
    default Tensor realLabels(Batch batch, ComputeDevice device) {
        return null;
    }

    /** The batch the sample grids show: {@code count} draws, or a class grid for a conditional image run. */
    default Latent fixed(int count, boolean image, ComputeDevice device) {
        return draw(count, device);
    }

    /** Tiles per row of the sample grid; 0 = square. */
    default int gridColumns(boolean image) {
        return 0;
    }

    /** A term added to D's loss, or null for none. */
    default Tensor discriminatorTerm(Discriminator.Output real, Tensor realLabels, Discriminator.Output fake, Latent latent) {
        return null;
    }

    /** A term added to G's loss, or null for none. */
    default Tensor generatorTerm(Discriminator.Output fake, Latent latent) {
        return null;
    }

    /** Options of int64 class indices (made per call: a static native object could be freed by the first memory scope it met). */
    static TensorOptions longs() {
        return new TensorOptions(torch.ScalarType.Long);
    }

    static Tensor onDevice(Tensor t, ComputeDevice device) {
        return device.isCuda() ? t.to(device.torchDevice(), t.scalar_type()) : t;
    }

    /** The unconditional GAN. */
    record Plain(LatentNoise noise, int latentDim) implements GameVariant {
        @Override
        public Latent draw(long batch, ComputeDevice device) {
            return new Latent(noise.sample(batch, latentDim, device), null, null, null);
        }
    }

    /** The class-conditional GAN (concat, projection or AC-GAN). */
    record ClassConditional(LatentNoise noise, int latentDim, int classes, Conditioning conditioning) implements GameVariant {
        /** Noise vectors per row of the class grid. */
        static final int GRID_COLUMNS = 8;

        @Override
        public Latent draw(long batch, ComputeDevice device) {
            Tensor z = noise.sample(batch, latentDim, device);
            Tensor labels = onDevice(torch.randint(classes, new long[] {batch}, longs()), device);       // y ~ U{0..K−1}
            return new Latent(z, labels, null, null);
        }

        /** {@code batch} noise vectors, all of class {@code k}. */
        Latent ofClass(long batch, int k, ComputeDevice device) {
            Tensor z = noise.sample(batch, latentDim, device);
            Tensor labels = onDevice(torch.full(new long[] {batch}, new Scalar(k),
                    longs()), device);
            return new Latent(z, labels, null, null);
        }

        @Override
        public Tensor realLabels(Batch batch, ComputeDevice device) {
            return onDevice(Tensors.fromInts(batch.labels()), device);
        }

        /**
         * Images: one row per class, one column per noise vector ({@value #GRID_COLUMNS} vectors shared by all
         * rows); points: {@code count} draws with labels 0, 1, ..., K−1, 0, 1, ...
         */
        @Override
        public Latent fixed(int count, boolean image, ComputeDevice device) {
            if (!image) {
                Tensor z = noise.sample(count, latentDim, device);
                Tensor labels = torch.arange(new Scalar(count)).remainder(new Scalar(classes));
                return new Latent(z, onDevice(labels, device), null, null);
            }
            Tensor z = noise.sample(GRID_COLUMNS, latentDim, device).repeat(classes, 1);          // (K·8)×latent, row k·8+j = z_j
            Tensor labels = torch.arange(new Scalar(classes)).repeat_interleave(GRID_COLUMNS); // k repeated 8 times
            return new Latent(z, onDevice(labels, device), null, null);
        }

        @Override
        public int gridColumns(boolean image) {
            return image ? GRID_COLUMNS : 0;
        }

        @Override
        public Tensor discriminatorTerm(Discriminator.Output real, Tensor realLabels, Discriminator.Output fake, Latent latent) {
            if (conditioning != Conditioning.ACGAN) {
                return null;
            }
            return auxiliaryLoss(real.auxiliary(), realLabels).add(auxiliaryLoss(fake.auxiliary(), latent.labels()));
        }

        @Override
        public Tensor generatorTerm(Discriminator.Output fake, Latent latent) {
            return conditioning == Conditioning.ACGAN ? auxiliaryLoss(fake.auxiliary(), latent.labels()) : null;
        }

        /** AC-GAN's class log-likelihood term: the mean cross-entropy of the classifier's logits (B × K) against the labels. */
        static Tensor auxiliaryLoss(Tensor classLogits, Tensor labels) {
            return torch.cross_entropy_loss(classLogits, labels);
        }
    }

    /** InfoGAN: z plus a categorical and continuous codes. */
    record Info(LatentNoise noise, int latentDim, LatentCodes codes, double lambda) implements GameVariant {
        @Override
        public Latent draw(long batch, ComputeDevice device) {
            Tensor z = noise.sample(batch, latentDim, device);
            Tensor categories = codes.categories() > 0 ? torch.randint(codes.categories(), new long[] {batch}, longs()) : null;
            Tensor continuous = codes.continuous() > 0
                    ? LatentNoise.UNIFORM.sample(batch, codes.continuous(), ComputeDevice.CPU) : null;
            return withCodes(z, categories, continuous, device);
        }

        /** G's input [z, one-hot(categories), continuous] (codes drawn on the CPU, moved with it). */
        Latent withCodes(Tensor z, Tensor categories, Tensor continuous, ComputeDevice device) {
            TensorVector parts = new TensorVector(z);
            if (categories != null) {
                categories = onDevice(categories, device);
                parts.push_back(torch.one_hot(categories, codes.categories()).to(z.scalar_type()));
            }
            if (continuous != null) {
                continuous = onDevice(continuous, device);
                parts.push_back(continuous);
            }
            return new Latent(torch.cat(parts, 1), null, categories, continuous);
        }

        @Override
        public Tensor discriminatorTerm(Discriminator.Output real, Tensor realLabels, Discriminator.Output fake, Latent latent) {
            return informationLoss(fake.auxiliary(), latent);
        }

        @Override
        public Tensor generatorTerm(Discriminator.Output fake, Latent latent) {
            return informationLoss(fake.auxiliary(), latent);
        }

        /**
         * λ·(CE(Q_cat, c_cat) + ½·E[Σ_j (c_j − μ_j)²]): the negated variational lower bound L_I of the paper
         * (eq. 5) up to constants, with a factorised Gaussian of unit variance for the continuous codes.
         *
         * @param q Q(c | x), B × (K + n): K logits, then n means
         */
        Tensor informationLoss(Tensor q, Latent latent) {
            int k = codes.categories();
            int n = codes.continuous();
            Tensor loss = null;
            if (k > 0) {
                loss = torch.cross_entropy_loss(q.narrow(1, 0, k), latent.categories());
            }
            if (n > 0) {
                // sum over codes, mean over the batch: mse (a mean over B·n) × n / 2
                Tensor gaussian = torch.mse_loss(q.narrow(1, k, n), latent.continuous(), 1)
                        .mul(new Scalar(0.5 * n));
                loss = loss == null ? gaussian : loss.add(gaussian);
            }
            return loss.mul(new Scalar(lambda));
        }
    }
}
