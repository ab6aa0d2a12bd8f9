package org.gan4j.experiments;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.BadInputException;
import org.gan4j.config.ConfigFiles;
import org.gan4j.config.TrainConfig;
import org.gan4j.data.DatasetRequest;
import org.gan4j.data.SyntheticDatasets;
import org.gan4j.engine.ComputeDevice;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Tensors;
import org.gan4j.io.AtomicFiles;
import org.gan4j.loss.Losses;
import org.gan4j.nn.Discriminator;
import org.gan4j.report.Figure1Chart;
import org.gan4j.report.Figure1Chart.Snapshot;
import org.gan4j.train.StepStats;
import org.gan4j.train.Trainer;
import org.gan4j.train.TrainingListener;

/**
 * Figure 1 of Goodfellow et al., "Generative Adversarial Nets" (2014), from a real run: the MLP GAN
 * trains on {@code gauss1d} (N(4, 0.5²)), and at chosen steps the figure shows, over a grid of x,
 * the data density p_data (black, dotted), the generator's density p_g (green: a histogram of many
 * G(z), as a density) and the discriminator's D(x) = sigmoid(logit) (blue, dashed). The paper's
 * panels are sketches of the ideal game; here they are measured, so D is as accurate as k = 1 steps
 * make it and p_g only approaches p_data.
 *
 * <p>Writes, into the run directory: {@value #PNG} (the panels, evenly spaced steps from 0 to the
 * end), {@value #GIF} (one frame per evenly spaced step) and {@value #JSON} (every value drawn).
 * The x grid is fixed before training so all frames share it: it covers p_data to ±5σ and every
 * initial G(z), with a margin; a snapshot records the share of G(z) that fell inside it. The
 * pictures are drawn by {@link Figure1Chart}; this class runs the game and measures the curves.
 */
public final class Figure1 {
    public static final String PNG = "figure1.png";
    public static final String GIF = "figure1.gif";
    public static final String JSON = "figure1.json";
    public static final String DATASET = "gauss1d";
    /** Histogram bins of p_g, whose centres are the x grid of all three curves. */
    public static final int BINS = 100;

    private Figure1() {
    }

    /**
     * What to run and draw.
     *
     * @param steps   training steps
     * @param panels  panels of the PNG (2 to 12), at evenly spaced steps from 0 to {@code steps}
     * @param frames  frames of the GIF (2 to 500), likewise
     * @param samples G(z) drawn for each density estimate
     * @param seed    the run's seed (the z of the estimates come from it too)
     * @param loss    {@code ns} or {@code minimax}: D must output the logit of a probability
     * @param threads intra-op CPU threads; 0 = all cores
     * @param out     run directory, also where the figure goes
     */
    public record Options(long steps, int panels, int frames, int samples, long seed, String loss, int threads, Path out) {
        public Options {
            if (steps < 1) {
                throw new BadInputException("invalid --steps: " + steps + " (must be positive)");
            }
            if (panels < 2 || panels > 12) {
                throw new BadInputException("invalid --panels: " + panels + " (2 to 12)");
            }
            if (frames < 2 || frames > 500) {
                throw new BadInputException("invalid --frames: " + frames + " (2 to 500)");
            }
            if (samples < 100) {
                throw new BadInputException("invalid --samples: " + samples + " (at least 100 for a density estimate)");
            }
            if (threads < 0) {
                throw new BadInputException("invalid --threads: " + threads + " (0 means all cores)");
            }
            if (!Losses.get(loss).outputsProbabilityLogits()) {
                throw new BadInputException("figure1 draws D(x) as a probability: use --loss ns or minimax, not " + loss);
            }
        }

        /** {@code count} steps spread evenly from 0 to {@code steps} (rounded; duplicates dropped when steps are few). */
        static List<Long> evenly(long steps, int count) {
            TreeSet<Long> at = new TreeSet<>();
            for (int i = 0; i < count; i++) {
                at.add(Math.round((double) steps * i / (count - 1)));
            }
            return List.copyOf(at);
        }

        public List<Long> panelSteps() {
            return evenly(steps, panels);
        }

        public List<Long> frameSteps() {
            return evenly(steps, frames);
        }
    }

    /** The figure's grid: {@code BINS} bins over [low, high]. */
    public record Grid(double low, double high, int bins) {
        public double width() {
            return (high - low) / bins;
        }

        /** Bin centres. */
        public double[] centres() {
            double[] x = new double[bins];
            for (int i = 0; i < bins; i++) {
                x[i] = low + (i + 0.5) * width();
            }
            return x;
        }

        /**
         * The grid of the figure: p_data's μ ± 5σ and every one of {@code samples}, widened by 10% on
         * each side and out to whole numbers, so the initial G(z) and the data both show.
         */
        static Grid covering(float[] samples, double mean, double sigma, int bins) {
            double lo = mean - 5 * sigma;
            double hi = mean + 5 * sigma;
            for (float s : samples) {
                if (Float.isFinite(s)) {
                    lo = Math.min(lo, s);
                    hi = Math.max(hi, s);
                }
            }
            double margin = 0.1 * (hi - lo);
            return new Grid(Math.floor(lo - margin), Math.ceil(hi + margin), bins);   // whole numbers: readable ticks
        }
    }

    /** What the run produced. */
    public record Result(List<Snapshot> panels, List<Snapshot> frames, Grid grid, Path png, Path gif, Path json) {
        public Result {
            panels = List.copyOf(panels);
            frames = List.copyOf(frames);
        }
    }

    /** Trains, takes the snapshots and writes the figure; {@code progress} gets a line at the start and one per panel. */
    public static Result run(Options o, Consumer<String> progress) {
        double mean = SyntheticDatasets.modes(DATASET)[0][0];
        double sigma = SyntheticDatasets.sigma(DATASET);
        TrainConfig config = TrainConfig.builder().model("mlp").dataset(DATASET).steps(o.steps()).loss(o.loss())
                .seed(o.seed()).threads(o.threads()).out(o.out().toString()).build();
        List<Long> panelSteps = o.panelSteps();
        List<Long> frameSteps = o.frameSteps();
        TreeSet<Long> wanted = new TreeSet<>(panelSteps);
        wanted.addAll(frameSteps);
        Map<Long, Snapshot> taken = new LinkedHashMap<>();
        Grid grid;
        try (Trainer t = Trainer.start(config, SyntheticDatasets.open(DatasetRequest.of(DATASET)))) {
            progress.accept(String.format(Locale.ROOT, "mlp on %s, loss %s, %d steps, seed %d, into %s", DATASET, o.loss(),
                    o.steps(), o.seed(), o.out()));
            // The z of every estimate: one fixed batch, drawn from the run's seed before training (each
            // training step reseeds libtorch, so this draw does not change the run).
            Engine.seed(o.seed() ^ 0x5DEECE66DL);
            Tensor z = t.config().networks().latentNoise().sample(o.samples(), t.generator().latentDim(), ComputeDevice.CPU);
            z.retainReference();
            try {
                float[] initial = t.generate(z);
                grid = Grid.covering(initial, mean, sigma, BINS);
                Grid g = grid;
                taken.put(0L, capture(0, initial, t.discriminator(), g, mean, sigma));
                progress.accept(line(taken.get(0L)));
                t.train(new TrainingListener() {
                    @Override
                    public void onStep(StepStats stats) {
                        if (wanted.contains(stats.step())) {
                            Snapshot s = capture(stats.step(), t.generate(z), t.discriminator(), g, mean, sigma);
                            taken.put(stats.step(), s);
                            if (panelSteps.contains(stats.step())) {
                                progress.accept(line(s));
                            }
                        }
                    }
                });
            } finally {
                z.releaseReference();
            }
        }
        List<Snapshot> panels = panelSteps.stream().map(taken::get).toList();
        List<Snapshot> frames = frameSteps.stream().map(taken::get).toList();
        Path png = o.out().resolve(PNG);
        Path gif = o.out().resolve(GIF);
        Path json = o.out().resolve(JSON);
        double yMax = Figure1Chart.yMax(frames);
        Figure1Chart.writePanels(png, panels, o.steps(), yMax);
        Figure1Chart.writeAnimation(gif, frames, o.steps(), yMax);
        Result r = new Result(panels, frames, grid, png, gif, json);
        writeJson(r, o, mean, sigma);
        return r;
    }

    private static String line(Snapshot s) {
        double dAtMean = s.discriminator()[s.discriminator().length / 2];
        return String.format(Locale.ROOT, "step %d: %.1f%% of G(z) on the grid, mean D(x) over the grid %.3f, D(x) mid-grid %.3f",
                s.step(), 100 * s.inside(), mean(s.discriminator()), dAtMean);
    }

    private static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return sum / v.length;
    }

    /**
     * The snapshot of one step: p_data at the bin centres, the histogram of {@code samples} (G's
     * outputs) as a density, and sigmoid(D(x)) at the bin centres with D in eval mode (no
     * power-iteration step, no graph); D's mode is restored after.
     */
    static Snapshot capture(long step, float[] samples, Discriminator d, Grid grid, double mean, double sigma) {
        double[] x = grid.centres();
        double[] data = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double u = (x[i] - mean) / sigma;
            data[i] = Math.exp(-0.5 * u * u) / (sigma * Math.sqrt(2 * Math.PI));
        }
        double[] density;
        double[] dx;
        double inside;
        boolean training = d.is_training();
        try (PointerScope scope = new PointerScope(); NoGradGuard guard = new NoGradGuard()) {
            // histc counts values in [low, high] only; the last bin is closed on the right.
            Tensor counts = torch.histc(Tensors.fromFloats(samples, samples.length), grid.bins(), new Scalar(grid.low()), new Scalar(grid.high()));
            float[] c = Tensors.toFloats(counts);
            density = new double[c.length];
            double total = 0;
            for (int i = 0; i < c.length; i++) {
                density[i] = c[i] / (samples.length * grid.width());
                total += c[i];
            }
            inside = total / samples.length;
            float[] xs = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                xs[i] = (float) x[i];
            }
            d.eval();
            try {
                float[] p = Tensors.toFloats(torch.sigmoid(d.forward(Tensors.fromFloats(xs, xs.length, 1))));
                dx = new double[p.length];
                for (int i = 0; i < p.length; i++) {
                    dx[i] = p[i];
                }
            } finally {
                d.train(training);
            }
        }
        return new Snapshot(step, x, data, density, dx, inside);
    }

    private static void writeJson(Result r, Options o, double mean, double sigma) {
        var root = ConfigFiles.JSON.createObjectNode();
        root.put("dataset", DATASET);
        root.put("data_mean", mean);
        root.put("data_sigma", sigma);
        root.put("steps", o.steps());
        root.put("seed", o.seed());
        root.put("loss", o.loss());
        root.put("samples", o.samples());
        root.put("grid_low", r.grid().low());
        root.put("grid_high", r.grid().high());
        root.put("bins", r.grid().bins());
        var panels = root.putArray("panels");
        for (Snapshot s : r.panels()) {
            var node = panels.addObject();
            node.put("step", s.step());
            node.put("inside", s.inside());
            Map<String, double[]> curves = new LinkedHashMap<>();
            curves.put("x", s.x());
            curves.put("p_data", s.data());
            curves.put("p_g", s.generator());
            curves.put("d", s.discriminator());
            for (var e : curves.entrySet()) {
                var a = node.putArray(e.getKey());
                for (double v : e.getValue()) {
                    a.add(v);
                }
            }
        }
        AtomicFiles.writeStream(r.json(), stream -> ConfigFiles.JSON.writerWithDefaultPrettyPrinter().writeValue(stream, root));
    }
}
