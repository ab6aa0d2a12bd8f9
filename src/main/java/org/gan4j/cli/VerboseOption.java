package org.gan4j.cli;

import picocli.CommandLine.Option;

/** {@code --verbose}, shared by every subcommand: show the stack trace of an internal error. */
public final class VerboseOption {
    /** The option's name, which {@link ErrorReporter} looks for in the parse result. */
    static final String NAME = "--verbose";

    @Option(names = NAME, description = "Print the stack trace when gan4j fails with an internal error.")
    boolean verbose;
}
