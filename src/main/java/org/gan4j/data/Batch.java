package org.gan4j.data;

/**
 * A batch of samples ready to be copied into a tensor, with its place in the data stream.
 *
 * <p>The arrays belong to this batch alone: the loader never writes into a batch it has handed out.
 * Being a record of arrays, {@code equals} compares array identity, not content.
 *
 * @param data         {@code size} samples, one after the other, each {@link SampleShape#features()} values
 *                     (C×H×W order for images), already rescaled by the loader
 * @param labels       class of each sample, or null when the dataset is unlabelled
 * @param size         number of samples
 * @param epoch        epoch the batch belongs to (0-based)
 * @param batchInEpoch position of the batch within its epoch (0-based)
 */
public record Batch(float[] data, int[] labels, int size, long epoch, int batchInEpoch) {
    public Batch {
        if (size < 1 || data.length % size != 0) {
            throw new IllegalArgumentException("batch of " + size + " samples cannot hold " + data.length + " values");
        }
        if (labels != null && labels.length != size) {
            throw new IllegalArgumentException("batch of " + size + " samples has " + labels.length + " labels");
        }
    }

    /** Values per sample. */
    public int features() {
        return data.length / size;
    }
}
