package org.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToyBenchCommandTest {
    @TempDir
    Path tmp;

    private void assertBadInput(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
        assertTrue(r.firstErrorLine().startsWith("gan4j"), r.toString());
        assertEquals(1, r.err().lines().count(), r.toString());
    }

    @Test
    void badInputsExitTwoWithOneLine() {
        String out = tmp.resolve("tb").toString();
        assertBadInput("toybench", "--dataset", "gauss1d", "--out", out);
        assertBadInput("toybench", "--dataset", "mnist", "--out", out);
        assertBadInput("toybench", "--dataset", "ring8", "--seeds", "0", "--out", out);
        assertBadInput("toybench", "--dataset", "ring8", "--seeds", "-2", "--out", out);
        assertBadInput("toybench", "--dataset", "ring8", "--steps", "0", "--out", out);
        assertBadInput("toybench", "--dataset", "ring8", "--samples", "0", "--out", out);
        assertBadInput("toybench", "--dataset", "ring8", "--loss", "nope", "--out", out);
        assertFalse(Files.exists(tmp.resolve("tb")));
    }

    @Test
    void aTinyRunPrintsTheTable() {
        Path out = tmp.resolve("run");
        CliRun r = CliRun.of("toybench", "--dataset", "ring8", "--seeds", "1", "--steps", "20", "--samples", "200",
                "--threads", "1", "--out", out.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.out().contains("mean ± std") && r.out().contains("200 samples per seed"), r.toString());
        assertTrue(Files.isRegularFile(out.resolve("toybench.json")) && Files.isRegularFile(out.resolve("scatter.png")));
    }
}
