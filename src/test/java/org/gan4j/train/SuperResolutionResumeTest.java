package org.gan4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.gan4j.config.TrainConfig;
import org.gan4j.engine.Engine;
import org.gan4j.report.MetricsLog;
import org.gan4j.report.MetricsTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An SRGAN run killed after a checkpoint and resumed equals the uninterrupted run bit for bit: killed
 * during SRResNet pre-training (step 4 of 6) and during the adversarial phase (step 8), both resumed to 12.
 */
class SuperResolutionResumeTest {
    static final long STEPS = 12;
    static final long PRETRAIN = 6;

    @TempDir
    static Path tmp;
    static Path data;
    static float[][] straight;
    static MetricsTable straightMetrics;

    @BeforeAll
    static void straightRun() throws Exception {
        Engine.init(1);
        data = SrRuns.imageFolder(tmp.resolve("images"), 16);
        TrainConfig config = SrRuns.config(tmp.resolve("straight"), data, STEPS, PRETRAIN);
        try (Trainer t = Trainer.start(config, SrRuns.open(config))) {
            t.train(TrainingListener.NONE);
            straight = modules(t);
        }
        straightMetrics = MetricsLog.read(new RunDirectory(tmp.resolve("straight")).metricsFile());
    }

    /** The weights of generator, srresnet and discriminator. */
    private static float[][] modules(Trainer t) {
        var m = t.game().modules();
        return new float[][] {TrainerTest.weights(m.get("generator")), TrainerTest.weights(m.get("srresnet")),
            TrainerTest.weights(m.get("discriminator"))};
    }

    private static final class Killed extends RuntimeException {
    }

    private void killedAt(long step) {
        Path split = tmp.resolve("killed-at-" + step);
        TrainConfig config = SrRuns.config(split, data, STEPS, PRETRAIN);
        try (Trainer t = Trainer.start(config, SrRuns.open(config))) {
            assertThrows(Killed.class, () -> t.train(new TrainingListener() {
                @Override
                public void onMessage(String line) {
                    if (line.startsWith("checkpoint at step " + step + " ")) {
                        throw new Killed();
                    }
                }
            }));
        }
        float[][] resumed;
        try (Trainer t = Trainer.resume(split, SrRuns.open(config), TrainConfig.builder().build())) {
            assertEquals(step, t.step());
            t.train(TrainingListener.NONE);
            resumed = modules(t);
        }
        String[] names = {"generator", "srresnet", "discriminator"};
        for (int i = 0; i < names.length; i++) {
            assertArrayEquals(straight[i], resumed[i], 0f, names[i] + " after resuming at step " + step);
        }
        MetricsTable rows = MetricsLog.read(new RunDirectory(split).metricsFile());
        assertEquals(STEPS, rows.size());
        for (String column : new String[] {"pixel_loss", "psnr", "g_loss"}) {
            assertArrayEquals(straightMetrics.column(column), rows.column(column), 0.0, column);
        }
    }

    @Test
    void killedDuringPretrainingResumesExactly() {
        killedAt(4);
    }

    @Test
    void killedDuringTheAdversarialPhaseResumesExactly() {
        killedAt(8);
    }

    @Test
    void srResNetStopsFollowingGWhenPretrainingEnds() {
        assertEquals(false, java.util.Arrays.equals(straight[0], straight[1]), "six adversarial steps moved G");
    }
}
