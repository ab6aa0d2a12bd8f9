package org.gan4j.data;

/**
 * A finite, in-memory set of samples, read by index. Images are given in [0, 1] (the trainer
 * rescales them to the generator's output range while assembling a batch); points of the synthetic
 * distributions are given as they are.
 *
 * <p>Implementations keep their samples on the Java heap (bytes for images) so that batches are
 * assembled in bulk without a native call per sample.
 */
public interface Dataset {
    /** Name and split, e.g. {@code fashion-mnist/train}, used in logs and provenance. */
    String name();

    SampleShape shape();

    int size();

    /** Number of classes, 0 when the samples carry no labels. */
    int numClasses();

    /** Class of sample {@code index}, or -1 when the dataset is unlabelled. */
    int label(int index);

    /** Copies sample {@code index} ({@link SampleShape#features()} values, C×H×W order) into {@code dst} at {@code offset}. */
    void copyTo(int index, float[] dst, int offset);

    /** SHA-256 (hex) of the dataset's content, recorded in a run's provenance. */
    String digest();
}
