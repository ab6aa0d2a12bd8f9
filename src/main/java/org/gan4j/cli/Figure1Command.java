package org.gan4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gan4j.experiments.Figure1;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gan4j figure1}: figure 1 of the GAN paper from a real run on {@code gauss1d}; the work
 * lives in {@link Figure1}.
 */
@Command(name = "figure1", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Reproduce figure 1 of Goodfellow et al. (2014) from a real run: train the MLP GAN on gauss1d"
                + " (N(4, 0.5^2)) and draw, at evenly spaced steps, the data density (black, dotted), the generator's"
                + " density (green, a histogram of G(z)) and D(x) (blue, dashed). Writes DIR/figure1.png (the panels),"
                + " DIR/figure1.gif (the animation) and DIR/figure1.json (the values), beside the run itself.",
        footer = {"", "Examples:", "  gan4j figure1", "  gan4j figure1 --steps 3000 --panels 4 --seed 7 --out runs/fig1-seed7"})
public final class Figure1Command implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    @Option(names = "--steps", paramLabel = "N", description = "Training steps (default ${DEFAULT-VALUE}).")
    long steps = 500;

    @Option(names = "--panels", paramLabel = "K", description = "Panels of the PNG, evenly spaced from step 0 to the end (default ${DEFAULT-VALUE}).")
    int panels = 6;

    @Option(names = "--frames", paramLabel = "F", description = "Frames of the GIF, likewise (default ${DEFAULT-VALUE}).")
    int frames = 50;

    @Option(names = "--samples", paramLabel = "N", description = "G(z) drawn for each density (default ${DEFAULT-VALUE}).")
    int samples = 20_000;

    @Option(names = "--loss", paramLabel = "NAME", description = "ns (default) or minimax, the paper's value function.")
    String loss = "ns";

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the run (default ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--threads", paramLabel = "N", description = DataOptions.THREADS_HELP)
    int threads = 0;

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory, new (default runs/figure1-gauss1d).")
    Path out = Path.of("runs", "figure1-gauss1d");

    @Override
    public Integer call() {
        Figure1.Options options = new Figure1.Options(steps, panels, frames, samples, seed, loss, threads, out);
        PrintWriter err = spec.commandLine().getErr();
        Figure1.Result r = Figure1.run(options, line -> {
            err.println("figure1: " + line);
            err.flush();
        });
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "wrote %s (%d panels), %s (%d frames) and %s%n", r.png(), r.panels().size(), r.gif(),
                r.frames().size(), r.json());
        o.flush();
        return ExitCodes.OK;
    }
}
