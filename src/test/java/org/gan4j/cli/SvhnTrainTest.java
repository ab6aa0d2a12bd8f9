package org.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gan4j.data.SvhnFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --dataset svhn --data DIR} on tiny MAT-files in SVHN's layout: DCGAN on 3x32x32, plain and conditional. */
class SvhnTrainTest {
    @TempDir
    Path tmp;

    @Test
    void dcganTrainsOnSvhnPlainAndConditional() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("svhn"));
        Files.write(data.resolve("train_32x32.mat"), SvhnFiles.compressed(10));
        for (boolean conditional : new boolean[] {false, true}) {
            Path out = tmp.resolve(conditional ? "conditional" : "plain");
            List<String> args = new ArrayList<>(List.of("train", "--model", "dcgan", "--dataset", "svhn", "--data",
                    data.toString(), "--steps", "2", "--batch", "8", "--threads", "1", "--out", out.toString()));
            if (conditional) {
                args.add("--conditional");
            }
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, run.exitCode(), run.toString());
            assertTrue(Files.isRegularFile(out.resolve("generator.pt")), run.toString());
            String config = Files.readString(out.resolve("config.json"));
            assertTrue(config.contains("\"dataset\" : \"svhn/train\""), config);
        }
    }

    @Test
    void aTruncatedFileIsExit2WithOneLineAndNothingWritten() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("cut"));
        byte[] good = SvhnFiles.compressed(10);
        Path file = Files.write(data.resolve("train_32x32.mat"), Arrays.copyOf(good, good.length - 40));
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("train", "--model", "dcgan", "--dataset", "svhn", "--data", data.toString(), "--steps", "2",
                "--batch", "8", "--threads", "1", "--out", out.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains(file + ": is truncated"), run.toString());
        assertFalse(Files.exists(out), "nothing written: " + run);
    }

    @Test
    void infoSaysWhereEachSplitIsOrWouldComeFrom() {
        CliRun info = CliRun.of("info");
        assertEquals(0, info.exitCode(), info.toString());
        String line = info.out().lines().filter(l -> l.startsWith("  svhn:")).findFirst().orElse("");
        assertTrue(line.contains("train ") && line.contains("test ") && line.contains("train_32x32.mat")
                && line.contains("test_32x32.mat"), info.toString());
        assertTrue(info.out().indexOf("  cifar10:") < info.out().indexOf("  svhn:"), "after cifar10: " + info);
    }
}
