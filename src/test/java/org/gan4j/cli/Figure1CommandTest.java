package org.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Figure1CommandTest {
    @TempDir
    Path tmp;

    private static CliRun assertBadInput(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
        assertTrue(r.firstErrorLine().startsWith("gan4j"), r.toString());
        assertEquals(1, r.err().lines().count(), r.toString());
        return r;
    }

    @Test
    void badInputsExitTwoWithOneLineAndWriteNothing() {
        String out = tmp.resolve("f").toString();
        assertBadInput("figure1", "--steps", "0", "--out", out);
        assertBadInput("figure1", "--panels", "1", "--out", out);
        assertBadInput("figure1", "--frames", "501", "--out", out);
        assertBadInput("figure1", "--samples", "10", "--out", out);
        assertBadInput("figure1", "--threads", "-1", "--out", out);
        assertTrue(assertBadInput("figure1", "--loss", "hinge", "--out", out).err().contains("ns or minimax"));
        assertBadInput("figure1", "--loss", "nope", "--out", out);
        assertFalse(Files.exists(tmp.resolve("f")));
    }

    @Test
    void aSecondRunIntoTheSameDirectoryIsRefused() {
        Path out = tmp.resolve("f");
        CliRun first = CliRun.of("figure1", "--steps", "2", "--panels", "2", "--frames", "2", "--samples", "200",
                "--threads", "1", "--out", out.toString());
        assertEquals(ExitCodes.OK, first.exitCode(), first.toString());
        assertTrue(first.out().contains("figure1.png") && Files.isRegularFile(out.resolve("figure1.gif")), first.toString());
        assertTrue(assertBadInput("figure1", "--steps", "2", "--out", out.toString()).err().contains("already holds a run"));
    }
}
