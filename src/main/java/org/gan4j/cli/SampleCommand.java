package org.gan4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gan4j.BadInputException;
import org.gan4j.engine.Engine;
import org.gan4j.train.TrainedGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gan4j sample}: draws samples from a run's generator into a PNG grid (a scatter plot or
 * histogram for a toy run) or, for a name ending in {@code -idx3-ubyte[.gz]}, an IDX image file. A
 * coupled run's picture shows both domains of each z; {@code --domain a|b} draws one domain alone.
 */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Draw samples from a trained run's generator into a PNG grid or an IDX file.",
        footer = {"", "Examples:",
            "  gan4j sample --run runs/dcgan-fashion-mnist --n 64 --out grid.png",
            "  gan4j sample --run runs/cdcgan --class 7 --n 16 --out sneakers.png",
            "  gan4j sample --run runs/stylegan-fashion-mnist --truncation 0.7 --out truncated.png",
            "  gan4j sample --run runs/dcgan-fashion-mnist --n 10000 --out fake-images-idx3-ubyte.gz",
            "  gan4j sample --run runs/cogan-fashion-mnist --out pairs.png",
            "  gan4j sample --run runs/cogan-fashion-mnist --domain b --n 10000 --out b-images-idx3-ubyte.gz"})
public final class SampleCommand implements Callable<Integer> {
    /** Default sample count of an image run: an 8×8 grid. */
    static final int IMAGE_SAMPLES = 64;
    /** Default sample count of a toy run: enough points to see which modes are covered. */
    static final int POINT_SAMPLES = 1000;
    /** Default number of z of a coupled run's picture of both domains: 64 images, as its training grid. */
    static final int PAIR_SAMPLES = 32;

    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    @Option(names = "--run", paramLabel = "DIR", required = true, description = "The run directory (written by gan4j train).")
    Path run;

    @Option(names = {"-n", "--n"}, paramLabel = "N",
            description = "Number of samples (default " + IMAGE_SAMPLES + " for an image run, " + POINT_SAMPLES + " for a toy run).")
    Integer n;

    @Option(names = "--class", paramLabel = "K",
            description = "Conditional runs: draw every sample of class K (0-based; default: classes drawn uniformly).")
    Integer classIndex;

    @Option(names = "--domain", paramLabel = "a|b",
            description = "Coupled runs (cogan): samples of domain a or b alone (default: a picture of both domains of each z"
                + " in alternating rows, " + PAIR_SAMPLES + " z; an IDX file needs one domain).")
    String domain;

    @Option(names = "--truncation", paramLabel = "PSI",
            description = "stylegan runs: the truncation trick w = w_avg + PSI (w - w_avg), PSI in [0, 1] (default 1 = off; typical 0.7).")
    Double truncation;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the noise (default: the run's seed).")
    Long seed;

    @Option(names = "--out", paramLabel = "FILE", required = true,
            description = "A .png picture, or an IDX file (name ending -idx3-ubyte or -idx3-ubyte.gz) of the raw samples.")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = DataOptions.THREADS_HELP)
    int threads;

    /** Whether {@code file} names an IDX image file rather than a picture. */
    static boolean isIdx(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith("-idx3-ubyte") || name.endsWith("-idx3-ubyte.gz");
    }

    /** 0 for domain a, 1 for b. */
    static int domainIndex(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "a" -> 0;
            case "b" -> 1;
            default -> throw new BadInputException("invalid --domain '" + name + "': use a or b");
        };
    }

    @Override
    public Integer call() {
        if (n != null && n < 1) {
            throw new BadInputException("invalid --n: " + n + " (must be positive)");
        }
        if (threads < 0) {
            throw new BadInputException("invalid --threads: " + threads + " (0 means all cores)");
        }
        boolean idx = isIdx(out);
        if (!idx && !out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new BadInputException("--out " + out + ": use a .png name, or one ending -idx3-ubyte[.gz] for raw samples");
        }
        Integer domainIndex = domain == null ? null : domainIndex(domain);
        StyleOptions.checkTruncation(truncation);
        Engine.init(threads);
        TrainedGenerator g = TrainedGenerator.load(run);
        if (truncation != null) {
            g.truncated(truncation);
        }
        if (domainIndex != null) {
            g = g.domain(domainIndex);
        }
        boolean pairs = g.coupled() && g.domainIndex() == TrainedGenerator.BOTH_DOMAINS;
        long s = seed != null ? seed : g.config().run().seed();
        int count = n != null ? n : pairs ? PAIR_SAMPLES : g.shape().image() ? IMAGE_SAMPLES : POINT_SAMPLES;
        if (idx) {
            g.writeIdx(out, count, s, classIndex);
        } else {
            g.writePicture(out, count, s, classIndex);
        }
        String what = pairs ? count + " pairs (domain A above domain B of each z)"
                : count + " samples" + (classIndex == null ? "" : " of class " + classIndex)
                    + (domainIndex == null ? "" : " of domain " + domain.toUpperCase(Locale.ROOT));
        var w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "wrote %s (seed %d%s) from %s to %s%n", what, s,
                truncation == null ? "" : String.format(Locale.ROOT, ", truncation %.3g", truncation), g.weights(), out);
        w.flush();
        return ExitCodes.OK;
    }
}
