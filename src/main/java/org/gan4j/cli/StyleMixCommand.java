package org.gan4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gan4j.engine.Engine;
import org.gan4j.nn.OutputRange;
import org.gan4j.report.SampleGrid;
import org.gan4j.train.StylePictures;
import org.gan4j.train.TrainedGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gan4j style-mix}: StyleGAN's style-mixing grid (Karras et al. 2019, figure 3) of a stylegan run: rows
 * take the coarse styles from one set of seeds, columns the fine styles from another.
 */
@Command(name = "style-mix", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Draw a stylegan run's style-mixing grid: the first row shows the column sources, the first column the "
                + "row sources; each other tile has its row's coarse styles (layers before --crossover) and its column's fine ones.",
        footer = {"", "Example:", "  gan4j style-mix --run runs/stylegan-fashion-mnist --out mix.png"})
public final class StyleMixCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    @Option(names = "--run", paramLabel = "DIR", required = true, description = "The run directory (a stylegan run).")
    Path run;

    @Option(names = "--rows", paramLabel = "N", description = "Row sources, coarse styles (default ${DEFAULT-VALUE}).")
    int rows = 5;

    @Option(names = "--columns", paramLabel = "N", description = "Column sources, fine styles (default ${DEFAULT-VALUE}).")
    int columns = 6;

    @Option(names = "--crossover", paramLabel = "K",
            description = "First style layer taken from the column source (default: half the layers, i.e. up to 8x8 at 32x32).")
    Integer crossover;

    @Option(names = "--truncation", paramLabel = "PSI", description = "The truncation trick on every source, PSI in [0, 1] (default 1 = off).")
    Double truncation;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the row sources; the columns use S + 1 (default: the run's seed).")
    Long seed;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The .png to write.")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = DataOptions.THREADS_HELP)
    int threads;

    @Override
    public Integer call() {
        StyleOptions.checkCount("--rows", rows, 100);
        StyleOptions.checkCount("--columns", columns, 100);
        StyleOptions.checkTruncation(truncation);
        StyleOptions.checkPng(out);
        StyleOptions.checkThreads(threads);
        Engine.init(threads);
        TrainedGenerator g = TrainedGenerator.load(run);
        int layers = StylePictures.of(g, "style-mix").numWs();
        if (truncation != null) {
            g.truncated(truncation);
        }
        long s = seed != null ? seed : g.config().run().seed();
        int k = crossover != null ? crossover : layers / 2;
        StylePictures.Tiles grid = StylePictures.mixingGrid(g, rows, columns, k, s);
        OutputRange range = g.generator().outputRange();
        SampleGrid.write(out, grid.images(), grid.count(), g.shape(), range.low(), range.high(), grid.columns());
        var w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "wrote a %dx%d style-mixing grid (layers 0-%d of %d from the rows, seeds %d and %d) from %s to %s%n",
                rows, columns, k - 1, layers, s, s + 1, g.weights(), out);
        w.flush();
        return ExitCodes.OK;
    }
}
