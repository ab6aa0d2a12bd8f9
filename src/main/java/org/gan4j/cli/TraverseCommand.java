package org.gan4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gan4j.BadInputException;
import org.gan4j.engine.Engine;
import org.gan4j.train.LatentTraversal;
import org.gan4j.train.TrainedGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gan4j traverse}: InfoGAN's latent traversal, one code varied down the rows while z and the
 * other codes stay fixed along each column.
 */
@Command(name = "traverse", mixinStandardHelpOptions = true, sortOptions = false,
        description = "InfoGAN runs: vary one latent code down the rows (each category of 'cat', or -2..2 of a continuous "
                + "code c1, c2, ...) while z and the other codes stay fixed along each column.",
        footer = {"", "Example:", "  gan4j traverse --run runs/infogan-fashion-mnist --code cat --out cat.png"})
public final class TraverseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    @Option(names = "--run", paramLabel = "DIR", required = true, description = "The run directory (an InfoGAN image run).")
    Path run;

    @Option(names = "--code", paramLabel = "CODE", description = "cat (the categorical code, default) or c1, c2, ... (continuous codes).")
    String code;

    @Option(names = "--columns", paramLabel = "N", description = "Fixed draws of z and the other codes, one column each (default ${DEFAULT-VALUE}).")
    int columns = LatentTraversal.COLUMNS;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the fixed draws (default: the run's seed).")
    Long seed;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The .png to write.")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = DataOptions.THREADS_HELP)
    int threads;

    @Override
    public Integer call() {
        if (threads < 0) {
            throw new BadInputException("invalid --threads: " + threads + " (0 means all cores)");
        }
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new BadInputException("--out " + out + ": use a .png name");
        }
        Engine.init(threads);
        TrainedGenerator g = TrainedGenerator.load(run);
        if (!g.shape().image()) {
            throw new BadInputException("traverse needs an image run; run " + run + " generates " + g.shape() + " points");
        }
        var codes = LatentTraversal.codes(g.config().networks().latentCodes());
        String c = code != null ? code : codes.isEmpty() ? "cat" : codes.get(0);
        long s = seed != null ? seed : g.config().run().seed();
        LatentTraversal.write(g, c, columns, s, out);
        var w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "wrote the traversal of code %s (%d columns, seed %d) from %s to %s%n", c, columns, s,
                g.weights(), out);
        w.flush();
        return ExitCodes.OK;
    }
}
