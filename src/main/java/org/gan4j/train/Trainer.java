package org.gan4j.train;

import org.gan4j.config.TrainConfig;
import org.gan4j.config.ConfigFiles;
import org.gan4j.loss.InstanceNoise;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.BadInputException;
import org.gan4j.data.BatchLoader;
import org.gan4j.data.Dataset;
import org.gan4j.engine.ComputeDevice;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Rng;
import org.gan4j.engine.ParameterOptimizer;
import org.gan4j.engine.Tensors;
import org.gan4j.loss.Losses;
import org.gan4j.nn.Architecture;
import org.gan4j.nn.Architectures;
import org.gan4j.nn.Discriminator;
import org.gan4j.nn.DiscriminatorNorm;
import org.gan4j.nn.Generator;
import org.gan4j.report.LossPlot;
import org.gan4j.report.MetricsLog;
import org.gan4j.report.TensorBoardWriter;

/**
 * Runs a game ({@link Games}) for a run's steps: the loop, the data, the random generator, the run
 * directory and the events. Each iteration seeds libtorch from (seed, step), lets the game play
 * one step and publishes what it measured; sampling, metrics, evaluation, checkpoints, diagnostics
 * and progress are {@link RunListener}s of that stream ({@link RunEvents}).
 *
 * <p>A run lives in a {@link RunDirectory}. It is resumable exactly: the run's own generator
 * ({@link Rng}) is reseeded from (seed, step) before every iteration and the data order is a function
 * of (seed, epoch), so a checkpoint only needs the players' networks and optimisers, the step and the
 * data position. Because each run draws from its own generator, two trainers in one JVM train in
 * parallel and each gives the results it would give alone; only building the networks (whose
 * initial weights come from libtorch's global generator) takes turns on {@link Engine#randomness()}.
 *
 * <p>Native memory: each iteration runs inside a {@link PointerScope} that frees its tensors when it
 * closes; what lives for the whole run belongs to the game, which {@link #close()} frees.
 */
public final class Trainer implements AutoCloseable {
    private static final int PREFETCH = 3;
    private static final List<String> RESUMABLE_KEYS = List.of("steps", "epochs", "threads", "device", "tensorboard", "max-minutes");

    private final TrainConfig config;
    private final Dataset data;
    private final RunDirectory run;
    private final Provenance provenance;
    private final ComputeDevice device;
    private final Game game;
    private final long totalSteps;
    /** The run's own random generator, reseeded from (seed, step) before each step. */
    private final Rng rng = Rng.seeded(0);
    /** The run directory's lock, held from before the trainer writes anything until {@link #close()}. */
    private RunLock lock;
    /** A resumed run that had no checkpoint yet, so it trains again from step 0. */
    private boolean restarted;
    private boolean closed;
    private long step;
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
        if (resolved.run().tensorboard() != null) {
            TensorBoardWriter.prepare(Path.of(resolved.run().tensorboard()));   // so does an unwritable --tensorboard
        }
        synchronized (Engine.randomness()) {   // networks' initial weights come from the seeded generator
            this.game = Games.create(architecture.game(), new GameSetup(resolved, data, device, saved));
        }
        Dataset steps = game.trainingData();
        if (resolved.optimiser().batch() > steps.size()) {
            game.close();
            throw new BadInputException("invalid 'batch': " + resolved.optimiser().batch() + " is larger than the dataset ("
                    + steps.size() + " samples" + (steps == data ? "" : " in " + steps.name()) + ")");
        }
        int batchesPerEpoch = steps.size() / resolved.optimiser().batch();
        this.totalSteps = resolved.run().steps() != null ? resolved.run().steps()
                : Math.max(1, (long) resolved.run().epochs() * batchesPerEpoch / resolved.optimiser().dSteps());
        if (resolved.run().evalEvery() > 0 && game.sampler() == null) {
            game.close();
            throw new BadInputException("'eval-every' needs a generator sampled from noise; model " + architecture.name()
                    + " is evaluated by its own command");
        }
    }

    /**
     * Prepares a new run of {@code config} on {@code data} in the config's {@code out} directory, and
     * takes the directory's {@link RunLock} for the life of the trainer. Nothing is written before
     * the run is known to be able to start.
     *
     * @throws BadInputException when that directory already holds a run (resume it, or choose
     *                           another), or another trainer holds its lock
     */
    public static Trainer start(TrainConfig config, Dataset data) {
        TrainConfig resolved = config.resolve();
        RunDirectory run = new RunDirectory(Path.of(resolved.run().out()));
        refuseExisting(run);
        Engine.init(resolved.run().threads());
        Trainer t = new Trainer(resolved, data, run, Provenance.of(data), null);
        try {
            t.lock = RunLock.acquire(run);
            refuseExisting(run);   // a start that raced this one won the directory and has finished
            run.writeConfig(resolved, t.provenance);
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
        return t;
    }

    private static void refuseExisting(RunDirectory run) {
        if (run.exists()) {
            if (RunLock.isHeld(run)) {
                RunLock.acquire(run).close();   // throws the lock's own message, naming who holds it
            }
            throw new BadInputException("run directory " + run.root() + " already holds a run: continue it with --resume "
                    + run.root() + " or choose another --out");
        }
    }

    /**
     * Reopens the run in {@code runDir} at its last checkpoint (at step 0, as a new run, when it
     * stopped before writing one), holding the directory's
     * {@link RunLock} for the life of the trainer. {@code steps} (or {@code epochs}), {@code threads}
     * and {@code device} may be changed by {@code overrides}; other keys may not.
     *
     * @throws BadInputException when {@code runDir} is not a run, or another trainer holds its lock
     */
    public static Trainer resume(Path runDir, Dataset data, TrainConfig overrides) {
        RunDirectory run = new RunDirectory(runDir);
        if (!run.exists()) {
            run.readConfig();   // says, in one line, that this is not a run directory
        }
        RunLock lock = RunLock.acquire(run);
        Trainer t;
        try {
            t = reopen(run, data, overrides);   // closes what it built when it fails
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        t.lock = lock;
        return t;
    }

    /** {@link #resume}'s work, under the run's lock. */
    private static Trainer reopen(RunDirectory run, Dataset data, TrainConfig overrides) {
        Path runDir = run.root();
        TrainConfig saved = run.readConfig();
        Provenance provenance = run.readProvenance();
        if (!provenance.datasetDigest().equals(data.digest())) {
            throw new BadInputException("dataset " + data.name() + " differs from the one run " + runDir
                    + " was trained on (digest " + provenance.datasetDigest().substring(0, 12) + "...)");
        }
        TrainConfig resolved = resumeConfig(saved, overrides, runDir).resolve();
        Engine.init(resolved.run().threads());
        if (!Files.isRegularFile(run.checkpoint())) {
            // Stopped before its first checkpoint: nothing to continue from, so it starts again as a new run
            // would (same networks from the seed; train() cuts metrics.csv to its header and redraws step 0).
            Trainer t = new Trainer(resolved, data, run, provenance, null);
            t.restarted = true;
            try {
                if (!resolved.equals(saved)) {
                    run.writeConfig(resolved, provenance);
                }
            } catch (RuntimeException e) {
                t.close();
                throw e;
            }
            return t;
        }
        Trainer t = new Trainer(resolved, data, run, provenance, run.checkpoint());
        try {
            Checkpoint.State state = Checkpoint.load(run.checkpoint(), t.game.modules(), optimizers(t.game));
            t.step = state.step();
            t.epoch = state.epoch();
            t.batchInEpoch = state.batchInEpoch();
            if (state.game() != null) {
                t.game.restore(readJson(state.game()));
            }
            if (!resolved.equals(saved)) {
                run.writeConfig(resolved, provenance);
            }
        } catch (RuntimeException e) {
            t.close();
            throw e;
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
        return train((RunListener) listener);
    }

    /** {@link #train(TrainingListener)} with any listener of the run's events. */
    public TrainingResult train(RunListener listener) {
        Engine.flushDenormals();   // per thread: this one computes every step (Engine explains why)
        long startStep = step;
        long started = System.nanoTime();
        RunEvents events = new RunEvents();
        Game.Sheet grid = game.sheet();
        Diagnostics diagnostics = null;
        if (game instanceof AdversarialGame) {   // its warnings read D(G(z)) and G(z) of one pair
            boolean logits = Losses.get(config.objective().loss()).outputsProbabilityLogits();   // how to read D(G(z))
            diagnostics = new Diagnostics(logits, config.objective().loss(), events::message);
            int realCount = Math.min(data.size(), grid.count());
            diagnostics.realSamples(realSamples(realCount, grid), realCount);
        }
        TrainingEvaluation evaluation;
        synchronized (Engine.randomness()) {
            evaluation = TrainingEvaluation.open(config, data, run, step, game.sampler(), device, events,
                    this::saveCheckpoint); // null unless eval-every is set
        }
        List<String> scalarColumns = new ArrayList<>(game.scalars());
        scalarColumns.add(StepStats.IMAGES_PER_S);
        List<String> evalColumns = evaluation == null ? List.of() : evaluation.columns();
        StepStats last = null;
        TensorBoardRecorder tensorboard = null;
        try (MetricsRecorder metrics = new MetricsRecorder(MetricsLog.open(run.metricsFile(), scalarColumns, evalColumns, step == 0 ? -1 : step),
                scalarColumns, evalColumns, config.run().checkpointEvery());
             BatchLoader batches = new BatchLoader(game.trainingData(), config.optimiser().batch(), config.run().seed(), scale(grid), shift(grid),
                     epoch, batchInEpoch, PREFETCH)) {
            if (evaluation != null) {
                events.add(evaluation);
            }
            events.add(metrics)
                    .add(new SampleRecorder(game, run, data, config.run().sampleEvery(), events))
                    .add(new CheckpointRecorder(run.checkpoint(), config.run().checkpointEvery(), this::saveCheckpoint, events))
                    .add(listener);
            if (diagnostics != null) {
                events.add(diagnostics);
            }
            if (game instanceof AdversarialGame a && a.growth() != null) {
                events.add(new GrowthRecorder(game, run, a.growth(), a.imagesPerStep()));
            }
            if (config.run().tensorboard() != null) {
                tensorboard = TensorBoardRecorder.open(Path.of(config.run().tensorboard()));
                events.add(tensorboard);
            }
            boolean distributions = events.wantsDistributions();   // false by default: steps copy nothing out
            DataStream stream = new DataStream(batches, epoch, batchInEpoch);
            events.publish(new RunEvent.RunStarted(run.root(), step, totalSteps, scalarColumns));
            if (restarted) {
                events.message("run " + run.root() + " stopped before its first checkpoint: training it again from step 0");
                restarted = false;
            }
            long windowStart = System.nanoTime();
            long windowSteps = 0;
            // The last step of this invocation: the run's last, or the one that starts after the time limit.
            long endStep = totalSteps;
            long deadline = config.run().maxMinutes() > 0 ? started + (long) (config.run().maxMinutes() * 60e9) : Long.MAX_VALUE;
            while (step < endStep) {
                if (endStep == totalSteps && System.nanoTime() >= deadline && step + 1 < totalSteps) {
                    endStep = step + 1;
                    events.message(String.format(Locale.ROOT, "time limit of %s minutes reached: step %d is the last of this"
                            + " invocation (of %d); continue with --resume", config.run().maxMinutes(), endStep, totalSteps));
                }
                boolean logged = (step + 1) % config.run().logEvery() == 0 || step + 1 == endStep;
                StepScalars s;
                try (PointerScope scope = new PointerScope(); Rng.Scope drawing = rng.activate()) {
                    rng.reseed(mix(config.run().seed(), step));
                    double sigma = InstanceNoise.sigma(config.objective().instanceNoise(), config.objective().instanceNoiseSchedule(),
                            step, totalSteps);
                    s = game.play(new StepContext(step, totalSteps, stream, device, sigma, distributions && logged));
                } catch (Player.NonFiniteLoss e) {
                    throw diverged(e);
                }
                step++;
                epoch = stream.epoch();
                batchInEpoch = stream.batchInEpoch();
                windowSteps++;
                long now = System.nanoTime();
                double perSec = windowSteps * (double) config.optimiser().batch() * config.optimiser().dSteps() / ((now - windowStart) / 1e9);
                last = new StepStats(step, s.with(StepStats.IMAGES_PER_S, perSec));
                if (distributions && logged && !game.distributions().isEmpty()) {
                    events.publish(new RunEvent.Distributions(step, game.distributions()));
                }
                events.publish(new RunEvent.StepEnded(last, endStep, logged));
                if (logged) {
                    windowStart = now;
                    windowSteps = 0;
                }
            }
        } finally {
            if (evaluation != null) {
                evaluation.close();
            }
            if (tensorboard != null) {
                tensorboard.close();   // all a run's events are written by now; a failed run keeps what it wrote
            }
        }
        game.saveProduct(run.generatorFile());
        LossPlot.write(run.metricsFile(), run.lossPlot());
        if (game instanceof AdversarialGame a && a.coded() && data.shape().image()) {
            for (Path png : LatentTraversal.writeAll(run.root())) {
                events.message("latent traversal: " + png);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double perSec = (step - startStep) * (double) config.optimiser().batch() * config.optimiser().dSteps() / Math.max(seconds, 1e-9);
        TrainingResult result = new TrainingResult(run.root(), config, provenance, step, last, seconds, perSec);
        events.publish(new RunEvent.RunEnded(result));
        return result;
    }

    /** The run's step diverged: say where, and which checkpoint is still good. */
    private TrainingDivergedException diverged(Player.NonFiniteLoss e) {
        String kept = Files.isRegularFile(run.checkpoint())
                ? "the last good checkpoint is " + run.checkpoint() + " (step " + Checkpoint.readState(run.checkpoint()).step() + ")"
                : "no checkpoint was written yet";
        return new TrainingDivergedException("training diverged at step " + (step + 1) + ": the " + e.player
                + " loss is " + e.value + "; " + kept + " (try a lower learning rate)");
    }

    /** The players' optimisers by player name. */
    private static Map<String, ParameterOptimizer> optimizers(Game game) {
        Map<String, ParameterOptimizer> m = new LinkedHashMap<>();
        for (Player p : game.players()) {
            m.put(p.name(), p.optimizer());
        }
        return m;
    }

    private void saveCheckpoint(Path file) {
        String configJson;
        String gameJson;
        try {
            configJson = ConfigFiles.JSON.writeValueAsString(ConfigFiles.toTree(config));
            JsonNode state = game.state();
            gameJson = state == null ? null : ConfigFiles.JSON.writeValueAsString(state);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Checkpoint.save(file, game.modules(), optimizers(game),
                new Checkpoint.State(Checkpoint.FORMAT, step, epoch, batchInEpoch, configJson, gameJson));
    }

    private static JsonNode readJson(String json) {
        try {
            return ConfigFiles.JSON.readTree(json);
        } catch (IOException e) {
            throw new BadInputException("unreadable game state in a checkpoint: " + e.getMessage());
        }
    }

    /** The affine map from stored [0, 1] images into the product's output range (points pass unchanged). */
    private static float scale(Game.Sheet grid) {
        return grid.shape().image() ? (grid.high() - grid.low()) : 1f;
    }

    private static float shift(Game.Sheet grid) {
        return grid.shape().image() ? grid.low() : 0f;
    }

    /** {@code n} real samples spread evenly over the dataset, in the product's output space (images scaled like the batches). */
    private float[] realSamples(int n, Game.Sheet grid) {
        int d = data.shape().features();
        float[] out = new float[n * d];
        for (int i = 0; i < n; i++) {
            data.copyTo((int) ((long) i * data.size() / n), out, i * d);
        }
        float scale = scale(grid);
        float shift = shift(grid);
        for (int j = 0; j < out.length; j++) {
            out[j] = out[j] * scale + shift;
        }
        return out;
    }

    /** SplitMix64 of (seed, step): well-spread per-step seeds from one run seed. */
    static long mix(long seed, long step) {
        long z = seed * 0x9E3779B97F4A7C15L + step + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) & Long.MAX_VALUE;
    }

    /** One D step of the adversarial game (tests of single updates). */
    AdversarialGame.DiscriminatorStep updateDiscriminator(BatchLoader batches, boolean keepGraph) {
        return adversarial().updateDiscriminator(batches, keepGraph);
    }

    /** One G step of the adversarial game (tests of single updates). */
    void updateGenerator(Tensor fake, org.gan4j.nn.Latent latent) {
        adversarial().updateGenerator(fake, latent);
    }

    /** The game this run plays. */
    public Game game() {
        return game;
    }

    private AdversarialGame adversarial() {
        if (game instanceof AdversarialGame a) {
            return a;
        }
        throw new IllegalStateException("model " + config.networks().model() + " has no single generator/discriminator pair");
    }

    /** G of a G(z)-against-D run. */
    public Generator generator() {
        return adversarial().generator();
    }

    /** D of a G(z)-against-D run. */
    public Discriminator discriminator() {
        return adversarial().discriminator();
    }

    /** The generator the run produces: the weight average when there is one, else G. */
    public Generator product() {
        return adversarial().productGenerator();
    }

    /** The moving average of G's weights, or null when {@code ema-decay} is 0. */
    public Generator averagedGenerator() {
        return adversarial().averagedGenerator();
    }

    /** The product's G(z) as floats, in eval mode and without a graph. */
    public float[] generate(Tensor z) {
        return generate(z, null);
    }

    /** The product's G(z, y) as floats ({@code labels} null for an unconditional run), in eval mode. */
    public float[] generate(Tensor z, Tensor labels) {
        try (PointerScope scope = new PointerScope()) {
            return Tensors.toFloats(product().generate(z, labels));
        }
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

    /**
     * Frees the game (its networks, optimisers and every tensor it keeps for the run), then releases
     * the run directory's lock. The trainer's networks hold no weights afterwards. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            game.close();
            rng.close();
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }
}
