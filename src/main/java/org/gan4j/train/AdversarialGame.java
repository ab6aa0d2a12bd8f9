package org.gan4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.BadInputException;
import org.gan4j.config.ConfigFiles;
import org.gan4j.config.TrainConfig;
import org.gan4j.data.Batch;
import org.gan4j.data.Dataset;
import org.gan4j.data.SampleShape;
import org.gan4j.engine.ComputeDevice;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Tensors;
import org.gan4j.loss.AdversarialLoss;
import org.gan4j.loss.InstanceNoise;
import org.gan4j.loss.Term;
import org.gan4j.loss.Terms;
import org.gan4j.nn.Architecture;
import org.gan4j.nn.Architectures;
import org.gan4j.nn.Discriminator;
import org.gan4j.nn.Generator;
import org.gan4j.nn.Growing;
import org.gan4j.nn.Latent;
import org.gan4j.nn.NetworkSpec;
import org.gan4j.nn.Networks;
import org.gan4j.nn.Prior;
import org.gan4j.nn.Sampler;

/**
 * The game of Goodfellow et al. (2014), Algorithm 1: each iteration takes k discriminator steps on a
 * real batch and a detached fake batch, then one generator step on the last fake batch (one G
 * forward pass per iteration, as in the PyTorch DCGAN example and bench SPEC B2). The objectives
 * come from the config's {@link AdversarialLoss}; with the WGAN losses k is the paper's n_critic.
 * Its variants are data, not branches: the {@link Prior} (z alone, z with a class, z with InfoGAN's
 * codes) and the {@link Terms} (gradient penalty, R1, AC-GAN's cross-entropy, InfoGAN's information).
 *
 * <p>With {@code ema-decay} β &gt; 0 a {@link WeightAverage} of G follows every generator step; the
 * average, not G, draws the sample grids and becomes {@code generator.pt}. With {@code instance-noise}
 * D sees real and fake batches with {@link InstanceNoise} added, in its own steps and in G's.
 *
 * <p>Progressive growing (Karras et al. 2018) is data too: when the family {@link Architecture#grows()}, its
 * networks are {@link Growing} and each step starts by putting G, D and G's average at the stage a
 * {@link GrowthSchedule} gives for the real images shown so far (step × batch × d-steps). The optimisers keep
 * their state across a growth: a block not yet in use gets no gradient, so Adam leaves it alone (its moments
 * and step count start when it joins, as the paper's reset would start them), and the old blocks keep theirs.
 * The paper resets Adam at each growth; keeping the state makes a resume exact with nothing more to record.
 *
 * <p>Mode-collapse remedies ({@link org.gan4j.config.ModeCollapseKeys}): PacGAN's packing and the minibatch std
 * feature are D's ({@link Networks#discriminator(Architecture, NetworkSpec, int, boolean)}); with {@code unroll}
 * K &gt; 0 the generator step looks through K look-ahead D steps that are then undone ({@link #unrolledGeneratorStep}).
 *
 * <p>Players: {@code generator} and {@code discriminator}; modules kept by checkpoints: those two and
 * {@code generator_ema} when the run keeps an average.
 */
final class AdversarialGame implements Game {
    /** Samples in the fixed-noise grid (an 8×8 grid). */
    static final int GRID_SAMPLES = 64;
    /** Points drawn for the scatter plots of 1-D and 2-D toy data. */
    static final int SCATTER_SAMPLES = 1000;
    static final List<String> SCALARS = List.of("d_loss", "g_loss", "d_real", "d_fake", "grad_norm_d", "grad_norm_g");

    private final TrainConfig config;
    private final ComputeDevice device;
    private final SampleShape shape;
    private final Dataset data;
    private final Generator generator;
    private final Discriminator discriminator;
    /** The moving average of G's weights, or null when {@code ema-decay} is 0. */
    private final WeightAverage average;
    private final Player playerG;
    private final Player playerD;
    /** D's parameters that G's step trains too (InfoGAN's Q head); empty otherwise. */
    private final TensorVector sharedParams;
    private final Objective objective;
    /** Look-ahead D steps of G's loss (unrolled GAN), 0 for the plain step. */
    private final int unroll;
    private boolean closed;
    private final Prior prior;
    /** The batch every sample grid shows: fixed noise (with a class grid's labels, or InfoGAN's codes). */
    private final Latent fixedLatent;
    /** D's raw outputs on the real and fake batch of the last D step of the last step that asked for them. */
    private Map<String, float[]> distributions = Map.of();
    /** When a progressive family grows, or null for one that does not. */
    private final GrowthSchedule growth;
    /** The networks a growth stage applies to: G, D and G's average (empty when the family does not grow). */
    private final List<Growing> growing = new ArrayList<>();
    /** Real images D has seen: (steps played) × batch × d-steps. */
    private long imagesShown;

    AdversarialGame(GameSetup setup) {
        TrainConfig c = setup.config();
        this.config = c;
        this.device = setup.device();
        this.shape = setup.data().shape();
        this.data = setup.data();
        Architecture architecture = Architectures.get(c.networks().model());
        int classes = conditionalClasses(c, setup.data());
        NetworkSpec spec = spec(c, shape, classes);
        if (setup.saved() != null) {
            spec = Checkpoint.savedLayout(setup.saved(), architecture, spec);
        }
        // Initial weights depend on the seed only, so a resumed run rebuilds the same networks before loading.
        Engine.seed(c.run().seed());
        this.generator = Networks.generator(architecture, spec);
        // PacGAN's packing and the minibatch std feature change D alone; unset, D is the family's own.
        this.discriminator = Networks.discriminator(architecture, spec, c.modeCollapse().packSize(), c.modeCollapse().minibatchStdOn());
        // Built after G and D, so G's and D's initial weights do not depend on whether it exists.
        Generator averaged = c.optimiser().emaDecay() > 0 ? Networks.generator(architecture, spec) : null;
        if (c.networks().spectralNorm()) {
            discriminator.applySpectralNorm();   // draws its start vectors after every network's init
        }
        if (device.isCuda()) {
            generator.to(device.torchDevice(), false);
            discriminator.to(device.torchDevice(), false);
            if (averaged != null) {
                averaged.to(device.torchDevice(), false);
            }
        }
        this.growth = architecture.grows()
                ? GrowthSchedule.ofKimg(shape.height(), c.progressive().fadeKimg(), c.progressive().stableKimg()) : null;
        if (growth != null) {
            for (Module m : new Module[] {generator, discriminator, averaged}) {
                if (m != null) {
                    growing.add((Growing) m);
                }
            }
            grow(growth.at(0));
        }
        this.average = averaged == null ? null : new WeightAverage(generator, averaged, c.optimiser().emaDecay());
        this.sharedParams = discriminator.sharedWithGenerator();
        // InfoGAN: G's optimiser also steps Q, which its objective contains
        this.playerG = Player.of("generator", generator, sharedParams, c.optimiser(), c.optimiser().lrG());
        this.playerD = Player.of("discriminator", discriminator, null, c.optimiser(), c.optimiser().lrD());
        this.unroll = c.modeCollapse().unrollSteps();
        this.objective = Objective.of(c, device, classes > 0 ? c.networks().conditioningKind() : null, c.networks().latentCodes());
        this.prior = Prior.of(c.networks().latentNoise(), c.networks().latentDim(), classes, c.networks().latentCodes());
        Engine.seed(Trainer.mix(c.run().seed(), -1));
        boolean image = shape.image();
        this.fixedLatent = prior.grid(image ? GRID_SAMPLES : SCATTER_SAMPLES, image, device).retain();
    }

    /** The number of classes of a conditional run (checked against the data), 0 for any other. */
    static int conditionalClasses(TrainConfig config, Dataset data) {
        if (!config.networks().conditionalRun()) {
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
        return spec.withCodes(config.networks().latentCodes()).withStyle(config.style().spec());
    }

    @Override
    public Dataset trainingData() {
        return data;
    }

    @Override
    public List<String> scalars() {
        return SCALARS;
    }

    /** One iteration of Algorithm 1: k discriminator steps, then one generator step (at the step's growth stage). */
    @Override
    public StepScalars play(StepContext step) {
        int k = config.optimiser().dSteps();
        if (growth != null) {
            grow(growth.at(step.step() * imagesPerStep()));
        }
        DiscriminatorStep d = null;
        for (int i = 0; i < k; i++) {
            d = updateDiscriminator(step, i == k - 1);
        }
        GeneratorStep g = unroll > 0 ? unrolledGeneratorStep(step, d) : updateGenerator(step, d.fake(), d.latent());
        if (average != null) {
            average.update();
        }
        imagesShown = (step.step() + 1) * imagesPerStep();
        return StepScalars.of("d_loss", d.loss(), "g_loss", g.loss(), "d_real", d.meanReal(), "d_fake", d.meanFake(),
                "grad_norm_d", d.gradientNorm(), "grad_norm_g", g.gradientNorm());
    }

    private void grow(Growing.Stage stage) {
        for (Growing g : growing) {
            g.stage(stage);
        }
    }

    /** Real images one step shows D: batch × d-steps. */
    long imagesPerStep() {
        return (long) config.optimiser().batch() * config.optimiser().dSteps();
    }

    /** The growth schedule of a progressive family, or null. */
    GrowthSchedule growth() {
        return growth;
    }

    /**
     * A growing run's place in its schedule after the steps played: {@code images} (real images shown),
     * {@code kimg}, and the {@code resolution} and {@code alpha} its networks are at; null for other families.
     */
    @Override
    public JsonNode state() {
        if (growth == null) {
            return null;
        }
        Growing.Stage s = ((Growing) generator).stage();
        ObjectNode node = ConfigFiles.JSON.createObjectNode();
        node.put("images", imagesShown);
        node.put("kimg", imagesShown / 1000.0);
        node.put("resolution", s.resolution());
        node.put("alpha", s.alpha());
        return node;
    }

    /**
     * Checks a resumed growing run: the stage its checkpoint records is the one its networks' buffers hold and the
     * one the schedule gives for the last step played, so a checkpoint from another schedule fails in one line.
     */
    @Override
    public void restore(JsonNode state) {
        if (growth == null) {
            return;
        }
        if (state == null || !state.has("images") || !state.has("resolution") || !state.has("alpha")) {
            throw new BadInputException("the checkpoint of this progan run records no growth stage");
        }
        imagesShown = state.get("images").asLong();
        Growing.Stage recorded = new Growing.Stage(state.get("resolution").asInt(), state.get("alpha").asDouble());
        Growing.Stage held = ((Growing) generator).stage();
        Growing.Stage scheduled = growth.at(Math.max(0, imagesShown - imagesPerStep()));
        if (!held.equals(recorded) || !held.equals(scheduled)) {
            throw new BadInputException("the checkpoint's growth stage " + recorded.resolution() + "x" + recorded.resolution()
                    + " alpha " + recorded.alpha() + " at " + imagesShown / 1000.0 + " kimg (networks at " + held.resolution()
                    + "x" + held.resolution() + " alpha " + held.alpha() + ") is not the schedule's " + scheduled.resolution()
                    + "x" + scheduled.resolution() + " alpha " + scheduled.alpha());
        }
    }

    /** What a discriminator step leaves for the generator step and the log (means of D as probabilities for logit-valued D). */
    record DiscriminatorStep(Tensor fake, Latent latent, double loss, double meanReal, double meanFake, double gradientNorm,
                             Tensor real, Tensor realLabels) {
    }

    private record GeneratorStep(double loss, double gradientNorm) {
    }

    /**
     * (1) Update D on one real and one fake batch: minimise the loss's L_D (for the original game,
     * maximise log D(x) + log(1 − D(G(z)))) plus the run's terms; then the loss's post-step rule
     * (WGAN's weight clipping).
     *
     * @param keepGraph whether the fake batch keeps G's graph for the generator step that follows
     */
    private DiscriminatorStep updateDiscriminator(StepContext step, boolean keepGraph) {
        Batch batch = step.data().next();
        Tensor real = realTensor(batch);                                               // B×C×H×W (or B×d)
        Tensor realLabels = generator.classes() > 0 ? onDevice(Tensors.fromInts(batch.labels())) : null;  // B, or null
        Latent latent = prior.draw(config.optimiser().batch(), device);                // z (B×latent), labels or codes
        Tensor fake = keepGraph ? generator.forward(latent.input(), latent.labels()) : generateWithoutGraph(latent); // B×C×H×W
        return stepOn(step, real, realLabels, fake, latent, true);
    }

    /** One update of D on a real batch and a fake batch (detached here), with the run's instance noise and terms. */
    private DiscriminatorStep stepOn(StepContext step, Tensor real, Tensor realLabels, Tensor fake, Latent latent, boolean record) {
        // Instance noise: D only ever sees noisy batches (x + σ_t·ε); with σ_t = 0 nothing is drawn.
        Tensor realSeen = InstanceNoise.add(real, step.sigma());
        Tensor fakeSeen = InstanceNoise.add(fake.detach(), step.sigma());
        Discriminator.Output realOut = discriminator.judge(realSeen, realLabels);      // B×1 (+ auxiliary head)
        Discriminator.Output fakeOut = discriminator.judge(fakeSeen, latent.labels()); // B×1 (+ auxiliary head)
        // Penalties see D(·, y) of the real labels (for interpolates too: the usual choice of conditional WGAN-GP).
        Term.Judgement judged = new Term.Judgement(step.step(), discriminator.given(realLabels), realSeen, fakeSeen,
                realOut, fakeOut, realLabels, latent);
        Tensor lossD = objective.discriminator(realOut.logits(), fakeOut.logits(), judged);
        Player.Backward back = playerD.backward(lossD);
        double gradientNorm = back.gradientNorm();
        double value = back.loss();
        playerD.optimizer().step();
        objective.afterDiscriminatorStep(discriminator);
        if (record && step.distributions()) {   // only on steps that ask: a copy (and on CUDA a sync) per logged step
            distributions = Map.of("real_outputs", Tensors.toFloats(realOut.logits().detach()),
                    "fake_outputs", Tensors.toFloats(fakeOut.logits().detach()));
        }
        return new DiscriminatorStep(fake, latent, value, objective.mean(realOut.logits()), objective.mean(fakeOut.logits()), gradientNorm,
                real, realLabels);
    }

    /**
     * The generator step of the unrolled GAN (Metz et al. 2017, §2.2): G's loss is the surrogate f_K, its
     * objective against D_K, the discriminator after K more steps of D's own optimiser (its loss, terms and
     * post-step rule) on this step's real batch and detached fake batch; afterwards D's weights, buffers and
     * optimiser state are put back to D_0, the D of this step, so D itself only ever takes its own steps.
     *
     * <p>First-order: G's gradient flows through D_K's forward pass with D_K's weights as constants. The
     * paper's main results also differentiate through the K updates (a second-order term); that needs D's
     * update as a differentiable graph over its weights, which libtorch's modules (weights as leaf tensors)
     * and the fused Adam kernel do not give from Java. So of the two terms of the paper's gradient of f_K (§2.2),
     * df_K/dθ_G = ∂f(θ_G, θ_D^K)/∂θ_G + ∂f/∂θ_D^K · dθ_D^K/dθ_G, gan4j keeps the first and drops the second: G
     * follows the plain loss's gradient at D_K, the look-ahead discriminator.
     */
    private GeneratorStep unrolledGeneratorStep(StepContext step, DiscriminatorStep d) {
        try (PlayerSnapshot saved = PlayerSnapshot.of(playerD)) {
            for (int i = 0; i < unroll; i++) {
                stepOn(step, d.real(), d.realLabels(), d.fake(), d.latent(), false);
            }
            GeneratorStep g = updateGenerator(step, d.fake(), d.latent());
            saved.restore();
            return g;
        }
    }

    /** (2) Update G on the fake batch: the loss's generator objective (non-saturating: maximise log D(G(z))) plus the terms. */
    private GeneratorStep updateGenerator(StepContext step, Tensor fake, Latent latent) {
        // The backward pass goes through D to reach G, but G's update needs no gradient for D's
        // weights: switching them off skips D's weight-gradient kernels (about 1 ms of B1's step).
        // InfoGAN's Q head stays on: G's objective contains it and G's optimiser steps it.
        playerD.requiresGrad(false);
        setRequiresGrad(sharedParams, true);
        try {
            Tensor seen = InstanceNoise.add(fake, step.sigma());                           // fresh noise, same σ_t
            Discriminator.Output out = discriminator.judge(seen, latent.labels());         // D(G(z)): B×1
            Term.Judgement judged = new Term.Judgement(step.step(), discriminator, null, seen, null, out, null, latent, generator);
            Tensor lossG = objective.generator(out.logits(), judged);
            Player.Backward back = playerG.backward(lossG);
            double gradientNorm = back.gradientNorm();
            double value = back.loss();
            playerG.optimizer().step();
            return new GeneratorStep(value, gradientNorm);
        } finally {
            playerD.requiresGrad(true);
        }
    }

    /** One D step of step 0 on {@code batches}, without instance noise (for tests of a single update). */
    DiscriminatorStep updateDiscriminator(org.gan4j.data.BatchLoader batches, boolean keepGraph) {
        return updateDiscriminator(new StepContext(0, 1, new DataStream(batches, 0, 0), device, 0), keepGraph);
    }

    /** One G step of step 0 on a fake batch, without instance noise (for tests of a single update). */
    void updateGenerator(Tensor fake, Latent latent) {
        updateGenerator(new StepContext(0, 1, null, device, 0), fake, latent);
    }

    private static void setRequiresGrad(TensorVector params, boolean on) {
        for (long i = 0; i < params.size(); i++) {
            params.get(i).requires_grad_(on);
        }
    }

    private Tensor realTensor(Batch batch) {
        return onDevice(Tensors.fromFloats(batch.data(), generator.batchShape(batch.size())));
    }

    private Tensor onDevice(Tensor t) {
        return device.isCuda() ? t.to(device.torchDevice(), t.scalar_type()) : t;
    }

    private Tensor generateWithoutGraph(Latent latent) {
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

    /** {@code real_outputs} and {@code fake_outputs}: D's raw outputs (logits for the BCE losses) on the last D step's batches. */
    @Override
    public Map<String, float[]> distributions() {
        return distributions;
    }

    @Override
    public List<Player> players() {
        return List.of(playerG, playerD);
    }

    @Override
    public Map<String, Module> modules() {
        Map<String, Module> m = new LinkedHashMap<>();
        m.put("generator", generator);
        if (average != null) {
            m.put(Checkpoint.GENERATOR_EMA, average.average());
        }
        m.put("discriminator", discriminator);
        return m;
    }

    /** The generator the run produces: the weight average when there is one, else G. */
    Generator productGenerator() {
        return average != null ? average.average() : generator;
    }

    Generator generator() {
        return generator;
    }

    Discriminator discriminator() {
        return discriminator;
    }

    Generator averagedGenerator() {
        return average != null ? average.average() : null;
    }

    @Override
    public void saveProduct(Path file) {
        Checkpoint.saveGenerator(file, productGenerator());
    }

    @Override
    public Sampler sampler() {
        return new Sampler(productGenerator(), prior);
    }

    boolean coded() {
        return prior instanceof Prior.Codes;
    }

    /** The product's G(fixed latent), in eval mode: the grid of the step. */
    @Override
    public Sheet sheet() {
        float[] samples = sampler().generate(fixedLatent);
        return new Sheet(samples, (int) fixedLatent.size(), shape, generator.outputRange().low(), generator.outputRange().high(),
                prior.gridColumns(shape.image()));
    }

    /**
     * Frees everything the run kept: the fixed latent, the targets, both players' optimisers and
     * parameter lists, G's weight average, and the weights of G and D. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        distributions = Map.of();
        fixedLatent.release();
        objective.close();
        playerG.close();
        playerD.close();
        sharedParams.close();
        if (average != null) {
            average.close();
        }
        generator.release();
        discriminator.release();
    }
}
