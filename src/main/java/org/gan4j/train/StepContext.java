package org.gan4j.train;

import org.gan4j.engine.ComputeDevice;

/**
 * What a game step receives.
 *
 * @param step       the step under way, counted from 0 (libtorch's generator is seeded from (seed, step) before it)
 * @param totalSteps the run's length
 * @param data       the real batches
 * @param device     where the step computes
 * @param sigma      σ_t of instance noise for this step (0 when off)
 * @param distributions whether the game keeps what {@link Game#distributions()} returns after this step (a logged
 *                   step of a run with a listener that wants them); otherwise it copies nothing
 */
public record StepContext(long step, long totalSteps, DataStream data, ComputeDevice device, double sigma,
                          boolean distributions) {
    /** A step that keeps no distributions. */
    public StepContext(long step, long totalSteps, DataStream data, ComputeDevice device, double sigma) {
        this(step, totalSteps, data, device, sigma, false);
    }
}
