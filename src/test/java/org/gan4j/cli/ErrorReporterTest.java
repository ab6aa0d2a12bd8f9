package org.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.gan4j.BadInputException;
import org.gan4j.train.TrainingDivergedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import org.junit.jupiter.api.Test;

class ErrorReporterTest {
    /** A command that fails with the exception it is given. */
    @Command(name = "fail")
    static final class Fail implements Callable<Integer> {
        @Mixin
        VerboseOption verbose;
        final RuntimeException e;

        Fail(RuntimeException e) {
            this.e = e;
        }

        @Override
        public Integer call() {
            throw e;
        }
    }

    static String[] run(RuntimeException e, String... args) {
        StringWriter err = new StringWriter();
        ErrorReporter reporter = new ErrorReporter();
        CommandLine cmd = new CommandLine(new Fail(e)).setExecutionExceptionHandler(reporter).setParameterExceptionHandler(reporter);
        cmd.setErr(new PrintWriter(err, true));
        return new String[] {String.valueOf(cmd.execute(args)), err.toString()};
    }

    @Test
    void eachFailureHasItsExitCodeAndOneLine() {
        String[] bad = run(new BadInputException("no such file x.yaml"));
        assertEquals(String.valueOf(ExitCodes.BAD_INPUT), bad[0]);
        assertEquals("gan4j: error: no such file x.yaml\n", bad[1].replace("\r", ""));

        String[] diverged = run(new TrainingDivergedException("training diverged at step 7: the generator loss is NaN"));
        assertEquals(String.valueOf(ExitCodes.INTERNAL_ERROR), diverged[0]);
        assertEquals("gan4j: error: training diverged at step 7: the generator loss is NaN\n", diverged[1].replace("\r", ""));

        String[] internal = run(new IllegalStateException("boom\n  C++ backtrace line"));
        assertEquals(String.valueOf(ExitCodes.INTERNAL_ERROR), internal[0]);
        assertEquals("gan4j: internal error: IllegalStateException: boom (run with --verbose for the stack trace)\n",
                internal[1].replace("\r", ""));
    }

    @Test
    void verboseShowsTheStackTraceOfAnInternalErrorOnly() {
        String[] internal = run(new IllegalStateException("boom"), "--verbose");
        assertTrue(internal[1].contains("\tat "), internal[1]);
        assertFalse(internal[1].contains("run with --verbose"), internal[1]);
        String[] bad = run(new BadInputException("bad"), "--verbose");
        assertFalse(bad[1].contains("\tat "), bad[1]);
    }
}
