package org.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --dataset cifar10 --data DIR} on a tiny extracted {@code cifar-10-batches-bin}: DCGAN on 3x32x32, plain and conditional. */
class Cifar10TrainTest {
    @TempDir
    Path tmp;

    /** Six batch files of 10 records each (label r, random pixels), as the authors' tarball extracts them. */
    private Path tinyBatches() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("cifar-10-batches-bin"));
        Random random = new Random(1);
        for (String name : new String[] {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
                "data_batch_5.bin", "test_batch.bin"}) {
            byte[] b = new byte[10 * 3073];
            random.nextBytes(b);
            for (int r = 0; r < 10; r++) {
                b[r * 3073] = (byte) r;
            }
            Files.write(dir.resolve(name), b);
        }
        return dir;
    }

    @Test
    void dcganTrainsOnCifar10PlainAndConditional() throws Exception {
        Path data = tinyBatches();
        for (boolean conditional : new boolean[] {false, true}) {
            Path out = tmp.resolve(conditional ? "conditional" : "plain");
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("train", "--model", "dcgan",
                    "--dataset", "cifar10", "--data", data.toString(), "--steps", "2", "--batch", "8", "--threads", "1",
                    "--out", out.toString()));
            if (conditional) {
                args.add("--conditional");
            }
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, run.exitCode(), run.toString());
            assertTrue(Files.isRegularFile(out.resolve("generator.pt")), run.toString());
            String config = Files.readString(out.resolve("config.json"));
            assertTrue(config.contains("\"dataset\" : \"cifar10/train\""), config);
        }
    }
}
