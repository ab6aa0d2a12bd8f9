package org.gan4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.gan4j.BadInputException;
import org.gan4j.config.TrainConfig;
import org.gan4j.engine.Engine;
import org.gan4j.report.MetricsLog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One trainer per run directory: a second one, in this JVM or in another process, is refused in one line. */
class RunLockTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    private static void assertRefused(Path dir, String by, BadInputException e) {
        String m = e.getMessage();
        assertFalse(m.contains("\n"), m);
        assertTrue(m.startsWith("run directory " + dir + " is being trained by " + by), m);
    }

    @Test
    void aSecondTrainerInTheSameJvmIsRefusedAndDoesNotDropTheFirstOnesLock() throws Exception {
        Path dir = tmp.resolve("run");
        try (Trainer first = Trainer.start(TrainerTest.mlpOnRing(dir, 20), TrainerTest.ring8())) {
            assertRefused(dir, "another trainer in this gan4j process",
                    assertThrows(BadInputException.class, () -> Trainer.resume(dir, TrainerTest.ring8(), TrainConfig.builder().build())));
            assertRefused(dir, "another trainer in this gan4j process",
                    assertThrows(BadInputException.class, () -> Trainer.start(TrainerTest.mlpOnRing(dir, 20), TrainerTest.ring8())));
            // Linux drops a process's lock when any channel of the file closes: the refusals must not have
            assertEquals("held", probe(dir), "another process still sees the first trainer's lock");
            first.train(TrainingListener.NONE);
            assertEquals(20, MetricsLog.read(dir.resolve("metrics.csv")).size());
        }
        assertEquals("free", probe(dir), "close() releases the lock");
        try (Trainer again = Trainer.resume(dir, TrainerTest.ring8(), TrainConfig.builder().steps(30).build())) {
            again.train(TrainingListener.NONE);
        }
        assertEquals(30, MetricsLog.read(dir.resolve("metrics.csv")).size());
    }

    /** A lock taken through a channel of this JVM that RunLock did not open: tryLock's OverlappingFileLockException is the same refusal. */
    @Test
    void anOverlappingLockInThisJvmIsTheSameRefusal() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("run"));
        RunDirectory run = new RunDirectory(dir);
        try (FileChannel c = FileChannel.open(run.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             var held = c.lock()) {
            assertRefused(dir, "another trainer in this gan4j process", assertThrows(BadInputException.class, () -> RunLock.acquire(run)));
            assertEquals("held", probe(dir), "the refusal left the other channel's lock in place");
        }
        assertEquals("free", probe(dir));
    }

    @Test
    void aTrainerInAnotherProcessBlocksBothStartAndResumeUntilItIsKilled() throws Exception {
        Path dir = tmp.resolve("run");
        try (Trainer t = Trainer.start(TrainerTest.mlpOnRing(dir, 20), TrainerTest.ring8())) {
            t.train(TrainingListener.NONE);
        }
        Path fresh = tmp.resolve("fresh");
        Process holder = hold(dir);
        Process freshHolder = hold(fresh);
        try {
            String by = "another gan4j process (pid " + holder.pid() + ")";
            assertRefused(dir, by, assertThrows(BadInputException.class,
                    () -> Trainer.resume(dir, TrainerTest.ring8(), TrainConfig.builder().steps(40).build())));
            assertRefused(dir, by, assertThrows(BadInputException.class,
                    () -> Trainer.start(TrainerTest.mlpOnRing(dir, 20), TrainerTest.ring8())));
            assertRefused(fresh, "another gan4j process (pid " + freshHolder.pid() + ")", assertThrows(BadInputException.class,
                    () -> Trainer.start(TrainerTest.mlpOnRing(fresh, 20), TrainerTest.ring8())));
            assertFalse(Files.exists(fresh.resolve("config.json")), "a refused start writes nothing");
            assertEquals(20, MetricsLog.read(dir.resolve("metrics.csv")).size(), "the refused resume left the rows alone");
        } finally {
            holder.destroyForcibly();
            freshHolder.destroyForcibly();
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS) && freshHolder.waitFor(30, TimeUnit.SECONDS));
        }
        // kill -9 leaves the lock file, but the kernel dropped the lock with the process
        assertTrue(Files.isRegularFile(dir.resolve(".lock")));
        try (Trainer t = Trainer.resume(dir, TrainerTest.ring8(), TrainConfig.builder().steps(40).build())) {
            assertEquals(20, t.step());
            t.train(TrainingListener.NONE);
        }
        assertEquals(40, MetricsLog.read(dir.resolve("metrics.csv")).size());
        try (Trainer t = Trainer.start(TrainerTest.mlpOnRing(fresh, 2), TrainerTest.ring8())) {
            t.train(TrainingListener.NONE);
        }
    }

    /** A child JVM holding {@code dir}'s lock (it has said so when this returns). */
    private static Process hold(Path dir) throws IOException {
        Process p = new ProcessBuilder(ChildProcessMain.command("hold", dir.toString())).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertEquals("locked", line);
        return p;
    }

    /** What another process finds: {@code held} or {@code free}. */
    private static String probe(Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(ChildProcessMain.command("probe", dir.toString())).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return out;
    }
}
