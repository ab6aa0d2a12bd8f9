package org.gan4j;

/**
 * A problem with what the user gave gan4j: a file, a flag, a config key, a dataset that cannot be
 * found. Its message is one line meant for the user (the command line prints it and exits with
 * code 2); it never carries a stack trace to the terminal.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
