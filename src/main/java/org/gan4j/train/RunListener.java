package org.gan4j.train;

/**
 * Receives a run's {@link RunEvent}s. Listeners of an event are called in {@link Stage} order, so
 * a step's evaluation is measured before its metrics row is recorded, and that row is on disk
 * before the checkpoint of the step is written.
 */
public interface RunListener {
    /** When a listener sees an event relative to others. */
    enum Stage {
        /** Computes more about the step (evaluation); may publish events. */
        MEASURE,
        /** Records it (metrics.csv). */
        RECORD,
        /** Persists state (sample grids, checkpoints). */
        PERSIST,
        /** Looks on (progress, diagnostics, dashboards). */
        OBSERVE
    }

    void on(RunEvent event);

    default Stage stage() {
        return Stage.OBSERVE;
    }

    /**
     * Whether this listener reads {@link RunEvent.Distributions}: the trainer has the game copy them out
     * on logged steps only when some listener does, so a run without one does no extra work.
     */
    default boolean wantsDistributions() {
        return false;
    }
}
