package org.gan4j.train;

import org.gan4j.data.Batch;
import org.gan4j.data.BatchLoader;

/**
 * The run's real batches in order, and where the stream stands (what a checkpoint records to
 * continue it): the epoch and the index within it of the next batch.
 */
public final class DataStream {
    private final BatchLoader loader;
    private long epoch;
    private int batchInEpoch;

    DataStream(BatchLoader loader, long epoch, int batchInEpoch) {
        this.loader = loader;
        this.epoch = epoch;
        this.batchInEpoch = batchInEpoch;
    }

    /** The next batch (scaled into G's output range). */
    public Batch next() {
        Batch batch = loader.next();
        epoch = batch.epoch();
        batchInEpoch = batch.batchInEpoch() + 1;
        return batch;
    }

    long epoch() {
        return epoch;
    }

    int batchInEpoch() {
        return batchInEpoch;
    }
}
