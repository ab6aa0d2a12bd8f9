package org.gan4j.cli;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.gan4j.BadInputException;
import org.gan4j.data.DatasetRequest;
import org.gan4j.engine.Engine;
import picocli.CommandLine.Option;

/** Where a command finds a named dataset and how many threads it computes with: one set of flags for every command that reads data. */
final class DataOptions {
    @Option(names = "--data", paramLabel = "DIR", description = "Directory holding the dataset's files; default: searched, then downloaded.")
    Path data;

    @Option(names = "--download", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Allow downloading a missing dataset (default); --no-download forbids it.")
    boolean download;

    /**
     * The help text of every {@code --threads} whose 0 means all cores: say so, and what "all" is
     * ({@link Runtime#availableProcessors()}, which a container's CPU quota or taskset lowers).
     */
    static final String THREADS_HELP = "CPU cores to compute on; 0, the default, means all the cores this JVM may use"
            + " (the machine's, or fewer under a container's CPU limit or taskset).";

    @Option(names = "--threads", paramLabel = "N", description = THREADS_HELP)
    int threads;

    /** Fails on a negative thread count before any work starts. */
    void check() {
        if (threads < 0) {
            throw new BadInputException("invalid --threads: " + threads + " (0 means all cores)");
        }
    }

    /** Starts the engine with {@code --threads}; returns the threads libtorch uses. */
    int initEngine() {
        return Engine.init(threads);
    }

    /** A request for dataset {@code name} from {@code --data} (or the search order), downloading only if allowed. */
    DatasetRequest request(String name, Consumer<String> messages) {
        return DatasetRequest.of(name).withDataDir(data).withDownload(download).withMessages(messages);
    }
}
