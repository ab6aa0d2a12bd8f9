package org.gan4j.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What happens during a run, published in order on one stream ({@link RunEvents}); sampling,
 * metrics, evaluation, checkpoints, progress and diagnostics are {@link RunListener}s of it.
 */
public sealed interface RunEvent {
    /** The run starts, or resumes at {@code startStep}; {@code scalars} are the names each step will report. */
    record RunStarted(Path runDir, long startStep, long totalSteps, List<String> scalars) implements RunEvent {
    }

    /** A step ended; {@code logged} marks the steps of the {@code log-every} cadence (and the last). */
    record StepEnded(StepStats stats, long totalSteps, boolean logged) implements RunEvent {
        public long step() {
            return stats.step();
        }

        /** Whether a cadence of {@code every} steps falls on this step; the run's last step always counts. */
        public boolean due(long every) {
            return step() % every == 0 || step() == totalSteps;
        }
    }

    /**
     * The game's {@link Game#distributions()} after a logged step, by name (D's {@code real_outputs} and
     * {@code fake_outputs}); published just before the step's {@link StepEnded}, only when a listener
     * {@link RunListener#wantsDistributions() wants it}.
     */
    record Distributions(long step, Map<String, float[]> values) implements RunEvent {
    }

    /** A picture of the fixed-noise samples was written ({@code samples}: count × features, in G's output range). */
    record SamplesWritten(long step, Path picture, float[] samples, int count) implements RunEvent {
    }

    /** Metrics of the generator were computed at {@code step} (e.g. {@code fid_fmnist}) and described in one line. */
    record Evaluated(long step, Map<String, Double> values, String summary) implements RunEvent {
    }

    /** The run's whole state after {@code step} was written to {@code file}. */
    record CheckpointSaved(long step, Path file) implements RunEvent {
    }

    /** A line worth telling the user: a warning, a note. */
    record Message(String text) implements RunEvent {
    }

    /** The run ended normally. */
    record RunEnded(TrainingResult result) implements RunEvent {
    }
}
