package org.gan4j.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.gan4j.BadInputException;
import org.gan4j.bench.BenchOptions;
import org.gan4j.bench.Benchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gan4j bench}: the benchmarks of bench/SPEC.md through the production training path, one
 * machine-readable line each on stdout (progress notes on stderr). The work lives in {@link Benchmark}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Time gan4j on the bench SPEC: B1 MLP GAN, B2 DCGAN-28, B3 generation, B4 DCGAN-28 on"
            + " Fashion-MNIST end to end, B5 training and B6 generation of the 32x32 families (dcgan, progan, stylegan). Prints a PEAK line (large matrix product) and one line per benchmark.",
        footer = {"", "Examples:", "  gan4j bench all", "  gan4j bench B1 --iters 50 --threads 1", "  gan4j bench B1 B2 --bare",
            "Peak memory is read from outside: /usr/bin/time -v gan4j bench all"})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    @Parameters(arity = "0..*", paramLabel = "BENCH", description = "B1, B2, B3, B4, B5, B6 or all (default all).")
    List<String> benchmarks = List.of();

    @Option(names = "--threads", paramLabel = "N", description = "CPU cores to compute on (default ${DEFAULT-VALUE}, the SPEC's threads).")
    int threads = BenchOptions.SPEC_THREADS;

    @Option(names = "--iters", paramLabel = "N",
            description = "Counted iterations of B1, B2 and B5 and the cap of B4 (default: the SPEC's 200, 50, 300; B5 30).")
    Integer iters;

    @Option(names = "--warmup", paramLabel = "N", description = "Uncounted iterations first (default ${DEFAULT-VALUE}).")
    int warmup = BenchOptions.SPEC_WARMUP;

    @Option(names = "--device", paramLabel = "DEV", description = "cpu (default), cuda or cuda:N.")
    String device = "cpu";

    @Option(names = "--bare", description = "Also time B1 and B2 as a bare loop over libtorch calls (same networks and"
            + " optimisers, no trainer): lines with impl=bare-loop, the yardstick for gan4j's own.")
    boolean bare;

    @Override
    public Integer call() {
        if (threads < 1) {
            throw new BadInputException("invalid --threads: " + threads + " (must be positive)");
        }
        if (iters != null && iters < 1) {
            throw new BadInputException("invalid --iters: " + iters + " (must be positive)");
        }
        if (warmup < 0) {
            throw new BadInputException("invalid --warmup: " + warmup + " (must not be negative)");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        new Benchmark(new BenchOptions(threads, iters, warmup, device, bare), note -> {
            err.println(note);
            err.flush();
        }).run(benchmarks, result -> {
            out.println(result.line());
            out.flush();
        });
        return ExitCodes.OK;
    }
}
