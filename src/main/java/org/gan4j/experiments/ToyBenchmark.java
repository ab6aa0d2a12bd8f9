package org.gan4j.experiments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.gan4j.BadInputException;
import org.gan4j.config.ConfigFiles;
import org.gan4j.config.TrainConfig;
import org.gan4j.data.DatasetRequest;
import org.gan4j.data.Split;
import org.gan4j.data.SyntheticDatasets;
import org.gan4j.io.AtomicFiles;
import org.gan4j.loss.LossDefaults;
import org.gan4j.loss.Losses;
import org.gan4j.metrics.MeanStd;
import org.gan4j.metrics.ModeCoverage;
import org.gan4j.report.PointPlot;
import org.gan4j.train.TrainedGenerator;
import org.gan4j.train.Trainer;
import org.gan4j.train.TrainingListener;

/**
 * The toy mode-collapse benchmark of VEEGAN (Srivastava et al. 2017) and PacGAN (Lin et al. 2018):
 * train the MLP GAN on {@code ring8} or {@code grid25} once per seed, draw a fixed number of samples
 * (2,500 by default) from each trained generator and score them with {@link ModeCoverage}; report
 * modes captured, the share of high-quality samples and KL(q ‖ uniform) per seed and as mean ± std
 * over the seeds ({@link MeanStd}: population std).
 *
 * <p>Training settings (one config for every loss, so losses compare under one budget): model
 * {@code mlp}, batch 128, normal noise with 16-d z, Adam β1 0.5 (unless the loss's paper sets its own
 * optimiser or β1, e.g. {@code wgan}'s RMSprop), the model's or loss's learning rate (mlp: 1e-3).
 * This is {@code --arch mlp}; {@code --arch pacgan} trains PacGAN's own networks and settings instead ({@link Arch}),
 * and {@code pack}, {@code minibatchStd} and {@code unroll} add the remedies of {@link org.gan4j.config.ModeCollapseKeys}.
 * {@code ring8}: width 128, 3,000 steps (15–40 s a seed on 2 cores; 7–8 of 8 modes in a 3-seed run).
 * {@code grid25}: width 256, 20,000 steps (25 modes over [-4, 4]² need a wider net and a longer run;
 * seed 1 captured 19 of 25 modes, seed 2 15 of 25 — 5,000 steps gave 12–19 modes with 1% high quality;
 * the vanilla GAN's partial coverage of the grid is the expected baseline, cf. PacGAN's table 2). Seed s trains with {@code seed = s} and its samples are
 * drawn with the same seed, through {@link TrainedGenerator} from the run's {@code generator.pt}.
 *
 * <p>Each seed's run lands in {@code out/seed-S}; {@code out/toybench.json} holds every number and
 * {@code out/scatter.png} the last seed's samples over the real data.
 */
public final class ToyBenchmark {
    /** The datasets the benchmark knows. */
    public static final List<String> DATASETS = List.of("ring8", "grid25");
    /** Samples drawn per seed by default, as in the papers. */
    public static final int DEFAULT_SAMPLES = 2500;
    public static final String JSON_FILE = "toybench.json";
    public static final String SCATTER_FILE = "scatter.png";

    private static final int BATCH = 128;
    private static final int LATENT_DIM = 16;
    private static final double BETA1 = 0.5;
    private static final int REFERENCE_POINTS = 2000;
    /** PacGAN's toy runs: 400 epochs of 100,000 samples in batches of 100 packs. */
    static final long PACGAN_STEPS = 400_000;
    /** Packs per batch in PacGAN's toy runs ({@code batch_size}). */
    static final int PACGAN_PACKS = 100;

    /**
     * The networks toybench trains ({@code --arch}): the tutorial MLP with the settings above, or the networks
     * and settings of PacGAN's 2-D experiments ({@link org.gan4j.nn.PacGanMlp}: their z, width, Adam(1e-4, β1 0.8),
     * 100 packs a batch, i.e. batch 100·m with {@code --pack m}, and their 400,000 steps by default).
     */
    public enum Arch {
        MLP("mlp"),
        PACGAN("pacgan-mlp");

        /** The {@code --model} it trains. */
        public final String model;

        Arch(String model) {
            this.model = model;
        }

        /** {@code mlp} or {@code pacgan}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Arch parse(String name) {
            for (Arch a : values()) {
                if (a.key().equals(name == null ? "" : name.toLowerCase(Locale.ROOT))) {
                    return a;
                }
            }
            throw new BadInputException("invalid arch: '" + name + "' (toybench trains mlp or pacgan)");
        }
    }

    private ToyBenchmark() {
    }

    /** Default run length of {@code arch} on {@code dataset}: PacGAN's 400,000 for {@code pacgan}, else {@link #defaultSteps(String)}. */
    public static long defaultSteps(Arch arch, String dataset) {
        return arch == Arch.PACGAN ? PACGAN_STEPS : defaultSteps(dataset);
    }

    /** Default run length of the tutorial MLP on {@code dataset}: 3,000 steps on ring8, 20,000 on grid25. */
    public static long defaultSteps(String dataset) {
        return checkDataset(dataset).equals("grid25") ? 20_000 : 3000;
    }

    /** Default hidden width for {@code dataset}: 128 on ring8, 256 on grid25. */
    public static int defaultWidth(String dataset) {
        return checkDataset(dataset).equals("grid25") ? 256 : 128;
    }

    /**
     * What to run.
     *
     * @param dataset {@code ring8} or {@code grid25}
     * @param loss    a loss name of {@link Losses} ({@code ns}, ...)
     * @param seeds   training seeds, at least one
     * @param steps   training steps per seed (positive), or 0 for {@link #defaultSteps}
     * @param samples samples drawn per seed, positive
     * @param threads intra-op CPU threads, 0 for all cores
     * @param out     directory for the runs, the json and the scatter plot
     * @param arch    the networks and their settings
     * @param pack    PacGAN's packing m of D, 1 for none
     * @param minibatchStd whether D gets the minibatch standard deviation feature
     * @param unroll  look-ahead D steps of G's loss (unrolled GAN), 0 for none
     */
    public record Options(String dataset, String loss, List<Long> seeds, long steps, int samples, int threads, Path out,
                          Arch arch, int pack, boolean minibatchStd, int unroll) {
        public Options {
            dataset = checkDataset(dataset);
            if (arch == null) {
                throw new IllegalArgumentException("arch: use Arch.MLP for the tutorial MLP");
            }
            if (pack < 1) {
                throw new BadInputException("invalid pack: " + pack + " (must be at least 1, 1 = no packing)");
            }
            if (unroll < 0) {
                throw new BadInputException("invalid unroll: " + unroll + " (must be 0 or more)");
            }
            if (arch == Arch.MLP && BATCH % pack != 0) {
                throw new BadInputException("invalid pack: " + pack + " (must divide the mlp's batch of " + BATCH + ")");
            }
            Losses.get(loss); // throws BadInputException for an unknown loss
            seeds = List.copyOf(seeds);
            if (seeds.isEmpty()) {
                throw new BadInputException("invalid seeds: need at least one");
            }
            if (steps < 0) {
                throw new BadInputException("invalid steps: " + steps + " (must be positive)");
            }
            if (samples < 1) {
                throw new BadInputException("invalid samples: " + samples + " (must be positive)");
            }
            if (threads < 0) {
                throw new BadInputException("invalid threads: " + threads + " (0 means all cores)");
            }
        }

        /** The tutorial MLP with none of the remedies. */
        public Options(String dataset, String loss, List<Long> seeds, long steps, int samples, int threads, Path out) {
            this(dataset, loss, seeds, steps, samples, threads, out, Arch.MLP, 1, false, 0);
        }

        /** The steps actually trained: {@code steps}, or the arch's default on the dataset when 0. */
        public long resolvedSteps() {
            return steps > 0 ? steps : defaultSteps(arch, dataset);
        }

        /** The batch: 128 for the tutorial MLP; PacGAN's 100 packs, 100·m samples, for {@code pacgan}. */
        public int batch() {
            return arch == Arch.PACGAN ? PACGAN_PACKS * pack : BATCH;
        }

        /** Seeds 1..n. */
        public static List<Long> seeds(int n) {
            if (n < 1) {
                throw new BadInputException("invalid seeds: " + n + " (must be at least 1)");
            }
            List<Long> s = new ArrayList<>();
            for (long i = 1; i <= n; i++) {
                s.add(i);
            }
            return s;
        }
    }

    /** One seed: its coverage and the seconds its training took. */
    public record SeedResult(long seed, ModeCoverage coverage, double trainSeconds) {
    }

    /**
     * The whole benchmark.
     *
     * @param captured    modes captured, mean ± std over seeds
     * @param highQuality share of high-quality samples, mean ± std over seeds
     * @param kl          KL(q ‖ uniform) over the seeds that had high-quality samples; null when none had
     */
    public record Result(Options options, int modes, double sigma, List<SeedResult> seeds, MeanStd captured,
            MeanStd highQuality, MeanStd kl, Path json, Path scatter) {
        public Result {
            seeds = List.copyOf(seeds);
        }
    }

    /** Runs the benchmark; {@code progress} receives one line per seed (and may ignore them). */
    public static Result run(Options o, Consumer<String> progress) {
        double[][] centres = SyntheticDatasets.modes(o.dataset());
        double sigma = SyntheticDatasets.sigma(o.dataset());
        long steps = o.resolvedSteps();
        LossDefaults ld = Losses.get(o.loss()).defaults();
        boolean adam = ld.optimizer() == null || ld.optimizer().equals("adam");
        List<SeedResult> results = new ArrayList<>();
        float[] lastSamples = null;
        long lastSeed = 0;
        for (long seed : o.seeds()) {
            Path runDir = o.out().resolve("seed-" + seed);
            TrainConfig.Builder b = TrainConfig.builder().model(o.arch().model).dataset(o.dataset()).steps(steps).batch(o.batch())
                    .loss(o.loss()).seed(seed).threads(o.threads()).out(runDir.toString())
                    .logEvery((int) Math.min(Integer.MAX_VALUE, steps)).sampleEvery((int) Math.min(Integer.MAX_VALUE, steps))
                    .checkpointEvery((int) Math.min(Integer.MAX_VALUE, steps));
            if (o.arch() == Arch.MLP) {
                b.noise("normal").latentDim(LATENT_DIM).width(defaultWidth(o.dataset()));
                if (adam && ld.beta1() == null) {
                    b.beta1(BETA1);
                }
            }   // pacgan: the family's own defaults are PacGAN's settings
            if (o.pack() > 1) {
                b.pack(o.pack());
            }
            if (o.minibatchStd()) {
                b.minibatchStd(true);
            }
            if (o.unroll() > 0) {
                b.unroll(o.unroll());
            }
            long start = System.nanoTime();
            try (Trainer t = Trainer.start(b.build(), SyntheticDatasets.open(DatasetRequest.of(o.dataset())))) {
                t.train(TrainingListener.NONE);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            float[] samples = TrainedGenerator.load(runDir).sample(o.samples(), seed);
            ModeCoverage c = ModeCoverage.of(samples, o.samples(), centres, sigma);
            results.add(new SeedResult(seed, c, seconds));
            lastSamples = samples;
            lastSeed = seed;
            progress.accept(String.format(Locale.ROOT, "seed %d: %d/%d modes, %.1f%% high quality, KL %.4f (%.1f s)",
                    seed, c.captured(), c.modes(), 100 * c.highQuality(), c.kl(), seconds));
        }
        double[] captured = new double[results.size()];
        double[] hq = new double[results.size()];
        List<Double> kls = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            ModeCoverage c = results.get(i).coverage();
            captured[i] = c.captured();
            hq[i] = c.highQuality();
            if (!Double.isNaN(c.kl())) {
                kls.add(c.kl());
            }
        }
        MeanStd kl = kls.isEmpty() ? null : MeanStd.of(kls.stream().mapToDouble(Double::doubleValue).toArray());

        Path scatter = o.out().resolve(SCATTER_FILE);
        var real = SyntheticDatasets.open(o.dataset(), Split.TRAIN, REFERENCE_POINTS);
        float[] reference = new float[real.size() * 2];
        for (int i = 0; i < real.size(); i++) {
            real.copyTo(i, reference, 2 * i);
        }
        ModeCoverage lastCoverage = results.get(results.size() - 1).coverage();
        PointPlot.write(scatter, lastSamples, o.samples(), 2, reference, real.size(),
                String.format(Locale.ROOT, "%s, %s, %s%s, seed %d: %d samples, %d/%d modes", o.dataset(), o.arch().key(), o.loss(),
                        o.pack() > 1 ? ", pack " + o.pack() : "", lastSeed,
                        o.samples(), lastCoverage.captured(), lastCoverage.modes()));

        Result r = new Result(o, centres.length, sigma, results, MeanStd.of(captured), MeanStd.of(hq), kl,
                o.out().resolve(JSON_FILE), scatter);
        writeJson(r);
        return r;
    }

    private static void writeJson(Result r) {
        Options o = r.options();
        ObjectNode root = ConfigFiles.JSON.createObjectNode();
        root.put("dataset", o.dataset());
        root.put("loss", o.loss());
        root.put("arch", o.arch().key());
        root.put("model", o.arch().model);
        root.put("batch", o.batch());
        root.put("pack", o.pack());
        root.put("minibatch_std", o.minibatchStd());
        root.put("unroll", o.unroll());
        root.put("steps", o.resolvedSteps());
        root.put("samples", o.samples());
        root.put("modes", r.modes());
        root.put("sigma", r.sigma());
        root.put("high_quality_radius", "3 sigma");
        root.put("kl_definition", "KL(q || uniform over modes) = sum_k q_k log(q_k K), nats, q over high-quality samples");
        ArrayNode seeds = root.putArray("seeds");
        for (SeedResult s : r.seeds()) {
            ModeCoverage c = s.coverage();
            ObjectNode n = seeds.addObject();
            n.put("seed", s.seed());
            n.put("modes_captured", c.captured());
            n.put("high_quality", c.highQuality());
            number(n, "kl", c.kl());
            n.put("train_seconds", s.trainSeconds());
            ArrayNode per = n.putArray("per_mode");
            for (long h : c.perMode()) {
                per.add(h);
            }
        }
        ObjectNode mean = root.putObject("aggregate");
        stats(mean, "modes_captured", r.captured());
        stats(mean, "high_quality", r.highQuality());
        stats(mean, "kl", r.kl());
        try {
            AtomicFiles.write(r.json(), (ConfigFiles.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void number(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.putNull(key);
        }
    }

    private static void stats(ObjectNode parent, String key, MeanStd m) {
        if (m == null) {
            parent.putNull(key);
            return;
        }
        ObjectNode n = parent.putObject(key);
        n.put("mean", m.mean());
        n.put("std", m.std());
        n.put("n", m.count());
    }

    private static String checkDataset(String dataset) {
        String d = dataset == null ? "" : dataset.toLowerCase(Locale.ROOT);
        if (!DATASETS.contains(d)) {
            throw new BadInputException("invalid dataset: '" + dataset + "' (toybench knows " + String.join(" and ", DATASETS) + ")");
        }
        return d;
    }
}
