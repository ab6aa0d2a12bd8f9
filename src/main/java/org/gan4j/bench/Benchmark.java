package org.gan4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.BadInputException;
import org.gan4j.data.Dataset;
import org.gan4j.data.DatasetRequest;
import org.gan4j.data.Datasets;
import org.gan4j.data.SampleShape;
import org.gan4j.engine.ComputeDevice;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Parallelism;
import org.gan4j.nn.Architectures;
import org.gan4j.nn.Generator;
import org.gan4j.nn.LatentNoise;
import org.gan4j.nn.NetworkSpec;
import org.gan4j.config.ConfigFiles;
import org.gan4j.config.TrainConfig;
import org.gan4j.train.Trainer;

/**
 * Runs the benchmarks of ../shared/bench/SPEC.md through gan4j's production path.
 *
 * <ul>
 *   <li><b>B1</b>: {@code mlp} on 1×28×28 uniform [0, 1] images: batch 128, Adam(1e-3, 0.9/0.999), z ~ U(−1, 1),
 *       latent 100, width 128; 20 warm-up and 200 counted iterations.</li>
 *   <li><b>B2</b>: {@code dcgan} (DCGAN-28) on uniform [−1, 1] images: batch 64, Adam(2e-4, 0.5/0.999), z ~ N(0, 1);
 *       20 warm-up and 50 counted iterations.</li>
 *   <li><b>B3</b>: the DCGAN-28 generator drawing batches of 1000 through {@link Generator#generate} (eval mode,
 *       no autograd, chunks of {@value Generator#GENERATION_CHUNK}), the path of every sampling command: 10 warm-up
 *       batches and 5 counted.</li>
 *   <li><b>B4</b>: {@code dcgan} on Fashion-MNIST end to end, the IDX files read and batches assembled by the
 *       trainer's loader: 20 warm-up iterations, then one epoch's worth capped at 300.</li>
 *   <li><b>B5</b>: each 32×32 image family ({@value #FAMILIES_DOC}, those registered) trained on uniform 1×32×32
 *       images with its own defaults (the config a user gets from {@code --model M}, networks at full resolution):
 *       images per second over all counted iterations (so lazy regularisers count at their cadence), the median
 *       iteration, and GFLOP/s by {@link FlopCounter#iterationFlops} (the plain adversarial iteration: regularisers
 *       are not counted); 20 warm-up and {@value #B5_ITERS} counted iterations.</li>
 *   <li><b>B6</b>: the same families' generators drawing batches of 1000 at 32×32, as B3.</li>
 *   <li><b>PEAK</b>: a 2048×2048 float matrix product, median of 7, through the same engine on the same cores, given
 *       to OpenBLAS's pool: the GEMM ceiling.</li>
 * </ul>
 * B1, B2 and B4 run {@link Trainer#train} itself with the defaults a user gets (a metrics row per step,
 * flushed every 50 steps); only sample grids and checkpoints are pushed past the run (they are written once,
 * after the last timed step). An iteration is the time between two consecutive per-step callbacks.
 * With {@link BenchOptions#bare()}, B1 and B2 are timed a second time as a {@link BareLoop}, without the trainer.
 */
public final class Benchmark {
    /** Implementation name on every line. */
    public static final String IMPL = "gan4j";
    /** All benchmarks, in the order {@code all} runs them. */
    public static final List<String> ALL = List.of("B1", "B2", "B3", "B4", "B5", "B6");
    /** The families B5 and B6 time at 32×32, each when registered. */
    static final List<String> FAMILIES_32 = List.of("dcgan", "progan", "stylegan");
    static final String FAMILIES_DOC = "dcgan, progan, stylegan";
    static final int B5_ITERS = 30;
    private static final SampleShape SHAPE_32 = SampleShape.image(1, 32, 32);

    static final int B1_ITERS = 200;
    static final int B2_ITERS = 50;
    static final int B3_BATCH = 1000;
    static final int B3_BATCHES = 5;
    static final int B4_CAP = 300;
    static final int PEAK_SIZE = 2048;
    static final int PEAK_REPEATS = 7;
    private static final long SEED = 42;
    private static final SampleShape MNIST_SHAPE = SampleShape.image(1, 28, 28);

    private final BenchOptions options;
    private final Consumer<String> progress;

    /**
     * @param options  threads, iterations, device
     * @param progress where one-line progress notes go (stderr for the command line); results are returned
     */
    public Benchmark(BenchOptions options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    /**
     * Runs the named benchmarks (B1..B4, or {@code all}) after the PEAK measurement, handing each result to
     * {@code sink} as it completes.
     */
    public List<BenchResult> run(List<String> names, Consumer<BenchResult> sink) {
        List<String> which = normalise(names);
        List<BenchResult> results = new ArrayList<>();
        Consumer<BenchResult> keep = r -> {
            results.add(r);
            sink.accept(r);
        };
        keep.accept(peak());
        for (String b : which) {
            switch (b) {
                case "B1" -> keep.accept(b1());
                case "B2" -> keep.accept(b2());
                case "B3" -> keep.accept(b3());
                case "B4" -> keep.accept(b4());
                case "B5" -> families().forEach(m -> {
                    keep.accept(b5(m));
                    System.gc();
                });
                case "B6" -> families().forEach(m -> keep.accept(b6(m)));
                default -> throw new IllegalStateException(b);
            }
            if (options.bare() && (b.equals("B1") || b.equals("B2"))) {
                System.gc();
                keep.accept(bare(b));
            }
            System.gc(); // lets JavaCPP free the previous benchmark's networks before the next one allocates
        }
        return results;
    }

    /** The families of {@link #FAMILIES_32} that are registered. */
    static List<String> families() {
        return FAMILIES_32.stream().filter(Architectures.names()::contains).toList();
    }

    /** {@code all} or B1..B6 in any case, without repeats, in the given order. */
    static List<String> normalise(List<String> names) {
        List<String> which = new ArrayList<>();
        for (String n : names.isEmpty() ? List.of("all") : names) {
            String u = n.trim().toUpperCase(Locale.ROOT);
            List<String> add = u.equals("ALL") ? ALL : List.of(u);
            for (String b : add) {
                if (!ALL.contains(b)) {
                    throw new BadInputException("unknown benchmark '" + n + "': use " + String.join(", ", ALL) + " or all");
                }
                if (!which.contains(b)) {
                    which.add(b);
                }
            }
        }
        return which;
    }

    /** B1, the MLP GAN of SPEC. */
    public BenchResult.Iterations b1() {
        int iters = options.itersOr(B1_ITERS);
        return iterations("B1", IMPL, train(b1Config(), UniformImages.create(MNIST_SHAPE), iters), iters);
    }

    /** B2, DCGAN-28 of SPEC. */
    public BenchResult.Iterations b2() {
        int iters = options.itersOr(B2_ITERS);
        return iterations("B2", IMPL, train(b2Config(), UniformImages.create(MNIST_SHAPE), iters), iters);
    }

    /** B1 or B2 as a {@link BareLoop}: the same networks and optimisers without the trainer around them. */
    public BenchResult.Iterations bare(String bench) {
        boolean b1 = bench.equals("B1");
        int iters = options.itersOr(b1 ? B1_ITERS : B2_ITERS);
        TrainConfig config = (b1 ? b1Config() : b2Config()).resolve();
        return iterations(bench, BareLoop.IMPL, BareLoop.run(config, MNIST_SHAPE, options.warmup(), iters), iters);
    }

    private TrainConfig b1Config() {
        return config("mlp", 128, 1e-3, 0.9, "uniform", 128);
    }

    private TrainConfig b2Config() {
        return config("dcgan", 64, 2e-4, 0.5, "normal", 64);
    }

    /** B4: DCGAN-28 on Fashion-MNIST, data read from its IDX files and loaded by the trainer. */
    public BenchResult.Throughput b4() {
        long t0 = System.nanoTime();
        Dataset data = Datasets.open(DatasetRequest.of("fashion-mnist").withMessages(progress));
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        int batch = 64;
        int iters = Math.min(data.size() / batch, options.itersOr(B4_CAP));
        Timed timed = train(config("dcgan", batch, 2e-4, 0.5, "normal", 64), data, iters);
        double seconds = timed.timer.elapsedNanos(options.warmup(), options.warmup() + iters) / 1e9;
        double perSecond = iters / seconds;
        Map<String, String> details = new LinkedHashMap<>();
        details.put("iters", Integer.toString(iters));
        details.put("load_s", String.format(Locale.ROOT, "%.2f", loadSeconds));
        return new BenchResult.Throughput("B4", IMPL, perSecond * batch, timed.flopsPerIteration * perSecond / 1e9, details);
    }

    /** B5: family {@code model} trained at 32×32 with its own defaults (see the class comment). */
    public BenchResult.Throughput b5(String model) {
        int iters = options.itersOr(B5_ITERS);
        TrainConfig.Builder builder = TrainConfig.builder().model(model).dataset("bench").seed(SEED).device(options.device())
                .threads(options.threads()).sampleEvery(Integer.MAX_VALUE).checkpointEvery(Integer.MAX_VALUE);
        if (Architectures.get(model).grows()) {
            builder.fadeKimg(0).stableKimg(0);   // a growing family at full resolution from step 0, as the others
        }
        TrainConfig config = builder.build();
        Timed timed = train(config, UniformImages.create(SHAPE_32), iters);
        double seconds = timed.timer.elapsedNanos(options.warmup(), options.warmup() + iters) / 1e9;
        double[] ms = timed.timer.iterationNanos(options.warmup(), options.warmup() + iters);
        for (int i = 0; i < ms.length; i++) {
            ms[i] /= 1e6;
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("model", model);
        details.put("batch", Integer.toString(timed.batch));
        details.put("iters", Integer.toString(iters));
        details.put("median_ms_per_iter", String.format(Locale.ROOT, "%.3f", percentile(ms, 50)));
        double perSecond = iters / seconds;
        return new BenchResult.Throughput("B5", IMPL, perSecond * timed.batch, timed.flopsPerIteration * perSecond / 1e9, details);
    }

    /** B6: family {@code model}'s generator (as its defaults build it, at full resolution) drawing batches of 1000 at 32×32. */
    public BenchResult.Throughput b6(String model) {
        Engine.init(options.threads());
        ComputeDevice device = Engine.device(options.device());
        Engine.seed(SEED);
        TrainConfig defaults = TrainConfig.builder().model(model).dataset("bench").steps(1).build().resolve();
        var arch = Architectures.get(model);
        Generator g = arch.generator(new NetworkSpec(SHAPE_32, defaults.networks().latentDim(), defaults.networks().width()));
        Throughput t = generation(g, device);
        g.release();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("model", model);
        details.putAll(t.details());
        return new BenchResult.Throughput("B6", IMPL, t.imagesPerSecond(), t.gflops(), details);
    }

    /** B3: images per second of the DCGAN-28 generator drawing batches of 1000 through {@link Generator#generate}, as sampling does. */
    public BenchResult.Throughput b3() {
        Engine.init(options.threads());
        ComputeDevice device = Engine.device(options.device());
        Engine.seed(SEED);
        Generator g = Architectures.get("dcgan").generator(new NetworkSpec(MNIST_SHAPE, 100, 64));
        Throughput t = generation(g, device);
        return new BenchResult.Throughput("B3", IMPL, t.imagesPerSecond(), t.gflops(), t.details());
    }

    private record Throughput(double imagesPerSecond, double gflops, Map<String, String> details) {
    }

    /** Images per second of {@code g} drawing batches of {@value #B3_BATCH} through {@link Generator#generate}, as sampling does. */
    private Throughput generation(Generator g, ComputeDevice device) {
        if (device.isCuda()) {
            g.to(device.torchDevice(), false);
        }
        double flopsPerBatch = FlopCounter.generationFlops(FlopCounter.forwardMacs(g), B3_BATCH);
        int warmup = (options.warmup() + 1) / 2;
        long start = 0;
        for (int i = 0; i < warmup + B3_BATCHES; i++) {
            if (i == warmup) {
                start = System.nanoTime();
            }
            try (PointerScope scope = new PointerScope()) {
                Tensor z = LatentNoise.NORMAL.sample(B3_BATCH, g.latentDim(), device);
                Tensor images = g.generate(z, null);                            // 1000×C×H×W
                if (device.isCuda()) {
                    images.sum().item_double();                                 // waits for the device
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, String> details = new LinkedHashMap<>();
        details.put("batch", Integer.toString(B3_BATCH));
        details.put("chunk", Integer.toString(Generator.GENERATION_CHUNK));
        return new Throughput(B3_BATCH * B3_BATCHES / seconds, flopsPerBatch * B3_BATCHES / seconds / 1e9, details);
    }

    /**
     * PEAK: a {@value #PEAK_SIZE}² float matrix product through the same engine, with the cores given to
     * OpenBLAS ({@link Parallelism#GEMM}): the machine's GEMM ceiling on that many cores.
     */
    public BenchResult.Peak peak() {
        int threads = Engine.init(options.threads(), Parallelism.GEMM);
        ComputeDevice device = Engine.device(options.device());
        double[] seconds = new double[PEAK_REPEATS];
        try (PointerScope outer = new PointerScope()) {
            Engine.seed(SEED);
            Tensor a = torch.randn(PEAK_SIZE, PEAK_SIZE);
            Tensor b = torch.randn(PEAK_SIZE, PEAK_SIZE);
            if (device.isCuda()) {
                a = a.to(device.torchDevice(), torch.ScalarType.Float);
                b = b.to(device.torchDevice(), torch.ScalarType.Float);
            }
            for (int i = -2; i < PEAK_REPEATS; i++) {
                try (PointerScope scope = new PointerScope()) {
                    long t0 = System.nanoTime();
                    Tensor c = torch.mm(a, b);
                    if (device.isCuda()) {
                        c.sum().item_double();
                    }
                    if (i >= 0) {
                        seconds[i] = (System.nanoTime() - t0) / 1e9;
                    }
                }
            }
        }
        double flops = 2.0 * PEAK_SIZE * PEAK_SIZE * PEAK_SIZE;
        return new BenchResult.Peak(IMPL, flops / percentile(seconds, 50) / 1e9, PEAK_SIZE, threads);
    }

    private BenchResult.Iterations iterations(String bench, String impl, Timed timed, int iters) {
        double[] ms = timed.timer.iterationNanos(options.warmup(), options.warmup() + iters);
        for (int i = 0; i < ms.length; i++) {
            ms[i] /= 1e6;
        }
        double median = percentile(ms, 50);
        return new BenchResult.Iterations(bench, impl, iters, median, percentile(ms, 10), percentile(ms, 90),
                timed.flopsPerIteration / (median / 1e3) / 1e9);
    }

    /** What a timed training run leaves: its per-step stamps and the FLOPs of one of its iterations. */
    record Timed(StepTimer timer, double flopsPerIteration, int batch) {
    }

    /** Runs {@code warmup + iters} iterations of {@code config} through {@link Trainer#train} in a temporary run directory. */
    private Timed train(TrainConfig config, Dataset data, int iters) {
        Path dir;
        try {
            dir = Files.createTempDirectory("gan4j-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary run directory", e);
        }
        try {
            TrainConfig run = withOut(config, dir.resolve("run"), options.warmup() + iters);
            StepTimer timer = new StepTimer(run.run().steps());
            double flops;
            int batch;
            try (Trainer trainer = Trainer.start(run, data)) {
                batch = trainer.config().optimiser().batch();
                flops = FlopCounter.iterationFlops(FlopCounter.forwardMacs(trainer.generator()),
                        FlopCounter.forwardMacs(trainer.discriminator(), trainer.generator()),
                        trainer.config().optimiser().batch(), trainer.config().optimiser().dSteps());
                trainer.train(timer);
            }
            return new Timed(timer, flops, batch);
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * The training config of a benchmark: everything the SPEC fixes, the rest at the user defaults, except
     * that sample grids and checkpoints fall after the last step (they are written once, untimed, at the end).
     */
    private TrainConfig config(String model, int batch, double lr, double beta1, String noise, int width) {
        return TrainConfig.builder().model(model).dataset("bench").batch(batch).lrG(lr).lrD(lr).beta1(beta1).beta2(0.999)
                .dSteps(1).loss("ns").seed(SEED).device(options.device()).threads(options.threads()).noise(noise)
                .latentDim(100).width(width).sampleEvery(Integer.MAX_VALUE).checkpointEvery(Integer.MAX_VALUE)
                .build();
    }

    private static TrainConfig withOut(TrainConfig c, Path out, long steps) {
        return ConfigFiles.merge(c, TrainConfig.builder().out(out.toString()).steps(steps).build());
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a leftover file in the temporary directory is harmless
                }
            });
        } catch (IOException e) {
            // same
        }
    }

    /** The {@code q}-th percentile (0..100) with linear interpolation between order statistics (NumPy's default). */
    static double percentile(double[] values, double q) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double pos = q / 100.0 * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
