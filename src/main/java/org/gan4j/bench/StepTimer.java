package org.gan4j.bench;

import org.gan4j.train.StepStats;
import org.gan4j.train.TrainingListener;

/**
 * Timestamps every training iteration through the trainer's per-step callback. The time between
 * two consecutive callbacks is one iteration as a user gets it: the step and the per-step work
 * after it (the metrics row, a log flush every {@code log-every} steps).
 */
final class StepTimer implements TrainingListener {
    private final long[] stamps;
    private long firstStep = -1;
    private int count;

    /** @param steps iterations the run will take */
    StepTimer(long steps) {
        this.stamps = new long[Math.toIntExact(steps) + 1];
    }

    @Override
    public void onStart(java.nio.file.Path runDir, long startStep, long totalSteps) {
        firstStep = startStep;
        stamps[0] = System.nanoTime(); // only used with no warm-up: iteration 1 then includes the start-up work
    }

    /** Stamps the end of every iteration. */
    @Override
    public void onStep(StepStats stats) {
        stamps[(int) (stats.step() - firstStep)] = System.nanoTime();
        count++;
    }

    /** Stamps the end of the next iteration, for a loop that is not the trainer (started with {@link #onStart}). */
    void stamp() {
        count++;
        stamps[count] = System.nanoTime();
    }

    /** Nanoseconds per iteration for iterations {@code from + 1 ... to} (1-based step numbers after the start). */
    double[] iterationNanos(int from, int to) {
        requireComplete(to);
        double[] d = new double[to - from];
        for (int i = from; i < to; i++) {
            d[i - from] = stamps[i + 1] - stamps[i];
        }
        return d;
    }

    /** Nanoseconds from the end of iteration {@code from} to the end of iteration {@code to}. */
    long elapsedNanos(int from, int to) {
        requireComplete(to);
        return stamps[to] - stamps[from];
    }

    private void requireComplete(int to) {
        if (count < to) {
            throw new IllegalStateException("the trainer reported " + count + " of " + to
                    + " steps to TrainingListener.onStep; benchmarks need a callback after every iteration");
        }
    }
}
