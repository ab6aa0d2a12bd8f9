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

/** {@code gan4j truncation}: the truncation trick's strip of a stylegan run, ψ from 0 (G(w_avg)) to 1 (no truncation). */
@Command(name = "truncation", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Draw a stylegan run's truncation strip: one row per z, columns psi = 0 (the average style w_avg) to 1 (untruncated).",
        footer = {"", "Example:", "  gan4j truncation --run runs/stylegan-fashion-mnist --out strip.png"})
public final class TruncationCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    @Option(names = "--run", paramLabel = "DIR", required = true, description = "The run directory (a stylegan run).")
    Path run;

    @Option(names = "--rows", paramLabel = "N", description = "z's, one row each (default ${DEFAULT-VALUE}).")
    int rows = 6;

    @Option(names = "--steps", paramLabel = "N", description = "Values of psi from 0 to 1, both included (default ${DEFAULT-VALUE}).")
    int steps = 11;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the z's (default: the run's seed).")
    Long seed;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The .png to write.")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = DataOptions.THREADS_HELP)
    int threads;

    @Override
    public Integer call() {
        StyleOptions.checkCount("--rows", rows, 100);
        if (steps < 2 || steps > 101) {
            throw new org.gan4j.BadInputException("invalid --steps: " + steps + " (2 to 101)");
        }
        StyleOptions.checkPng(out);
        StyleOptions.checkThreads(threads);
        Engine.init(threads);
        TrainedGenerator g = TrainedGenerator.load(run);
        long s = seed != null ? seed : g.config().run().seed();
        StylePictures.Tiles strip = StylePictures.truncationStrip(g, rows, steps, s);
        OutputRange range = g.generator().outputRange();
        SampleGrid.write(out, strip.images(), strip.count(), g.shape(), range.low(), range.high(), strip.columns());
        var w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "wrote a truncation strip of %d z (seed %d), psi 0 to 1 in %d steps, from %s to %s%n",
                rows, s, steps, g.weights(), out);
        w.flush();
        return ExitCodes.OK;
    }
}
