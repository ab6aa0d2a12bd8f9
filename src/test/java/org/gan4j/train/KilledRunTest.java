package org.gan4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gan4j.BadInputException;
import org.gan4j.config.TrainConfig;
import org.gan4j.engine.Engine;
import org.gan4j.report.MetricsLog;
import org.gan4j.report.MetricsTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run killed before its first checkpoint resumes from step 0, as the uninterrupted run went. */
class KilledRunTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    @Test
    void aRunKilledBeforeItsFirstCheckpointTrainsAgainFromStepZeroToTheSameWeights() throws Exception {
        Path straight = tmp.resolve("straight");
        float[] expected;
        try (Trainer t = Trainer.start(TrainerTest.mlpOnRing(straight, 30), TrainerTest.ring8())) {
            t.train(TrainingListener.NONE);
            expected = TrainerTest.weights(t.generator(), t.discriminator());
        }

        // a child process trains the same run and is killed (SIGKILL) at step 10, before the checkpoint of step 20
        Path killed = tmp.resolve("killed");
        Process child = new ProcessBuilder(ChildProcessMain.command("train", killed.toString(), "30", "10"))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String line = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertEquals("at 10", line);
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        RunDirectory run = new RunDirectory(killed);
        assertTrue(run.exists());
        assertFalse(Files.exists(run.checkpoint()), "killed before its first checkpoint");
        assertEquals(10, MetricsLog.read(run.metricsFile()).size());
        assertTrue(Files.isRegularFile(run.sampleGrid(0)));

        List<String> messages = new ArrayList<>();
        float[] resumed;
        try (Trainer t = Trainer.resume(killed, TrainerTest.ring8(), TrainConfig.builder().build())) {
            assertEquals(0, t.step());
            t.train(new TrainingListener() {
                @Override
                public void onStart(Path runDir, long startStep, long totalSteps) {
                    assertEquals(0, MetricsLog.read(run.metricsFile()).size(), "metrics.csv is cut to its header");
                }

                @Override
                public void onMessage(String line) {
                    messages.add(line);
                }
            });
            resumed = TrainerTest.weights(t.generator(), t.discriminator());
        }
        assertArrayEquals(expected, resumed, 0f, "the same weights as the run that was never interrupted, bit for bit");
        assertTrue(messages.contains("run " + killed + " stopped before its first checkpoint: training it again from step 0"), messages.toString());
        MetricsTable rows = MetricsLog.read(run.metricsFile());
        MetricsTable straightRows = MetricsLog.read(new RunDirectory(straight).metricsFile());
        assertEquals(30, rows.size(), "one row per step, none repeated");
        assertArrayEquals(straightRows.column("g_loss"), rows.column("g_loss"), 0.0);
        assertArrayEquals(straightRows.column("d_loss"), rows.column("d_loss"), 0.0);
        assertEquals(30, Checkpoint.readState(run.checkpoint()).step());
        assertArrayEquals(Files.readAllBytes(new RunDirectory(straight).sampleGrid(0)), Files.readAllBytes(run.sampleGrid(0)));
    }

    @Test
    void aDirectoryThatIsNotARunIsStillOneLine() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path missing = tmp.resolve("missing");
        for (Path dir : List.of(empty, missing)) {
            BadInputException e = assertThrows(BadInputException.class,
                    () -> Trainer.resume(dir, TrainerTest.ring8(), TrainConfig.builder().build()));
            assertEquals(dir + " is not a gan4j run directory (no config.json)", e.getMessage());
        }
        assertFalse(Files.exists(missing), "a refused resume creates nothing");
        try (var files = Files.list(empty)) {
            assertEquals(0, files.count(), "not even a lock file");
        }
    }
}
