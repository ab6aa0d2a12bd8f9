package org.gan4j.train;

import java.nio.file.Path;

/** Receives a run's progress: the command line draws a progress bar from it; tests may record it. */
public interface TrainingListener {
    /** The run starts (or resumes) at {@code startStep} of {@code totalSteps}. */
    default void onStart(Path runDir, long startStep, long totalSteps) {
    }

    /** After every iteration, before that step's logging, sampling and checkpoint work; keep it cheap (benchmarks time steps with it). */
    default void onStep(StepStats stats) {
    }

    /** Every {@code log-every} steps, with the latest step's numbers. */
    default void onLog(StepStats stats, long totalSteps) {
    }

    /** A line worth telling the user: a checkpoint, a warning. */
    default void onMessage(String line) {
    }

    /** The run ended normally. */
    default void onFinish(TrainingResult result) {
    }

    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {
    };

}
