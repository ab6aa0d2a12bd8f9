package org.gan4j.train;

import java.nio.file.Path;

/**
 * A {@link RunListener} by callbacks: the command line draws its progress bar from it, tests record it.
 * Implement only the callbacks needed.
 */
public interface TrainingListener extends RunListener {
    /** The run starts (or resumes) at {@code startStep} of {@code totalSteps}. */
    default void onStart(Path runDir, long startStep, long totalSteps) {
    }

    /** After every iteration, before that step's logging, sampling and checkpoint work; keep it cheap (benchmarks time steps with it). */
    default void onStep(StepStats stats) {
    }

    /** Every {@code log-every} steps, with the latest step's numbers. */
    default void onLog(StepStats stats, long totalSteps) {
    }

    /** A line worth telling the user: a checkpoint, an evaluation, a warning. */
    default void onMessage(String line) {
    }

    /** The run ended normally. */
    default void onFinish(TrainingResult result) {
    }

    @Override
    default void on(RunEvent event) {
        if (event instanceof RunEvent.RunStarted s) {
            onStart(s.runDir(), s.startStep(), s.totalSteps());
        } else if (event instanceof RunEvent.StepEnded s) {
            onStep(s.stats());
            if (s.logged()) {
                onLog(s.stats(), s.totalSteps());
            }
        } else if (event instanceof RunEvent.Message m) {
            onMessage(m.text());
        } else if (event instanceof RunEvent.Evaluated e) {
            onMessage(e.summary());
        } else if (event instanceof RunEvent.CheckpointSaved c) {
            onMessage("checkpoint at step " + c.step() + " in " + c.file());
        } else if (event instanceof RunEvent.RunEnded e) {
            onFinish(e.result());
        }
    }

    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {
    };
}
