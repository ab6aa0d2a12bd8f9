package org.gan4j.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gan4j.BadInputException;
import org.gan4j.config.TrainConfig;
import org.gan4j.data.Dataset;

/**
 * A second process for the tests of run directories ({@link RunLockTest}, {@link KilledRunTest}):
 * <ul>
 *   <li>{@code hold DIR} takes the run directory's lock, prints {@code locked} and keeps it until its
 *       stdin closes (or it is killed);</li>
 *   <li>{@code probe DIR} prints {@code free} or {@code held} and exits;</li>
 *   <li>{@code train DIR STEPS STOP} starts {@link TrainerTest#mlpOnRing} for STEPS steps, prints
 *       {@code at STOP} once step STOP's row is on disk and then waits to be killed;</li>
 *   <li>{@code train-progan DIR DATA STEPS STOP} the same for {@link ProGanRuns#builder} on the image folder DATA.</li>
 * </ul>
 */
public final class ChildProcessMain {
    private ChildProcessMain() {
    }

    /** The command line of a child JVM on this test's class path running {@code args}. */
    static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData", "-Xmx256m", "-cp", System.getProperty("java.class.path"), ChildProcessMain.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    public static void main(String[] args) {
        RunDirectory run = new RunDirectory(Path.of(args[1]));
        if (args[0].equals("train")) {
            train(run.root(), Long.parseLong(args[2]), Long.parseLong(args[3]));
            return;
        }
        if (args[0].equals("train-progan")) {
            TrainConfig config = ProGanRuns.builder(run.root(), Path.of(args[2]), Long.parseLong(args[3])).build();
            train(config, ProGanRuns.open(config), Long.parseLong(args[4]));
            return;
        }
        if (args[0].equals("probe")) {
            try (RunLock lock = RunLock.acquire(run)) {
                System.out.println("free");
            } catch (BadInputException e) {
                System.out.println("held");
            }
            return;
        }
        try (RunLock lock = RunLock.acquire(run)) {
            System.out.println("locked");
            System.out.flush();
            waitForEndOfInput();
        }
    }

    private static void train(Path dir, long steps, long stop) {
        train(TrainerTest.mlpOnRing(dir, steps), TrainerTest.ring8(), stop);
    }

    private static void train(TrainConfig config, Dataset data, long stop) {
        try (Trainer t = Trainer.start(config, data)) {
            t.train(new TrainingListener() {
                @Override
                public void onStep(StepStats stats) {
                    if (stats.step() == stop) {   // observers come after metrics.csv's recorder: the row is flushed
                        System.out.println("at " + stop);
                        System.out.flush();
                        waitForEndOfInput();
                        Runtime.getRuntime().halt(3);   // the parent was to kill us: never finish the run
                    }
                }
            });
        }
    }

    private static void waitForEndOfInput() {
        try {
            while (System.in.read() >= 0) {
                // hold until the parent closes our stdin or kills us
            }
        } catch (IOException e) {
            // the parent went away
        }
    }
}
