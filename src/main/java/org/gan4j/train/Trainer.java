package org.gan4j.train;

import org.gan4j.config.TrainConfig;
import org.gan4j.config.ConfigFiles;
import org.gan4j.loss.InstanceNoise;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.BadInputException;
import org.gan4j.data.Batch;
import org.gan4j.data.BatchLoader;
import org.gan4j.data.Dataset;
import org.gan4j.data.SampleShape;
import org.gan4j.engine.ComputeDevice;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Optimizers;
import org.gan4j.engine.ParameterOptimizer;
import org.gan4j.engine.Tensors;
import org.gan4j.loss.AdversarialLoss;
import org.gan4j.loss.GradientPenalties;
import org.gan4j.loss.Losses;
import org.gan4j.loss.Targets;
import org.gan4j.nn.Architecture;
import org.gan4j.nn.Architectures;
import org.gan4j.nn.Discriminator;
import org.gan4j.nn.DiscriminatorNorm;
import org.gan4j.nn.Generator;
import org.gan4j.nn.LatentNoise;
import org.gan4j.nn.NetworkSpec;
import org.gan4j.nn.Networks;
import org.gan4j.report.LossPlot;
import org.gan4j.report.MetricsLog;
import org.gan4j.report.SampleGrid;

/**
 * Trains a GAN by alternating stochastic gradient steps on the two players, as in Algorithm 1 of
 * Goodfellow et al. (2014): each iteration takes k discriminator steps on a real batch and a
 * detached fake batch, then one generator step on the last fake batch (one G forward pass per
 * iteration, as in the PyTorch DCGAN example and bench SPEC B2). The objectives come from the
 * config's {@link AdversarialLoss}; with the WGAN losses k is the paper's n_critic.
 *
 * <p>A run lives in a {@link RunDirectory}. It is resumable exactly: libtorch is reseeded from
 * (seed, step) before every iteration and the data order is a function of (seed, epoch), so a
 * checkpoint only needs the networks, the optimisers and the step to continue bit for bit.
 *
 * <p>With {@code ema-decay} β &gt; 0 a {@link WeightAverage} of G follows every generator step; the
 * average, not G, draws the sample grids and becomes {@code generator.pt}, and checkpoints hold both.
 *
 * <p>With {@code instance-noise} σ₀ &gt; 0, D sees real and fake batches with {@link InstanceNoise} added
 * (in its own steps and in G's), σ_t annealed over the run. {@link Diagnostics} watch the run and warn
 * once, through {@link TrainingListener#onMessage}, of a vanishing G gradient or mode collapse.
 *
 * <p>Native memory: each iteration runs inside a {@link PointerScope} that frees its tensors when it
 * closes; what lives for the whole run (networks, optimisers, targets, the fixed noise) is created
 * outside any scope.
 */
public final class Trainer implements AutoCloseable {
    /** Samples in the fixed-noise grid (an 8×8 grid). */
    static final int GRID_SAMPLES = 64;
    /** Points drawn for the scatter plots of 1-D and 2-D toy data. */
    static final int SCATTER_SAMPLES = 1000;
    private static final int PREFETCH = 3;
    private static final List<String> RESUMABLE_KEYS = List.of("steps", "epochs", "threads", "device");

    private final TrainConfig config;
    private final Dataset data;
    private final RunDirectory run;
    private final Provenance provenance;
    private final ComputeDevice device;
    private final Generator generator;
    private final Discriminator discriminator;
    /** The moving average of G's weights, or null when {@code ema-decay} is 0. */
    private final WeightAverage average;
    private final TensorVector generatorParams;
    private final TensorVector discriminatorParams;
    private final ParameterOptimizer optimizerG;
    private final ParameterOptimizer optimizerD;
    private final AdversarialLoss loss;
    private final LatentNoise noise;
    private final Targets targets;
    /** What the variant (plain, class-conditional, InfoGAN) adds to the game. */
    private final GameVariant variant;
    /** D's parameters that G's step trains too (InfoGAN's Q head); empty otherwise. */
    private final TensorVector sharedParams;
    /** The batch every sample grid shows: fixed noise (with a class grid's labels, or InfoGAN's codes). */
    private final GameVariant.Latent fixedLatent;
    private final long totalSteps;
    private final int batchesPerEpoch;
    private long step;
    /** σ_t of instance noise for the iteration under way (0 when off). */
    private double sigma;
    /** Watches for failure modes during {@link #train}; null before it. */
    private Diagnostics diagnostics;
    private long epoch;
    private int batchInEpoch;

    /** @param saved the checkpoint a resumed run continues from (its networks' layout), or null for a new run */
    private Trainer(TrainConfig resolved, Dataset data, RunDirectory run, Provenance provenance, Path saved) {
        this.config = resolved;
        this.data = data;
        this.run = run;
        this.provenance = provenance;
        Architecture architecture = Architectures.get(resolved.networks().model());
        Engine.init(resolved.run().threads(), architecture.parallelism());
        this.device = Engine.device(resolved.run().device());
        architecture.checkSupports(data.shape());
        TrainingEvaluation.networkName(resolved); // eval-every needs a dataset with a feature network: fail before any work
        if (resolved.optimiser().batch() > data.size()) {
            throw new BadInputException("invalid 'batch': " + resolved.optimiser().batch() + " is larger than the dataset ("
                    + data.size() + " samples)");
        }
        this.batchesPerEpoch = data.size() / resolved.optimiser().batch();
        this.totalSteps = resolved.run().steps() != null ? resolved.run().steps()
                : Math.max(1, (long) resolved.run().epochs() * batchesPerEpoch / resolved.optimiser().dSteps());
        this.loss = Losses.get(resolved.objective().loss());
        this.noise = resolved.networks().latentNoise();

        int classes = conditionalClasses(resolved, data);
        this.variant = GameVariant.of(resolved, classes);

        NetworkSpec spec = spec(resolved, data.shape(), classes);
        if (saved != null) {
            spec = Checkpoint.savedLayout(saved, architecture, spec);
        }
        // Initial weights depend on the seed only, so a resumed run rebuilds the same networks before loading.
        Engine.seed(resolved.run().seed());
        this.generator = Networks.generator(architecture, spec);
        this.discriminator = Networks.discriminator(architecture, spec);
        // Built after G and D, so G's and D's initial weights do not depend on whether it exists.
        Generator averaged = resolved.optimiser().emaDecay() > 0 ? Networks.generator(architecture, spec) : null;
        if (resolved.networks().spectralNorm()) {
            discriminator.applySpectralNorm();   // draws its start vectors after every network's init
        }
        if (device.isCuda()) {
            generator.to(device.torchDevice(), false);
            discriminator.to(device.torchDevice(), false);
            if (averaged != null) {
                averaged.to(device.torchDevice(), false);
            }
        }
        this.average = averaged == null ? null : new WeightAverage(generator, averaged, resolved.optimiser().emaDecay());
        this.generatorParams = generator.parameters();
        this.discriminatorParams = discriminator.parameters();
        this.sharedParams = discriminator.sharedWithGenerator();
        TensorVector trainedByG = generatorParams;
        if (sharedParams.size() > 0) {   // InfoGAN: G's optimiser also steps Q, which its objective contains
            trainedByG = new TensorVector(generatorParams.get());
            for (Tensor p : sharedParams.get()) {
                trainedByG.push_back(p);
            }
        }
        this.optimizerG = Optimizers.create(resolved.optimiser().optimizer(), trainedByG, resolved.optimiser().lrG(), resolved.optimiser().beta1(), resolved.optimiser().beta2());
        this.optimizerD = Optimizers.create(resolved.optimiser().optimizer(), discriminatorParams, resolved.optimiser().lrD(), resolved.optimiser().beta1(), resolved.optimiser().beta2());
        this.targets = new Targets(resolved.optimiser().batch(), resolved.objective().realLabel(), device);
        Engine.seed(mix(resolved.run().seed(), -1));
        boolean image = data.shape().image();
        this.fixedLatent = variant.fixed(image ? GRID_SAMPLES : SCATTER_SAMPLES, image, device).retain();
    }

    /** The number of classes of a conditional run (checked against the data), 0 for any other. */
    private static int conditionalClasses(TrainConfig config, Dataset data) {
        if (!Boolean.TRUE.equals(config.networks().conditional())) {
            return 0;
        }
        if (data.numClasses() < 2) {
            throw new BadInputException("--conditional needs labelled data with at least 2 classes, but " + data.name()
                    + (data.numClasses() == 0 ? " has no class labels" : " has one class")
                    + " (a folder dataset takes its classes from sub-folders)");
        }
        return data.numClasses();
    }

    /** What the run's networks are built for: the data's shape, the config's sizes, its classes and codes. */
    static NetworkSpec spec(TrainConfig config, SampleShape shape, int classes) {
        NetworkSpec spec = new NetworkSpec(shape, config.networks().latentDim(), config.networks().width());
        if (config.networks().discriminatorNorm() != null) {
            spec = spec.withDiscriminatorNorm(config.networks().discriminatorNorm());
        }
        if (classes > 0) {
            spec = spec.conditional(classes, config.networks().conditioningKind());
        }
        return spec.withCodes(config.networks().latentCodes());
    }

    /**
     * Prepares a new run of {@code config} on {@code data} in the config's {@code out} directory.
     *
     * @throws BadInputException when that directory already holds a run (resume it, or choose another)
     */
    public static Trainer start(TrainConfig config, Dataset data) {
        TrainConfig resolved = config.resolve();
        RunDirectory run = new RunDirectory(Path.of(resolved.run().out()));
        if (run.exists()) {
            throw new BadInputException("run directory " + run.root() + " already holds a run: continue it with --resume "
                    + run.root() + " or choose another --out");
        }
        Engine.init(resolved.run().threads());
        Trainer t = new Trainer(resolved, data, run, Provenance.of(data), null);
        run.writeConfig(resolved, t.provenance);
        return t;
    }

    /**
     * Reopens the run in {@code runDir} at its last checkpoint. {@code steps} (or {@code epochs}),
     * {@code threads} and {@code device} may be changed by {@code overrides}; other keys may not.
     */
    public static Trainer resume(Path runDir, Dataset data, TrainConfig overrides) {
        RunDirectory run = new RunDirectory(runDir);
        TrainConfig saved = run.readConfig();
        Provenance provenance = run.readProvenance();
        if (!provenance.datasetDigest().equals(data.digest())) {
            throw new BadInputException("dataset " + data.name() + " differs from the one run " + runDir
                    + " was trained on (digest " + provenance.datasetDigest().substring(0, 12) + "...)");
        }
        TrainConfig resolved = resumeConfig(saved, overrides, runDir).resolve();
        if (!Files.isRegularFile(run.checkpoint())) {
            throw new BadInputException("run " + runDir + " has no checkpoint to resume from (" + run.checkpoint() + ")");
        }
        Engine.init(resolved.run().threads());
        Trainer t = new Trainer(resolved, data, run, provenance, run.checkpoint());
        Checkpoint.State state = Checkpoint.load(run.checkpoint(), t.generator, t.averagedGenerator(), t.discriminator,
                t.optimizerG, t.optimizerD);
        t.step = state.step();
        t.epoch = state.epoch();
        t.batchInEpoch = state.batchInEpoch();
        if (!resolved.equals(saved)) {
            run.writeConfig(resolved, provenance);
        }
        return t;
    }

    /**
     * Fails unless {@code overrides} sets only keys a resumed run may change (length, threads,
     * device); callers check this before opening any data.
     */
    public static void checkResumable(TrainConfig overrides) {
        ConfigFiles.toTree(overrides).fieldNames().forEachRemaining(key -> {
            if (!RESUMABLE_KEYS.contains(key)) {
                throw new BadInputException("'" + key + "' cannot change when resuming a run (only "
                        + String.join(", ", RESUMABLE_KEYS) + " can)");
            }
        });
    }

    /** The saved config with the keys a resume may change; the run stays where it is. */
    private static TrainConfig resumeConfig(TrainConfig saved, TrainConfig overrides, Path runDir) {
        checkResumable(overrides);
        var merged = ConfigFiles.toTree(ConfigFiles.merge(saved, overrides));
        merged.put("out", runDir.toString());
        if (saved.networks().dNorm() == null && saved.networks().model() != null && Architectures.get(saved.networks().model()).hasDiscriminatorNorm()) {
            merged.put("d-norm", DiscriminatorNorm.BATCH.key());   // saved before the key existed: D had DCGAN's BatchNorm
        }
        return ConfigFiles.fromTree(merged, "resumed config");
    }

    /** Runs the remaining iterations, writing samples, metrics and checkpoints into the run directory. */
    public TrainingResult train(TrainingListener listener) {
        Engine.flushDenormals();   // per thread: this one computes every step (Engine explains why)
        listener.onStart(run.root(), step, totalSteps);
        long startStep = step;
        long started = System.nanoTime();
        long windowStart = started;
        long windowSteps = 0;
        StepStats last = null;
        DataScaling range = new DataScaling(generator);
        diagnostics = new Diagnostics(loss.outputsProbabilityLogits(), config.objective().loss(), listener::onMessage);
        int realCount = Math.min(data.size(), (int) fixedLatent.size());
        diagnostics.realSamples(realSamples(realCount, range), realCount);
        TrainingEvaluation evaluation = TrainingEvaluation.open(config, data, run, step, generator.latentDim(),
                generator.outputRange(), device, listener::onMessage); // null unless eval-every is set
        try (MetricsLog metrics = MetricsLog.open(run.metricsFile(), evaluation == null ? List.of() : evaluation.columns(),
                step == 0 ? -1 : step);
             BatchLoader batches = new BatchLoader(data, config.optimiser().batch(), config.run().seed(), range.scale, range.shift,
                     epoch, batchInEpoch, PREFETCH)) {
            if (step == 0) {
                writeSamples(0);
            }
            while (step < totalSteps) {
                StepStats s;
                try (PointerScope scope = new PointerScope()) {
                    Engine.seed(mix(config.run().seed(), step));
                    sigma = InstanceNoise.sigma(config.objective().instanceNoise(), config.objective().instanceNoiseSchedule(), step, totalSteps);
                    s = iteration(batches);
                }
                step++;
                windowSteps++;
                long now = System.nanoTime();
                double perSec = windowSteps * (double) config.optimiser().batch() * config.optimiser().dSteps() / ((now - windowStart) / 1e9);
                last = new StepStats(step, s.dLoss(), s.gLoss(), s.dReal(), s.dFake(), s.gradNormD(), s.gradNormG(), perSec);
                listener.onStep(last);
                diagnostics.onStep(last);
                metrics.append(step, evaluation == null ? last.values() : evaluation.row(step, totalSteps, last.values(),
                        this::generate, () -> writeCheckpoint(evaluation.bestCheckpoint())));
                if (step % config.run().logEvery() == 0 || step == totalSteps) {
                    metrics.flush();
                    listener.onLog(last, totalSteps);
                    windowStart = now;
                    windowSteps = 0;
                }
                if (step % config.run().sampleEvery() == 0 || step == totalSteps) {
                    writeSamples(step);
                }
                if (step % config.run().checkpointEvery() == 0 || step == totalSteps) {
                    metrics.flush();
                    writeCheckpoint(run.checkpoint());
                    listener.onMessage("checkpoint at step " + step + " in " + run.checkpoint());
                }
            }
            metrics.flush();
        }
        Checkpoint.saveGenerator(run.generatorFile(), product());
        LossPlot.write(run.metricsFile(), run.lossPlot());
        if (variant instanceof GameVariant.Info && data.shape().image()) {
            for (Path png : LatentTraversal.writeAll(run.root())) {
                listener.onMessage("latent traversal: " + png);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double perSec = (step - startStep) * (double) config.optimiser().batch() * config.optimiser().dSteps() / Math.max(seconds, 1e-9);
        TrainingResult result = new TrainingResult(run.root(), config, provenance, step, last, seconds, perSec);
        listener.onFinish(result);
        return result;
    }

    /** One iteration of Algorithm 1: k discriminator steps, then one generator step. */
    private StepStats iteration(BatchLoader batches) {
        DiscriminatorStep d = null;
        for (int i = 0; i < config.optimiser().dSteps(); i++) {
            d = updateDiscriminator(batches, i == config.optimiser().dSteps() - 1);
        }
        GeneratorStep g = updateGenerator(d.fake(), d.latent());
        if (average != null) {
            average.update();
        }
        return new StepStats(step + 1, d.loss(), g.loss(), d.meanReal(), d.meanFake(),
                d.gradientNorm(), g.gradientNorm(), 0);
    }

    /**
     * What a discriminator step leaves for the generator step and the log: the mean of D on the real
     * and the fake batch, as probabilities (sigmoid) when D's outputs are logits, raw otherwise.
     */
    record DiscriminatorStep(Tensor fake, GameVariant.Latent latent, double loss, double meanReal, double meanFake,
            double gradientNorm) {
    }

    /** What a generator step leaves for the log. */
    record GeneratorStep(double loss, double gradientNorm) {
    }

    /**
     * (1) Update D on one real and one fake batch: minimise the loss's L_D (for the original game,
     * maximise log D(x) + log(1 − D(G(z)))), plus its penalty (WGAN-GP) and R1 when enabled; then
     * the loss's post-step rule (WGAN's weight clipping).
     *
     * @param keepGraph whether the fake batch keeps G's graph for the generator step that follows
     */
    DiscriminatorStep updateDiscriminator(BatchLoader batches, boolean keepGraph) {
        Batch batch = nextBatch(batches);
        Tensor real = realTensor(batch);                                               // B×C×H×W (or B×d)
        Tensor realLabels = variant.realLabels(batch, device);                         // B, or null
        GameVariant.Latent latent = variant.draw(config.optimiser().batch(), device);              // z (B×latent), labels or codes
        Tensor fake = keepGraph ? generator.forward(latent.input(), latent.labels())
                : generateWithoutGraph(latent);                                        // B×C×H×W
        // Instance noise: D only ever sees noisy batches (x + σ_t·ε); with σ_t = 0 nothing is drawn.
        Tensor realSeen = InstanceNoise.add(real, sigma);
        Tensor fakeSeen = InstanceNoise.add(fake.detach(), sigma);
        Discriminator.Output realOut = discriminator.judge(realSeen, realLabels);      // B×1 (+ auxiliary head)
        Discriminator.Output fakeOut = discriminator.judge(fakeSeen, latent.labels()); // B×1 (+ auxiliary head)
        Tensor realLogits = realOut.logits();
        Tensor fakeLogits = fakeOut.logits();
        // Penalties see D(·, y) of the real labels (for interpolates too: the usual choice of conditional WGAN-GP).
        Discriminator critic = discriminator.given(realLabels);
        Tensor loss = plus(this.loss.discriminatorLoss(realLogits, fakeLogits, targets),
                this.loss.penalty(critic, realSeen, fakeSeen));                         // WGAN-GP's penalty
        if (config.objective().r1Gamma() > 0) {
            loss = loss.add(GradientPenalties.r1(critic, realSeen, config.objective().r1Gamma()));
        }
        loss = plus(loss, variant.discriminatorTerm(realOut, realLabels, fakeOut, latent)); // AC-GAN's or InfoGAN's term
        optimizerD.zeroGrad();
        loss.backward();
        double gradientNorm = gradientNorm(discriminatorParams);
        double value = requireFinite("discriminator", loss);
        optimizerD.step();
        this.loss.afterDiscriminatorStep(discriminator);
        return new DiscriminatorStep(fake, latent, value, meanOutput(realLogits), meanOutput(fakeLogits), gradientNorm);
    }

    /** The mean of D's outputs as logged: a probability for logit-valued D, the raw score otherwise. */
    private double meanOutput(Tensor outputs) {
        return (loss.outputsProbabilityLogits() ? torch.sigmoid(outputs) : outputs).mean().item_double();
    }

    /** (2) Update G on the fake batch: the loss's generator objective (non-saturating: maximise log D(G(z))). */
    GeneratorStep updateGenerator(Tensor fake, GameVariant.Latent latent) {
        // The backward pass goes through D to reach G, but G's update needs no gradient for D's
        // weights: switching them off skips D's weight-gradient kernels (about 1 ms of B1's step).
        // InfoGAN's Q head stays on: G's objective contains it and G's optimiser steps it.
        setRequiresGrad(discriminatorParams, false);
        setRequiresGrad(sharedParams, true);
        try {
            Tensor seen = InstanceNoise.add(fake, sigma);                                  // fresh noise, same σ_t
            Discriminator.Output out = discriminator.judge(seen, latent.labels());         // D(G(z)): B×1
            Tensor loss = plus(this.loss.generatorLoss(out.logits(), targets), variant.generatorTerm(out, latent));
            optimizerG.zeroGrad();
            loss.backward();
            double gradientNorm = gradientNorm(generatorParams);
            double value = requireFinite("generator", loss);
            optimizerG.step();
            return new GeneratorStep(value, gradientNorm);
        } finally {
            setRequiresGrad(discriminatorParams, true);
        }
    }

    /** {@code loss + term}, or {@code loss} when the term is absent (null): no zero tensor, no extra node in the graph. */
    private static Tensor plus(Tensor loss, Tensor term) {
        return term == null ? loss : loss.add(term);
    }

    private static void setRequiresGrad(TensorVector params, boolean on) {
        for (long i = 0; i < params.size(); i++) {
            params.get(i).requires_grad_(on);
        }
    }

    private Batch nextBatch(BatchLoader batches) {
        Batch batch = batches.next();
        epoch = batch.epoch();
        batchInEpoch = batch.batchInEpoch() + 1;
        return batch;
    }

    private Tensor realTensor(Batch batch) {
        Tensor real = Tensors.fromFloats(batch.data(), generator.batchShape(batch.size()));
        return device.isCuda() ? real.to(device.torchDevice(), torch.ScalarType.Float) : real;
    }

    private Tensor generateWithoutGraph(GameVariant.Latent latent) {
        try (NoGradGuard guard = new NoGradGuard()) {
            return generator.forward(latent.input(), latent.labels());
        }
    }

    /**
     * The total L2 norm of the parameters' gradients, ‖(‖g₁‖, …, ‖gₙ‖)‖. Not clip_grad_norm_ with an
     * infinite bound: that also multiplies every gradient by its clip coefficient (1), a write pass over all of them.
     */
    static double gradientNorm(TensorVector params) {
        TensorVector norms = new TensorVector();
        for (long i = 0; i < params.size(); i++) {
            Tensor grad = params.get(i).grad();
            if (grad.defined()) {
                norms.push_back(torch.linalg_vector_norm(grad));
            }
        }
        return norms.size() == 0 ? 0 : torch.linalg_vector_norm(torch.stack(norms)).item_double();
    }

    /** The loss's value; a NaN or infinity stops the run before the update that would spread it. */
    private double requireFinite(String player, Tensor lossValue) {
        double v = lossValue.item_double();
        if (!Double.isFinite(v)) {
            String kept = Files.isRegularFile(run.checkpoint())
                    ? "the last good checkpoint is " + run.checkpoint() + " (step " + Checkpoint.readState(run.checkpoint()).step() + ")"
                    : "no checkpoint was written yet";
            throw new TrainingDivergedException("training diverged at step " + (step + 1) + ": the " + player
                    + " loss is " + v + "; " + kept + " (try a lower learning rate)");
        }
        return v;
    }

    private void writeCheckpoint(Path file) {
        String configJson;
        try {
            configJson = ConfigFiles.JSON.writeValueAsString(ConfigFiles.toTree(config));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Checkpoint.save(file, generator, averagedGenerator(), discriminator, optimizerG, optimizerD,
                new Checkpoint.State(Checkpoint.FORMAT, step, epoch, batchInEpoch, configJson));
    }

    /** The generator the run produces: the weight average when there is one, else G. */
    public Generator product() {
        return average != null ? average.average() : generator;
    }

    /** The moving average of G's weights, or null when {@code ema-decay} is 0. */
    public Generator averagedGenerator() {
        return average != null ? average.average() : null;
    }

    /** Draws the product's G(fixed noise) in eval mode (BatchNorm running statistics) and writes the step's picture. */
    private void writeSamples(long atStep) {
        float[] samples = generate(fixedLatent.input(), fixedLatent.labels());
        SampleShape shape = data.shape();
        int count = (int) fixedLatent.size();
        Path png = run.sampleGrid(atStep);
        if (diagnostics != null) {
            diagnostics.onSamples(atStep, samples, count);
        }
        if (shape.image()) {
            SampleGrid.write(png, samples, count, shape, generator.outputRange().low(), generator.outputRange().high(),
                    variant.gridColumns(true));
        } else {
            SampleGrid.writePoints(png, samples, count, shape.features(), referencePoints(), referenceCount(),
                    data.name() + " at step " + atStep);
        }
    }

    /** The {@link #product()}'s G(z) as floats, in eval mode and without a graph; its mode is restored after. */
    public float[] generate(Tensor z) {
        return generate(z, null);
    }

    /** The {@link #product()}'s G(z, y) as floats ({@code labels} null for an unconditional run), in eval mode. */
    public float[] generate(Tensor z, Tensor labels) {
        try (PointerScope scope = new PointerScope()) {
            return Tensors.toFloats(product().generate(z, labels));
        }
    }

    /** {@code n} real samples spread evenly over the dataset, in G's output space (images scaled like the batches). */
    private float[] realSamples(int n, DataScaling range) {
        int d = data.shape().features();
        float[] out = new float[n * d];
        for (int i = 0; i < n; i++) {
            data.copyTo((int) ((long) i * data.size() / n), out, i * d);
        }
        for (int j = 0; j < out.length; j++) {
            out[j] = out[j] * range.scale + range.shift;
        }
        return out;
    }

    private float[] referencePoints;

    private float[] referencePoints() {
        if (referencePoints == null) {
            int n = referenceCount();
            int d = data.shape().features();
            referencePoints = new float[n * d];
            for (int i = 0; i < n; i++) {
                data.copyTo(i, referencePoints, i * d);
            }
        }
        return referencePoints;
    }

    private int referenceCount() {
        return Math.min(data.size(), 2000);
    }

    /** SplitMix64 of (seed, step): well-spread per-step seeds from one run seed. */
    static long mix(long seed, long step) {
        long z = seed * 0x9E3779B97F4A7C15L + step + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) & Long.MAX_VALUE;
    }

    public Generator generator() {
        return generator;
    }

    public Discriminator discriminator() {
        return discriminator;
    }

    public TrainConfig config() {
        return config;
    }

    public RunDirectory run() {
        return run;
    }

    public long step() {
        return step;
    }

    public long totalSteps() {
        return totalSteps;
    }

    @Override
    public void close() {
        fixedLatent.release();
        targets.close();
        optimizerG.close();
        optimizerD.close();
    }

    /** The affine map from stored [0, 1] images into G's output range (points pass unchanged). */
    private static final class DataScaling {
        final float scale;
        final float shift;

        DataScaling(Generator g) {
            boolean image = g.sampleShape().image();
            this.scale = image ? g.outputRange().scale() : 1f;
            this.shift = image ? g.outputRange().shift() : 0f;
        }
    }
}
