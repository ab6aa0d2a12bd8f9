package org.gan4j.train;

import org.gan4j.config.TrainConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gan4j.data.Dataset;
import org.gan4j.data.IdxDataset;
import org.gan4j.data.SampleShape;
import org.gan4j.engine.Engine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What must hold however a run goes: it stops on NaN without touching its checkpoint, and native memory stays flat. */
class TrainingSafetyTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    /** Random 28×28 images, as bench B1 uses. */
    static Dataset noiseImages(int n) {
        byte[] pixels = new byte[n * 784];
        new Random(3).nextBytes(pixels);
        return new IdxDataset("noise", pixels, n, SampleShape.image(1, 28, 28), null);
    }

    /** A dataset whose values turn to NaN once {@code poisoned} is set. */
    static Dataset poisonable(Dataset clean, AtomicBoolean poisoned) {
        return new Dataset() {
            public String name() {
                return "poisoned";
            }

            public SampleShape shape() {
                return clean.shape();
            }

            public int size() {
                return clean.size();
            }

            public int numClasses() {
                return 0;
            }

            public int label(int index) {
                return -1;
            }

            public void copyTo(int index, float[] dst, int offset) {
                clean.copyTo(index, dst, offset);
                if (poisoned.get()) {
                    dst[offset] = Float.NaN;
                }
            }

            public String digest() {
                return clean.digest();
            }
        };
    }

    @Test
    void aNanLossStopsTheRunAndKeepsTheLastGoodCheckpoint() {
        Path out = tmp.resolve("run");
        TrainConfig config = TrainerTest.mlpOnRing(out, 100);
        // checkpoints every 20 steps; the data turns bad after step 30 (batches already prefetched stay clean)
        AtomicBoolean poisoned = new AtomicBoolean();
        Dataset data = poisonable(TrainerTest.ring8(), poisoned);
        var e = assertThrows(TrainingDivergedException.class, () -> {
            try (Trainer t = Trainer.start(config, data)) {
                t.train(new TrainingListener() {
                    @Override
                    public void onLog(StepStats stats, long totalSteps) {
                        poisoned.set(stats.step() >= 30);
                    }
                });
            }
        });
        assertTrue(e.getMessage().matches("training diverged at step (3[1-9]|40): the discriminator loss is NaN; "
                + "the last good checkpoint is .*last.pt \\(step 20\\).*"), e.getMessage());
        RunDirectory run = new RunDirectory(out);
        assertEquals(20, Checkpoint.readState(run.checkpoint()).step());
        assertTrue(!Files.exists(run.generatorFile()), "no final generator from a diverged run");
    }

    /** Without a memory scope per step, RSS grew ~1.4 MB per B1 step (ENGINE-NOTES); with one it must stay flat. */
    @Test
    void nativeMemoryStaysFlatOver2000MlpSteps() {
        TrainConfig config = TrainConfig.builder().model("mlp").dataset("noise").steps(2000).batch(128).seed(1)
                .threads(1).out(tmp.resolve("mem").toString()).logEvery(250).sampleEvery(5000).checkpointEvery(5000).build();
        long[] rss = new long[9];
        try (Trainer t = Trainer.start(config, noiseImages(4096))) {
            t.train(new TrainingListener() {
                @Override
                public void onLog(StepStats stats, long totalSteps) {
                    rss[(int) (stats.step() / 250)] = residentKilobytes();
                }
            });
        }
        long warm = rss[2];     // after 500 steps
        long end = rss[8];      // after 2000 steps
        assertTrue(warm > 0 && end > 0);
        long growthMb = (end - warm) / 1024;
        assertTrue(growthMb < 40, "RSS grew " + growthMb + " MB over 1500 steps (" + warm / 1024 + " → " + end / 1024 + " MB)");
    }

    static long residentKilobytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return -1;
    }
}
