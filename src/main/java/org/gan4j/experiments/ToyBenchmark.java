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

    private ToyBenchmark() {
    }

    /** Default run length for {@code dataset}: 3,000 steps on ring8, 20,000 on grid25. */
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
     */
    public record Options(String dataset, String loss, List<Long> seeds, long steps, int samples, int threads, Path out) {
        public Options {
            dataset = checkDataset(dataset);
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

        /** The steps actually trained: {@code steps}, or the dataset's default when 0. */
        public long resolvedSteps() {
            return steps > 0 ? steps : defaultSteps(dataset);
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
            TrainConfig.Builder b = TrainConfig.builder().model("mlp").dataset(o.dataset()).steps(steps).batch(BATCH)
                    .loss(o.loss()).noise("normal").latentDim(LATENT_DIM).width(defaultWidth(o.dataset())).seed(seed)
                    .threads(o.threads()).out(runDir.toString())
                    .logEvery((int) Math.min(Integer.MAX_VALUE, steps)).sampleEvery((int) Math.min(Integer.MAX_VALUE, steps))
                    .checkpointEvery((int) Math.min(Integer.MAX_VALUE, steps));
            if (adam && ld.beta1() == null) {
                b.beta1(BETA1);
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
                String.format(Locale.ROOT, "%s, %s, seed %d: %d samples, %d/%d modes", o.dataset(), o.loss(), lastSeed,
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
        root.put("model", "mlp");
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
