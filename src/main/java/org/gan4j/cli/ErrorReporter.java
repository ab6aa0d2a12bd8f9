package org.gan4j.cli;

import java.io.PrintWriter;
import org.gan4j.BadInputException;
import org.gan4j.train.TrainingDivergedException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place where failures become exit codes and messages. Every failure is one line on
 * stderr starting {@code gan4j: }; a stack trace appears only for an internal error and only with
 * {@code --verbose}.
 * <ul>
 *   <li>a flag picocli cannot parse, or a {@link BadInputException} (among them an output that
 *       cannot be written, {@link org.gan4j.io.UnwritableOutputException}): {@link ExitCodes#BAD_INPUT};</li>
 *   <li>{@link TrainingDivergedException}: {@link ExitCodes#INTERNAL_ERROR}, its message only
 *       (the run itself is fine up to its last checkpoint);</li>
 *   <li>anything else: {@link ExitCodes#INTERNAL_ERROR}.</li>
 * </ul>
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String message = firstLine(e.getMessage());
        if (e instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            message += " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)";
        }
        err.println("gan4j: error: " + message);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCodes.BAD_INPUT;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        return report(e, cmd.getErr(), verbose(parsed));
    }

    /** For a {@link Throwable} that escaped picocli altogether (an {@link Error}). */
    static int reportUncaught(Throwable t, boolean verbose) {
        PrintWriter err = new PrintWriter(System.err, true);
        return report(t, err, verbose);
    }

    private static int report(Throwable t, PrintWriter err, boolean verbose) {
        int status;
        if (t instanceof BadInputException) {
            err.println("gan4j: error: " + firstLine(t.getMessage()));
            status = ExitCodes.BAD_INPUT;
        } else if (t instanceof TrainingDivergedException) {
            err.println("gan4j: error: " + firstLine(t.getMessage()));
            status = ExitCodes.INTERNAL_ERROR;
        } else {
            if (verbose) {
                t.printStackTrace(err);
            }
            err.println("gan4j: internal error: " + describe(t)
                    + (verbose ? "" : " (run with " + VerboseOption.NAME + " for the stack trace)"));
            status = ExitCodes.INTERNAL_ERROR;
        }
        err.flush();
        return status;
    }

    /** Whether {@code --verbose} was given to the command or any of its subcommands. */
    private static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(VerboseOption.NAME)) {
                return true;
            }
        }
        return false;
    }

    /** The exception's class and the first line of its message (libtorch appends a C++ backtrace). */
    private static String describe(Throwable t) {
        String m = t.getMessage();
        String type = t.getClass().getSimpleName();
        return m == null || m.isBlank() ? type : type + ": " + firstLine(m);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        return message.strip().lines().findFirst().orElse("");
    }
}
