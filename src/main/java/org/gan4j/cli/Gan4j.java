package org.gan4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code gan4j}: the command line's entry point. A subcommand is added by naming its class in
 * {@code subcommands} below.
 */
@Command(name = "gan4j", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Generative adversarial networks on the JVM, on libtorch.",
        subcommands = {
            TrainCommand.class,
            SampleCommand.class,
            InfoCommand.class,
            BenchCommand.class,
            PlotCommand.class,
            AnimateCommand.class,
            InterpolateCommand.class,
            StyleMixCommand.class,
            TruncationCommand.class,
            TraverseCommand.class,
            ToyBenchCommand.class,
            Figure1Command.class,
            TrainClassifierCommand.class,
            EvalCommand.class,
            UpscaleCommand.class,
            EvalSrCommand.class,
            DashboardCommand.class,
        },
        footer = {"", "Exit status: 0 success, 1 internal error or diverged training, 2 bad input or config."})
public final class Gan4j implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Without a subcommand: the usage, on stderr, and the bad-input status. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("gan4j: error: missing command");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.BAD_INPUT;
    }

    /** The command tree with gan4j's error handling; tests redirect its output with setOut/setErr. */
    public static CommandLine commandLine() {
        ErrorReporter errors = new ErrorReporter();
        return new CommandLine(new Gan4j())
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors);
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        int status;
        try {
            status = commandLine().execute(args);
        } catch (Throwable t) { // an Error (out of memory, a native library that failed to load) escapes picocli
            status = ErrorReporter.reportUncaught(t, java.util.Arrays.asList(args).contains(VerboseOption.NAME));
        }
        System.exit(status);
    }
}
