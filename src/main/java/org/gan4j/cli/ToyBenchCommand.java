package org.gan4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gan4j.BadInputException;
import org.gan4j.experiments.ToyBenchmark;
import org.gan4j.metrics.MeanStd;
import org.gan4j.metrics.ModeCoverage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gan4j toybench}: the mode-collapse benchmark of VEEGAN and PacGAN on the 2-D toys, one MLP
 * GAN per seed, printed as a table. The work lives in {@link ToyBenchmark}.
 */
@Command(name = "toybench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Mode-collapse benchmark (VEEGAN, PacGAN): train the MLP GAN on ring8 or grid25 once per seed, draw"
            + " samples and count modes captured (a high-quality sample within 3 sigma of a mode), the share of"
            + " high-quality samples and KL(q || uniform) of their spread over the modes; mean +- std over seeds."
            + " Writes DIR/toybench.json and DIR/scatter.png (the last seed's samples).",
        footer = {"", "Examples:", "  gan4j toybench --dataset ring8 --seeds 3", "  gan4j toybench --dataset grid25 --loss lsgan --seeds 5",
            "  gan4j toybench --dataset grid25 --arch pacgan --pack 4 --steps 20000 --seeds 3"})
public final class ToyBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    @Option(names = "--dataset", paramLabel = "NAME", required = true, description = "ring8 or grid25.")
    String dataset;

    @Option(names = "--arch", paramLabel = "NAME",
            description = "Networks and settings: mlp (the tutorial MLP, default) or pacgan (PacGAN's 2-D experiment networks,"
                + " Adam 1e-4/0.8, 100 packs a batch, 400000 steps by default).")
    String arch = "mlp";

    @Option(names = "--pack", paramLabel = "M", description = "PacGAN packing: D judges packs of M samples (default 1 = off).")
    int pack = 1;

    @Option(names = "--minibatch-std", description = "Minibatch standard deviation feature before D's last layer.")
    boolean minibatchStd;

    @Option(names = "--unroll", paramLabel = "K", description = "Unrolled GAN: G's loss through K look-ahead D steps (default 0 = off).")
    int unroll = 0;

    @Option(names = "--loss", paramLabel = "NAME", description = "Adversarial loss (default ${DEFAULT-VALUE}).")
    String loss = "ns";

    @Option(names = "--seeds", paramLabel = "N", description = "Train with seeds 1..N (default ${DEFAULT-VALUE}).")
    int seeds = 10;

    @Option(names = "--steps", paramLabel = "N",
            description = "Training steps per seed (default: mlp 3000 on ring8, 20000 on grid25; pacgan 400000).")
    Long steps;

    @Option(names = "--samples", paramLabel = "N", description = "Samples drawn per seed (default ${DEFAULT-VALUE}).")
    int samples = ToyBenchmark.DEFAULT_SAMPLES;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default runs/toybench-<dataset>-<loss>).")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = DataOptions.THREADS_HELP)
    int threads = 0;

    @Override
    public Integer call() {
        if (steps != null && steps < 1) {
            throw new BadInputException("invalid --steps: " + steps + " (must be positive)");
        }
        if (seeds < 1) {
            throw new BadInputException("invalid --seeds: " + seeds + " (must be at least 1)");
        }
        if (samples < 1) {
            throw new BadInputException("invalid --samples: " + samples + " (must be positive)");
        }
        if (threads < 0) {
            throw new BadInputException("invalid --threads: " + threads + " (0 means all cores)");
        }
        ToyBenchmark.Arch a = ToyBenchmark.Arch.parse(arch);
        String ds = dataset.toLowerCase(Locale.ROOT);
        String variant = (a == ToyBenchmark.Arch.MLP ? "" : "-" + a.key()) + (pack > 1 ? "-pack" + pack : "")
                + (minibatchStd ? "-mbstd" : "") + (unroll > 0 ? "-unroll" + unroll : "");
        Path dir = out != null ? out : Path.of("runs", "toybench-" + ds + "-" + loss + variant);
        ToyBenchmark.Options options = new ToyBenchmark.Options(dataset, loss, ToyBenchmark.Options.seeds(seeds),
                steps == null ? 0 : steps, samples, threads, dir, a, pack, minibatchStd, unroll);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        err.printf(Locale.ROOT, "toybench: %s, %s, loss %s, %d seed(s) of %d steps, %d samples each, into %s%n", options.dataset(),
                remedies(options), loss, seeds, options.resolvedSteps(), samples, dir);
        err.flush();
        ToyBenchmark.Result r = ToyBenchmark.run(options, line -> {
            err.println("toybench: " + line);
            err.flush();
        });
        out.printf(Locale.ROOT, "toybench %s, %s, loss %s, %d steps, %d samples per seed; high quality = within 3 sigma (sigma %s)%n",
                options.dataset(), remedies(options), loss, options.resolvedSteps(), samples, r.sigma());
        out.printf(Locale.ROOT, "%-12s %16s %14s %16s%n", "seed", "modes (of " + r.modes() + ")", "high quality", "KL(q||unif)");
        for (ToyBenchmark.SeedResult s : r.seeds()) {
            ModeCoverage c = s.coverage();
            out.printf(Locale.ROOT, "%-12d %16d %13.1f%% %16s%n", s.seed(), c.captured(), 100 * c.highQuality(),
                    Double.isNaN(c.kl()) ? "n/a" : String.format(Locale.ROOT, "%.4f", c.kl()));
        }
        MeanStd hq = r.highQuality();
        out.printf(Locale.ROOT, "%-12s %16s %14s %16s%n", "mean ± std",
                String.format(Locale.ROOT, "%.2f ± %.2f", r.captured().mean(), r.captured().std()),
                String.format(Locale.ROOT, "%.1f ± %.1f%%", 100 * hq.mean(), 100 * hq.std()),
                r.kl() == null ? "n/a" : String.format(Locale.ROOT, "%.4f ± %.4f", r.kl().mean(), r.kl().std()));
        out.println("wrote " + r.json() + " and " + r.scatter());
        out.flush();
        return ExitCodes.OK;
    }

    /** {@code mlp}, or e.g. {@code pacgan, pack 4, batch 400}: the networks and the remedies the run used. */
    private static String remedies(ToyBenchmark.Options o) {
        StringBuilder b = new StringBuilder(o.arch().key());
        if (o.pack() > 1) {
            b.append(", pack ").append(o.pack());
        }
        if (o.minibatchStd()) {
            b.append(", minibatch std");
        }
        if (o.unroll() > 0) {
            b.append(", unroll ").append(o.unroll());
        }
        return b.append(", batch ").append(o.batch()).toString();
    }
}
