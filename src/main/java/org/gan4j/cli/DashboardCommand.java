package org.gan4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.gan4j.BadInputException;
import org.gan4j.dashboard.DashboardServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gan4j dashboard}: serves the live dashboard of a folder of runs until interrupted. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = "Serve a read-only web page of the runs in a folder: their curves overlaid, sample grids, config, progress."
            + " Runs still training there are refreshed as their metrics.csv grows.",
        footer = {"", "Examples:",
            "  gan4j dashboard --runs runs",
            "  gan4j dashboard --runs runs --port 9000"})
public final class DashboardCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    @Option(names = "--runs", paramLabel = "DIR", defaultValue = "runs", description = "Folder of run directories (default runs).")
    Path runs;

    @Option(names = "--port", paramLabel = "P", defaultValue = "" + DashboardServer.DEFAULT_PORT,
            description = "Port to listen on (default ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1",
            description = "Address to bind (default 127.0.0.1, this machine only). The page has no login: another address shows the runs to the network.")
    String host;

    @Override
    public Integer call() throws InterruptedException {
        checkPort("--port", port);
        if (Files.notExists(runs)) {
            throw new BadInputException("--runs " + runs + " does not exist");
        }
        if (!Files.isDirectory(runs)) {
            throw new BadInputException("--runs " + runs + " is not a directory");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (DashboardServer server = open(runs, host, port, err)) {
            out.println("dashboard: " + server.url() + " (Ctrl-C stops it)");
            out.flush();
            new CountDownLatch(1).await();   // until the JVM is interrupted
        }
        return ExitCodes.OK;
    }

    /** Refuses a port out of range (1-65535, or 0 for any free port) as bad input naming {@code option}; shared with {@code train}. */
    static void checkPort(String option, int port) {
        if (!DashboardServer.validPort(port)) {
            throw new BadInputException(option + " " + port + " is out of range: use 1-65535, or 0 for any free port");
        }
    }

    /** Starts a dashboard, warning on {@code err} when it is reachable from other machines; shared with {@code train --dashboard}. */
    static DashboardServer open(Path runs, String host, int port, PrintWriter err) {
        if (!host.equals("127.0.0.1") && !host.equals("localhost") && !host.equals("::1")) {
            err.println("warning: the dashboard listens on " + host + ": it has no login, so anyone who can reach that address sees the runs");
            err.flush();
        }
        try {
            checkPort("port", port);
            return DashboardServer.start(runs, host, port);
        } catch (IOException e) {
            throw new BadInputException("cannot serve the dashboard on " + host + ":" + port + ": " + e.getMessage());
        }
    }
}
