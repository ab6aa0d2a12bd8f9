package org.gan4j.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.gan4j.BadInputException;
import org.gan4j.nn.Architecture;
import org.gan4j.nn.Architectures;
import org.gan4j.nn.Conditioning;
import org.gan4j.nn.DiscriminatorNorm;
import org.gan4j.nn.LatentCodes;
import org.gan4j.nn.LatentNoise;
import org.gan4j.engine.Optimizers;
import org.gan4j.loss.AdversarialLoss;
import org.gan4j.loss.LossDefaults;
import org.gan4j.loss.Losses;

/**
 * Everything that decides a training run, with one key per command-line flag: a config file
 * (YAML or JSON) uses the same kebab-case keys ({@code lr-g}, {@code d-steps}, ...), and a flag
 * given on the command line overrides the file. A key left null takes the default written beside
 * it; the model's paper decides the optimiser, noise and size defaults. {@link #resolve()} fills
 * them in, and the resolved config is what {@code config.json} records.
 *
 * @param model           network family: {@code mlp}, {@code dcgan} or {@code infogan}. Default {@code dcgan}.
 * @param dataset         dataset name: {@code fashion-mnist}, {@code mnist}, {@code folder}, {@code ring8},
 *                        {@code grid25}, {@code gauss1d}. Default {@code fashion-mnist}.
 * @param data            directory holding the dataset's files (the folder of a {@code folder} dataset); default:
 *                        searched ($GAN4J_DATA, ~/.gan4j/data, /usr/share/datasets), downloaded if absent.
 * @param steps           training iterations (k D steps + one G step each). Default 3000, unless {@code epochs} is set.
 * @param epochs          alternatively, passes over the data (each D step takes one batch).
 * @param batch           batch size. Default: the model's (mlp 128, dcgan 64).
 * @param lrG             generator learning rate. Default: the loss's (wgan 5e-5, wgan-gp 1e-4), else the
 *                        model's (mlp 1e-3, dcgan 2e-4).
 * @param lrD             discriminator learning rate. Default: as {@code lrG}.
 * @param beta1           Adam β1 for both networks. Default: the loss's (wgan-gp 0), else the model's (mlp 0.9,
 *                        dcgan 0.5). Null (and refused) with {@code rmsprop}.
 * @param beta2           Adam β2 for both networks. Default: the loss's (wgan-gp 0.9), else 0.999.
 * @param dSteps          k, discriminator steps per generator step (Goodfellow et al. 2014, Alg. 1; n_critic of
 *                        the WGAN papers). Default: the loss's (wgan, wgan-gp 5), else 1.
 * @param loss            adversarial loss, a name in {@link Losses}: {@code ns} (non-saturating, default),
 *                        {@code minimax}, {@code lsgan}, {@code hinge}, {@code wgan}, {@code wgan-gp}.
 * @param optimizer       {@code adam} or {@code rmsprop}, for both networks. Default: the loss's (wgan rmsprop),
 *                        else {@code adam}.
 * @param r1Gamma         γ of the R1 penalty γ/2·E[‖∇D(x)‖²] on real data (Mescheder et al. 2018), with any
 *                        loss; 0 = off. Default 0.
 * @param realLabel       target of real samples in the BCE losses ({@code ns}, {@code minimax}); below 1 is
 *                        one-sided label smoothing (Salimans et al. 2016), e.g. 0.9. Default 1.
 * @param emaDecay        β of an exponential moving average of G's weights (Yazıcı et al. 2019), which then draws
 *                        the sample grids and is the run's {@code generator.pt}; 0 = off, typical 0.999. Default 0.
 * @param instanceNoise   σ₀ of instance noise (Sønderby et al. 2017; Arjovsky &amp; Bottou 2017): Gaussian noise
 *                        N(0, σ_t²) added to the real and the fake batch whenever D sees them (its own step and G's),
 *                        in the units of G's output ([−1, 1] for images), annealed to 0 over the run; 0 = off,
 *                        typical 0.1. Default 0.
 * @param instanceNoiseSchedule how σ_t falls from σ₀: {@code linear} (σ₀·(1 − t/T), 0 at the end) or
 *                        {@code exponential} (σ₀·0.01^(t/T), 1% of σ₀ at the end); see {@link InstanceNoise}.
 *                        Default {@code linear}.
 * @param spectralNorm    spectral normalisation (Miyato et al. 2018) of every Linear and Conv layer of D, its heads
 *                        (AC-GAN's classifier, InfoGAN's Q) and a projection D's class embedding: each forward
 *                        divides W by its largest singular value, estimated by one power-iteration step per
 *                        training forward. Default false.
 * @param seed            seed of every random choice: init, noise, data order. Default 42.
 * @param device          {@code cpu}, {@code cuda} or {@code cuda:N}. Default {@code cpu}.
 * @param threads         CPU cores to compute on; 0 = all cores. They go to libtorch's intra-op pool, or to
 *                        OpenBLAS's for the MLP ({@link org.gan4j.engine.Parallelism}). Default 0.
 * @param out             run directory. Default {@code runs/<model>-<dataset>}.
 * @param noise           prior of z: {@code uniform} (U(−1,1)) or {@code normal}. Default: the model's (mlp uniform, dcgan normal).
 * @param latentDim       size of z. Default 100.
 * @param width           hidden units (mlp, default 128) or base feature maps (dcgan, default 64).
 * @param dNorm           normalisation between D's hidden convolutions ({@code dcgan}, {@code infogan}):
 *                        {@code batch} (DCGAN's BatchNorm), {@code layer} (layer norm, batch-independent) or
 *                        {@code none}; see {@link DiscriminatorNorm}. Default: the loss's ({@code wgan-gp} layer,
 *                        whose per-sample penalty BatchNorm breaks), else {@code batch}.
 * @param conditional     class-conditional GAN ({@code mlp}, {@code dcgan}): G and D take the class label; needs
 *                        labelled data. Default false.
 * @param conditioning    how the label enters a conditional GAN: {@code concat} (cGAN, Mirza &amp; Osindero 2014),
 *                        {@code projection} (projection D + conditional BatchNorm in G, Miyato &amp; Koyama 2018) or
 *                        {@code acgan} (auxiliary classifier, Odena et al. 2017). Default {@code concat} when conditional.
 * @param infoCategories  values of InfoGAN's categorical code ({@code infogan} only; 0 = none). Default 10.
 * @param infoContinuous  number of InfoGAN's continuous codes, each ~ U(−1, 1) ({@code infogan} only). Default 2.
 * @param infoLambda      λ of InfoGAN's mutual-information term, added to both losses ({@code infogan} only). Default 1.
 * @param imageSize       side a {@code folder} dataset's images are resized and cropped to: 28, 32 or 64. Default 64.
 * @param channels        1 or 3 for a {@code folder} dataset; 0 = from the images. Default 0.
 * @param strict          fail on an unreadable image of a {@code folder} dataset instead of skipping it. Default false.
 * @param download        allow downloading a missing named dataset. Default true.
 * @param logEvery        steps between rows flushed to {@code metrics.csv} and progress lines. Default 50.
 * @param sampleEvery     steps between sample grids of the fixed noise batch. Default 250.
 * @param checkpointEvery steps between checkpoints. Default 500.
 * @param evalEvery       steps between evaluations of FID/KID (with the dataset's feature network,
 *                        against its test split) logged in {@code metrics.csv}; the best generator by
 *                        FID is kept in {@code checkpoints/best.pt}. 0 = off. Default 0.
 * @param evalSamples     generated and real samples per evaluation during training. Default 2000.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder(alphabetic = false)
public record TrainConfig(
        String model,
        String dataset,
        String data,
        Long steps,
        Integer epochs,
        Integer batch,
        Double lrG,
        Double lrD,
        Double beta1,
        Double beta2,
        Integer dSteps,
        String loss,
        String optimizer,
        Double r1Gamma,
        Double realLabel,
        Double emaDecay,
        Double instanceNoise,
        String instanceNoiseSchedule,
        Boolean spectralNorm,
        Long seed,
        String device,
        Integer threads,
        String out,
        String noise,
        Integer latentDim,
        Integer width,
        String dNorm,
        Boolean conditional,
        String conditioning,
        Integer infoCategories,
        Integer infoContinuous,
        Double infoLambda,
        Integer imageSize,
        Integer channels,
        Boolean strict,
        Boolean download,
        Integer logEvery,
        Integer sampleEvery,
        Integer checkpointEvery,
        Integer evalEvery,
        Integer evalSamples) {

    public static final long DEFAULT_STEPS = 3000;

    /** A config with every key unset: all defaults. */
    public static TrainConfig defaults() {
        return builder().build();
    }

    /**
     * Fills every unset key with its default (the model's paper for optimiser and sizes) and checks the
     * combination. Steps stay null when {@code epochs} is given: they follow from the dataset's size.
     *
     * @throws BadInputException naming the key, for a value or combination that cannot work
     */
    public TrainConfig resolve() {
        String m = or(model, "dcgan");
        Architecture arch = Architectures.get(m);
        Architecture.Defaults d = arch.defaults();
        String lossName = or(loss, "ns");
        AdversarialLoss adversarial = Losses.get(lossName);
        LossDefaults ld = adversarial.defaults();   // the loss's paper first, then the model's
        String opt = or(optimizer, or(ld.optimizer(), "adam"));
        if (!Optimizers.KINDS.contains(opt)) {
            throw new BadInputException("invalid 'optimizer': '" + opt + "' (use " + String.join(" or ", Optimizers.KINDS) + ")");
        }
        boolean adam = opt.equals("adam");
        if (!adam && (beta1 != null || beta2 != null)) {
            throw new BadInputException("'beta1' and 'beta2' apply only to the adam optimizer, not " + opt);
        }
        double lr = or(ld.learningRate(), d.learningRate());
        double label = or(realLabel, 1.0);
        if (label != 1.0 && !adversarial.outputsProbabilityLogits()) {
            throw new BadInputException("'real-label' applies only to the cross-entropy losses (ns, minimax), not " + lossName);
        }
        String noiseName = or(noise, d.noise().name().toLowerCase(java.util.Locale.ROOT));
        try {
            LatentNoise.parse(noiseName);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("invalid 'noise': '" + noiseName + "' (use uniform or normal)");
        }
        if (steps != null && epochs != null) {
            throw new BadInputException("set either 'steps' or 'epochs', not both");
        }
        String schedule = or(instanceNoiseSchedule, InstanceNoise.LINEAR);
        if (!InstanceNoise.SCHEDULES.contains(schedule)) {
            throw new BadInputException("invalid 'instance-noise-schedule': '" + schedule + "' (use "
                    + String.join(" or ", InstanceNoise.SCHEDULES) + ")");
        }
        String ds = or(dataset, "fashion-mnist");
        boolean cond = or(conditional, false);
        if (conditioning != null && !cond) {
            throw new BadInputException("'conditioning' applies only to a conditional run (add --conditional)");
        }
        String conditioningName = cond ? Conditioning.parse(or(conditioning, "concat")).key() : null;
        if (dNorm != null && !arch.hasDiscriminatorNorm()) {
            throw new BadInputException("'d-norm' applies to models whose D has normalisation layers (dcgan, infogan), not " + m);
        }
        String dNormName = arch.hasDiscriminatorNorm()
                ? DiscriminatorNorm.parse(or(dNorm, or(ld.discriminatorNorm(), DiscriminatorNorm.BATCH.key()))).key() : null;
        boolean info = m.equals("infogan");
        if (cond && info) {
            throw new BadInputException("'conditional' does not apply to infogan, which learns its codes without labels");
        }
        if (!info && (infoCategories != null || infoContinuous != null || infoLambda != null)) {
            throw new BadInputException("'info-categories', 'info-continuous' and 'info-lambda' apply only to --model infogan");
        }
        TrainConfig r = new TrainConfig(m, ds, data,
                epochs == null ? or(steps, DEFAULT_STEPS) : null, epochs,
                or(batch, m.equals("mlp") ? 128 : 64),
                or(lrG, lr), or(lrD, lr),
                adam ? or(beta1, or(ld.beta1(), d.beta1())) : null, adam ? or(beta2, or(ld.beta2(), d.beta2())) : null,
                or(dSteps, or(ld.dSteps(), 1)), lossName, opt, or(r1Gamma, 0.0), label, or(emaDecay, 0.0),
                or(instanceNoise, 0.0), schedule, or(spectralNorm, false), or(seed, 42L), or(device, "cpu"), or(threads, 0),
                or(out, "runs/" + m + "-" + ds), noiseName,
                or(latentDim, d.latentDim()), or(width, d.width()), dNormName,
                cond, conditioningName,
                info ? or(infoCategories, LatentCodes.PAPER.categories()) : null,
                info ? or(infoContinuous, LatentCodes.PAPER.continuous()) : null,
                info ? or(infoLambda, 1.0) : null,
                or(imageSize, 64), or(channels, 0), or(strict, false), or(download, true),
                or(logEvery, 50), or(sampleEvery, 250), or(checkpointEvery, 500),
                or(evalEvery, 0), or(evalSamples, 2000));
        r.check();
        return r;
    }

    private void check() {
        positive("steps", steps);
        positive("epochs", epochs);
        positive("batch", batch);
        positive("lr-g", lrG);
        positive("lr-d", lrD);
        positive("d-steps", dSteps);
        positive("latent-dim", latentDim);
        positive("width", width);
        if (infoCategories != null && (infoCategories < 0 || infoCategories == 1)) {
            throw new BadInputException("invalid 'info-categories': " + infoCategories + " (0 (none) or at least 2)");
        }
        if (infoContinuous != null && infoContinuous < 0) {
            throw new BadInputException("invalid 'info-continuous': " + infoContinuous + " (0 or more)");
        }
        if (infoCategories != null && infoCategories + infoContinuous == 0) {
            throw new BadInputException("infogan needs at least one code: 'info-categories' and 'info-continuous' are both 0");
        }
        if (infoLambda != null && !(infoLambda >= 0 && infoLambda < Double.POSITIVE_INFINITY)) {
            throw new BadInputException("invalid 'info-lambda': " + infoLambda + " (must be 0 or positive)");
        }
        positive("log-every", logEvery);
        positive("sample-every", sampleEvery);
        positive("checkpoint-every", checkpointEvery);
        if (evalEvery < 0) {
            throw new BadInputException("invalid 'eval-every': " + evalEvery + " (must be 0 (off) or positive)");
        }
        if (evalSamples < 2) {
            throw new BadInputException("invalid 'eval-samples': " + evalSamples + " (must be at least 2)");
        }
        if (r1Gamma < 0) {
            throw new BadInputException("invalid 'r1-gamma': " + r1Gamma + " (must be 0 (off) or positive)");
        }
        if (realLabel <= 0 || realLabel > 1) {
            throw new BadInputException("invalid 'real-label': " + realLabel + " (must be in (0, 1])");
        }
        if (emaDecay < 0 || emaDecay >= 1) {
            throw new BadInputException("invalid 'ema-decay': " + emaDecay + " (must be in [0, 1); 0 = off, typical 0.999)");
        }
        if (!(instanceNoise >= 0) || Double.isInfinite(instanceNoise)) {
            throw new BadInputException("invalid 'instance-noise': " + instanceNoise + " (must be 0 (off) or a positive sigma, typical 0.1)");
        }
        if (beta1 != null && (beta1 < 0 || beta1 >= 1)) {
            throw new BadInputException("invalid 'beta1': " + beta1 + " (must be in [0, 1))");
        }
        if (beta2 != null && (beta2 < 0 || beta2 >= 1)) {
            throw new BadInputException("invalid 'beta2': " + beta2 + " (must be in [0, 1))");
        }
        if (threads < 0) {
            throw new BadInputException("invalid 'threads': " + threads + " (0 means all cores)");
        }
        if (imageSize != 28 && imageSize != 32 && imageSize != 64) {
            throw new BadInputException("invalid 'image-size': " + imageSize + " (use 28, 32 or 64)");
        }
        if (channels != 0 && channels != 1 && channels != 3) {
            throw new BadInputException("invalid 'channels': " + channels + " (use 1, 3, or 0 for automatic)");
        }
    }

    private static void positive(String key, Number value) {
        if (value != null && value.doubleValue() <= 0) {
            throw new BadInputException("invalid '" + key + "': " + value + " (must be positive)");
        }
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /** InfoGAN's codes (after {@link #resolve()}); {@link LatentCodes#NONE} for other models. */
    public LatentCodes latentCodes() {
        return infoCategories == null ? LatentCodes.NONE : new LatentCodes(infoCategories, infoContinuous);
    }

    /** How labels enter a conditional run (after {@link #resolve()}); null for an unconditional one. */
    public Conditioning conditioningKind() {
        return conditioning == null ? null : Conditioning.parse(conditioning);
    }

    /** D's normalisation layers (after {@link #resolve()}); null for a model without them. */
    public DiscriminatorNorm discriminatorNorm() {
        return dNorm == null ? null : DiscriminatorNorm.parse(dNorm);
    }

    /** The prior of z (after {@link #resolve()}). */
    public LatentNoise latentNoise() {
        return LatentNoise.parse(noise);
    }

    /** A builder starting from every key unset; see the record's parameters for each key's default. */
    public static Builder builder() {
        return new Builder();
    }

    /** Sets keys one by one (each method is the key of the same name); {@link #build()} does not resolve. */
    public static final class Builder {
        private String model;
        private String dataset;
        private String data;
        private Long steps;
        private Integer epochs;
        private Integer batch;
        private Double lrG;
        private Double lrD;
        private Double beta1;
        private Double beta2;
        private Integer dSteps;
        private String loss;
        private String optimizer;
        private Double r1Gamma;
        private Double realLabel;
        private Double emaDecay;
        private Double instanceNoise;
        private String instanceNoiseSchedule;
        private Boolean spectralNorm;
        private Long seed;
        private String device;
        private Integer threads;
        private String out;
        private String noise;
        private Integer latentDim;
        private Integer width;
        private String dNorm;
        private Boolean conditional;
        private String conditioning;
        private Integer infoCategories;
        private Integer infoContinuous;
        private Double infoLambda;
        private Integer imageSize;
        private Integer channels;
        private Boolean strict;
        private Boolean download;
        private Integer logEvery;
        private Integer sampleEvery;
        private Integer checkpointEvery;
        private Integer evalEvery;
        private Integer evalSamples;

        public Builder model(String value) {
            this.model = value;
            return this;
        }

        public Builder dataset(String value) {
            this.dataset = value;
            return this;
        }

        public Builder data(String value) {
            this.data = value;
            return this;
        }

        public Builder steps(long value) {
            this.steps = value;
            return this;
        }

        public Builder epochs(int value) {
            this.epochs = value;
            return this;
        }

        public Builder batch(int value) {
            this.batch = value;
            return this;
        }

        public Builder lrG(double value) {
            this.lrG = value;
            return this;
        }

        public Builder lrD(double value) {
            this.lrD = value;
            return this;
        }

        public Builder beta1(double value) {
            this.beta1 = value;
            return this;
        }

        public Builder beta2(double value) {
            this.beta2 = value;
            return this;
        }

        public Builder dSteps(int value) {
            this.dSteps = value;
            return this;
        }

        public Builder loss(String value) {
            this.loss = value;
            return this;
        }

        public Builder optimizer(String value) {
            this.optimizer = value;
            return this;
        }

        public Builder r1Gamma(double value) {
            this.r1Gamma = value;
            return this;
        }

        public Builder realLabel(double value) {
            this.realLabel = value;
            return this;
        }

        public Builder emaDecay(double value) {
            this.emaDecay = value;
            return this;
        }

        public Builder instanceNoise(double value) {
            this.instanceNoise = value;
            return this;
        }

        public Builder instanceNoiseSchedule(String value) {
            this.instanceNoiseSchedule = value;
            return this;
        }

        public Builder spectralNorm(boolean value) {
            this.spectralNorm = value;
            return this;
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        public Builder device(String value) {
            this.device = value;
            return this;
        }

        public Builder threads(int value) {
            this.threads = value;
            return this;
        }

        public Builder out(String value) {
            this.out = value;
            return this;
        }

        public Builder noise(String value) {
            this.noise = value;
            return this;
        }

        public Builder latentDim(int value) {
            this.latentDim = value;
            return this;
        }

        public Builder width(int value) {
            this.width = value;
            return this;
        }

        public Builder dNorm(String value) {
            this.dNorm = value;
            return this;
        }

        public Builder conditional(boolean value) {
            this.conditional = value;
            return this;
        }

        public Builder conditioning(String value) {
            this.conditioning = value;
            return this;
        }

        public Builder infoCategories(int value) {
            this.infoCategories = value;
            return this;
        }

        public Builder infoContinuous(int value) {
            this.infoContinuous = value;
            return this;
        }

        public Builder infoLambda(double value) {
            this.infoLambda = value;
            return this;
        }

        public Builder imageSize(int value) {
            this.imageSize = value;
            return this;
        }

        public Builder channels(int value) {
            this.channels = value;
            return this;
        }

        public Builder strict(boolean value) {
            this.strict = value;
            return this;
        }

        public Builder download(boolean value) {
            this.download = value;
            return this;
        }

        public Builder logEvery(int value) {
            this.logEvery = value;
            return this;
        }

        public Builder sampleEvery(int value) {
            this.sampleEvery = value;
            return this;
        }

        public Builder checkpointEvery(int value) {
            this.checkpointEvery = value;
            return this;
        }

        public Builder evalEvery(int value) {
            this.evalEvery = value;
            return this;
        }

        public Builder evalSamples(int value) {
            this.evalSamples = value;
            return this;
        }

        public TrainConfig build() {
            return new TrainConfig(model, dataset, data, steps, epochs, batch, lrG, lrD, beta1, beta2, dSteps, loss, optimizer, r1Gamma, realLabel, emaDecay, instanceNoise, instanceNoiseSchedule, spectralNorm, seed, device, threads, out, noise, latentDim, width, dNorm, conditional, conditioning, infoCategories, infoContinuous, infoLambda, imageSize, channels, strict, download, logEvery, sampleEvery, checkpointEvery, evalEvery, evalSamples);
        }
    }
}
