package org.gan4j.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gan4j.data.Cifar10;
import org.gan4j.data.NamedDatasets;
import org.gan4j.data.Svhn;
import org.gan4j.data.SyntheticDatasets;
import org.gan4j.engine.Engine;
import org.gan4j.loss.Losses;
import org.gan4j.loss.Terms;
import org.gan4j.nn.Architectures;
import org.gan4j.train.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gan4j info}: versions, threads, devices, models, losses and where each dataset would come from. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show versions, threads, CUDA devices, models, losses and where the datasets are.")
public final class InfoCommand implements Callable<Integer> {
    /** The named datasets whose files are looked for on disk, in the order shown. */
    private static final List<String> NAMED = List.of("fashion-mnist", "mnist");

    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int threads = Engine.init(0);
        int cuda = Engine.cudaDeviceCount();
        row(out, "gan4j", Provenance.gan4jVersion());
        row(out, "libtorch", Engine.libtorchVersion());
        row(out, "java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                + System.getProperty("java.home") + ")");
        row(out, "threads", threads + " (libtorch's intra-op pool; OpenBLAS's for mlp; "
                + Runtime.getRuntime().availableProcessors() + " cores available)");
        row(out, "cuda", cuda == 0 ? "none" : cuda + " device" + (cuda == 1 ? "" : "s"));
        rows(out, "parallel", parallelSummary(Engine.parallelInfo()));
        rows(out, "models", Architectures.names().stream().sorted()
                .map(name -> String.format(Locale.ROOT, "%-8s %s (game: %s)", name, Architectures.get(name).description(),
                        Architectures.get(name).game())).toList());
        rows(out, "losses", Losses.names().stream().sorted()
                .map(name -> String.format(Locale.ROOT, "%-8s %s", name, Losses.get(name).description())).toList());
        row(out, "terms", String.join(", ", Terms.names()) + " (added to a step's losses when the config asks for them)");
        out.println("datasets:");
        for (String name : NAMED) {
            row(out, "  " + name, NamedDatasets.describe(name));
        }
        row(out, "  " + Cifar10.NAME, Cifar10.describe());
        row(out, "  " + Svhn.NAME, Svhn.describe());
        row(out, "  folder", "a directory of images: --dataset folder --data DIR");
        for (String name : SyntheticDatasets.names()) {
            row(out, "  " + name, "built in");
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The first value beside {@code key}, the others aligned under it. */
    private static void rows(PrintWriter out, String key, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            row(out, i == 0 ? key : "", values.get(i));
        }
    }

    private static void row(PrintWriter out, String key, String value) {
        out.printf(Locale.ROOT, "%-16s %s%n", key.isEmpty() ? "" : key + ":", value);
    }

    /**
     * libtorch's {@code get_parallel_info()} (a dozen lines) in two: the back-end and its thread
     * pools, then the math libraries and the environment variables that size them. A piece the
     * report lacks is left out.
     */
    static List<String> parallelSummary(String info) {
        java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
        String backend = null;
        String openmp = null;
        List<String> libraries = new java.util.ArrayList<>();
        for (String raw : info.lines().toList()) {
            String line = raw.strip();
            int colon = line.indexOf(" : ");
            if (colon > 0) {
                values.put(line.substring(0, colon).strip(), line.substring(colon + 3).strip());
            } else if (line.startsWith("ATen parallel backend:")) {
                backend = line.substring("ATen parallel backend:".length()).strip();
            } else if (line.startsWith("OpenMP")) {
                openmp = line.contains("a.k.a. ") ? line.replaceAll(".*a\\.k\\.a\\. ([^)]*)\\).*", "$1") : line;
            } else if (line.contains("MKL")) {
                libraries.add(line.replaceAll("\\s*\\(Git Hash [^)]*\\)", ""));
            }
        }
        StringBuilder first = new StringBuilder(backend == null ? "ATen" : backend + " backend");
        if (openmp != null && !openmp.equals(backend)) {
            first.append(" (").append(openmp).append(")");
        }
        String intra = values.get("at::get_num_threads()");
        String inter = values.get("at::get_num_interop_threads()");
        if (intra != null && inter != null) {
            first.append(", ").append(intra).append(" intra-op and ").append(inter).append(" inter-op threads");
        }
        List<String> second = new java.util.ArrayList<>(libraries);
        for (String env : List.of("OMP_NUM_THREADS", "MKL_NUM_THREADS")) {
            if (values.containsKey(env)) {
                second.add(env + " " + values.get(env));
            }
        }
        String wait = System.getenv("OMP_WAIT_POLICY");
        second.add("OMP_WAIT_POLICY " + (wait == null ? "[not set]" : wait));
        return List.of(first.toString(), String.join(", ", second));
    }
}
