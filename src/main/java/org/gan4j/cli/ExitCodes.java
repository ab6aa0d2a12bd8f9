package org.gan4j.cli;

/** The exit statuses of {@code gan4j}; {@link ErrorReporter} decides which exception gets which. */
public final class ExitCodes {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** Something went wrong inside gan4j (a bug, a native failure), or training diverged. */
    public static final int INTERNAL_ERROR = 1;
    /** What the user gave was wrong: a flag, a config key, a file, a dataset that cannot be found. */
    public static final int BAD_INPUT = 2;

    private ExitCodes() {
    }
}
