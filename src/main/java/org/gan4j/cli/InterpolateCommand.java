package org.gan4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gan4j.BadInputException;
import org.gan4j.data.SampleShape;
import org.gan4j.engine.Engine;
import org.gan4j.nn.OutputRange;
import org.gan4j.report.LatentWalk;
import org.gan4j.report.SampleGrid;
import org.gan4j.train.StylePictures;
import org.gan4j.train.TrainedGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gan4j interpolate}: walks between pairs of noise vectors of a run's prior and draws what
 * the generator makes of each point: one row per pair, one column per step.
 */
@Command(name = "interpolate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Draw G along straight (linear) or great-circle (slerp) paths between pairs of noise vectors: "
                + "one grid row per pair, one column per step.",
        footer = {"", "Examples:", "  gan4j interpolate --run runs/dcgan-fashion-mnist --mode slerp --out walk.png",
            "  gan4j interpolate --run runs/stylegan-fashion-mnist --space w --out w-walk.png"})
public final class InterpolateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    @Option(names = "--run", paramLabel = "DIR", required = true, description = "The run directory (an image run).")
    Path run;

    @Option(names = "--steps", paramLabel = "N", description = "Points per path, both ends included (default ${DEFAULT-VALUE}).")
    int steps = 10;

    @Option(names = "--rows", paramLabel = "N", description = "Pairs of endpoints, one row each (default ${DEFAULT-VALUE}).")
    int rows = 8;

    @Option(names = "--mode", paramLabel = "linear|slerp", description = "Path between the endpoints (default ${DEFAULT-VALUE}).")
    String mode = "linear";

    @Option(names = "--space", paramLabel = "z|w",
            description = "Where the path runs: z (the prior, default) or w (stylegan runs: the mapping network's output).")
    String space = "z";

    @Option(names = "--truncation", paramLabel = "PSI",
            description = "stylegan runs: the truncation trick on every point, PSI in [0, 1] (default 1 = off).")
    Double truncation;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the endpoints (default: the run's seed).")
    Long seed;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The .png to write.")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = DataOptions.THREADS_HELP)
    int threads;

    @Override
    public Integer call() {
        if (steps < 2 || steps > 1000) {
            throw new BadInputException("invalid --steps: " + steps + " (2 to 1000)");
        }
        if (rows < 1 || rows > 1000) {
            throw new BadInputException("invalid --rows: " + rows + " (1 to 1000)");
        }
        LatentWalk.Mode walkMode;
        try {
            walkMode = LatentWalk.Mode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("invalid --mode: " + mode + " (linear or slerp)");
        }
        if (!space.equals("z") && !space.equals("w")) {
            throw new BadInputException("invalid --space: " + space + " (z or w)");
        }
        StyleOptions.checkTruncation(truncation);
        if (threads < 0) {
            throw new BadInputException("invalid --threads: " + threads + " (0 means all cores)");
        }
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new BadInputException("--out " + out + ": use a .png name");
        }
        Engine.init(threads);
        TrainedGenerator g = TrainedGenerator.load(run);
        if (truncation != null) {
            g.truncated(truncation);
        }
        SampleShape shape = g.shape();
        if (!shape.image()) {
            throw new BadInputException("interpolate needs an image run; run " + run + " generates " + shape
                    + " points (use gan4j sample)");
        }
        long s = seed != null ? seed : g.config().run().seed();
        if (space.equals("w")) {
            StylePictures.Tiles walk = StylePictures.walkInW(g, rows, steps, walkMode, s);
            OutputRange range = g.generator().outputRange();
            SampleGrid.write(out, walk.images(), walk.count(), shape, range.low(), range.high(), walk.columns());
            report(rows, walkMode + " w", s, g);
            return ExitCodes.OK;
        }
        int dim = g.generator().latentDim();
        float[] endpoints = g.noise(2 * rows, s);
        float[] z = LatentWalk.grid(endpoints, rows, dim, steps, walkMode);
        int count = rows * steps;
        // A conditional run walks within one class per row: row r is class r mod K.
        int[] labels = null;
        if (g.classes() > 0) {
            labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = (i / steps) % g.classes();
            }
        }
        float[] images = g.decode(z, labels, count);
        OutputRange range = g.generator().outputRange();
        SampleGrid.write(out, images, count, shape, range.low(), range.high(), steps);
        report(rows, walkMode.toString(), s, g);
        return ExitCodes.OK;
    }

    private void report(int rows, String walk, long s, TrainedGenerator g) {
        var w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "wrote %d %s paths of %d steps (seed %d) from %s to %s%n", rows, walk, steps, s,
                g.weights(), out);
        w.flush();
    }
}
