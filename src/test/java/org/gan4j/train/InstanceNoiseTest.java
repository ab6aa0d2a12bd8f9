package org.gan4j.train;

import org.gan4j.config.TrainConfig;
import org.gan4j.config.ConfigFiles;
import org.gan4j.loss.InstanceNoise;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.gan4j.BadInputException;
import org.gan4j.engine.Engine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceNoiseTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    @Test
    void linearFallsFromSigmaToZero() {
        assertEquals(0.2, InstanceNoise.sigma(0.2, "linear", 0, 1000), 1e-12);
        assertEquals(0.1, InstanceNoise.sigma(0.2, "linear", 500, 1000), 1e-12);
        assertEquals(0.05, InstanceNoise.sigma(0.2, "linear", 750, 1000), 1e-12);
        assertEquals(0.0, InstanceNoise.sigma(0.2, "linear", 1000, 1000), 1e-12);
    }

    @Test
    void exponentialFallsFromSigmaToOnePercent() {
        assertEquals(0.2, InstanceNoise.sigma(0.2, "exponential", 0, 1000), 1e-12);
        assertEquals(0.02, InstanceNoise.sigma(0.2, "exponential", 500, 1000), 1e-12, "0.01^0.5 = 0.1 halfway");
        assertEquals(0.002, InstanceNoise.sigma(0.2, "exponential", 1000, 1000), 1e-12);
        double previous = Double.POSITIVE_INFINITY;
        for (long t = 0; t <= 1000; t += 50) {
            double s = InstanceNoise.sigma(0.2, "exponential", t, 1000);
            assertTrue(s < previous && s > 0, "strictly decreasing and positive at " + t);
            previous = s;
        }
    }

    @Test
    void zeroSigmaIsOffForEverySchedule() {
        for (String schedule : InstanceNoise.SCHEDULES) {
            assertEquals(0.0, InstanceNoise.sigma(0, schedule, 0, 100));
            assertEquals(0.0, InstanceNoise.sigma(0, schedule, 50, 100));
        }
    }

    @Test
    void keysAreValidatedNamingTheKey() {
        TrainConfig base = TrainConfig.builder().model("mlp").dataset("ring8").build();
        assertEquals(0.0, base.resolve().objective().instanceNoise(), "off by default");
        assertEquals("linear", base.resolve().objective().instanceNoiseSchedule());
        for (double bad : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            TrainConfig c = ConfigFiles.merge(base, TrainConfig.builder().instanceNoise(bad).build());
            var e = assertThrows(BadInputException.class, c::resolve);
            assertTrue(e.getMessage().contains("'instance-noise'"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
        TrainConfig c = ConfigFiles.merge(base, TrainConfig.builder().instanceNoise(0.1).instanceNoiseSchedule("cosine").build());
        var e = assertThrows(BadInputException.class, c::resolve);
        assertTrue(e.getMessage().contains("'instance-noise-schedule'"), e.getMessage());
        assertEquals("exponential", ConfigFiles.merge(base, TrainConfig.builder().instanceNoiseSchedule("exponential").build())
                .resolve().objective().instanceNoiseSchedule());
    }

    private float[] train(Path out, TrainConfig extra, long steps) {
        try (Trainer t = Trainer.start(ConfigFiles.merge(TrainerTest.mlpOnRing(out, steps), extra), TrainerTest.ring8())) {
            t.train(TrainingListener.NONE);
            return TrainerTest.weights(t.generator(), t.discriminator());
        }
    }

    @Test
    void zeroSigmaTrainsExactlyAsWithoutTheKey() {
        float[] without = train(tmp.resolve("without"), TrainConfig.builder().build(), 30);
        float[] zero = train(tmp.resolve("zero"), TrainConfig.builder().instanceNoise(0).instanceNoiseSchedule("exponential").build(), 30);
        assertArrayEquals(without, zero, 0f);
        float[] noisy = train(tmp.resolve("noisy"), TrainConfig.builder().instanceNoise(0.1).build(), 30);
        assertFalse(java.util.Arrays.equals(without, noisy), "instance noise changes training");
    }

    /** Stops a run once its checkpoint at {@code step} is written, as a kill would. */
    private static final class Interrupted extends RuntimeException {
    }

    @Test
    void resumingWithInstanceNoiseContinuesExactly() {
        // σ_t depends on the run's length, so the interrupted run must have the same length (60) as the straight one.
        TrainConfig noise = TrainConfig.builder().instanceNoise(0.3).instanceNoiseSchedule("exponential").build();
        float[] expected = train(tmp.resolve("straight"), noise, 60);
        Path split = tmp.resolve("split");
        try (Trainer t = Trainer.start(ConfigFiles.merge(TrainerTest.mlpOnRing(split, 60), noise), TrainerTest.ring8())) {
            assertThrows(Interrupted.class, () -> t.train(new TrainingListener() {
                @Override
                public void onMessage(String line) {
                    if (line.startsWith("checkpoint at step 20 ")) {
                        throw new Interrupted();
                    }
                }
            }));
        }
        float[] resumed;
        try (Trainer t = Trainer.resume(split, TrainerTest.ring8(), TrainConfig.builder().build())) {
            assertEquals(20, t.step());
            assertEquals(0.3, t.config().objective().instanceNoise());
            t.train(TrainingListener.NONE);
            resumed = TrainerTest.weights(t.generator(), t.discriminator());
        }
        assertArrayEquals(expected, resumed, 0f);
    }
}
