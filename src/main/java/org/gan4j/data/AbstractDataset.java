package org.gan4j.data;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What the in-memory datasets share: name, shape, size, optional labels and the SHA-256 digest,
 * computed on first use and then cached. A subclass stores its samples, copies them out
 * ({@link #copyTo}) and says which bytes the digest covers ({@link #digestContent}).
 */
public abstract class AbstractDataset implements Dataset {
    private final String name;
    private final SampleShape shape;
    private final int size;
    private final int[] labels;
    private final int numClasses;
    private String digest;

    /**
     * @param labels     one class per sample, or null when unlabelled; not copied
     * @param numClasses number of classes (0 when unlabelled); may exceed the largest label + 1
     */
    protected AbstractDataset(String name, SampleShape shape, int size, int[] labels, int numClasses) {
        if (labels != null && labels.length != size) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels for " + size + " samples");
        }
        this.name = name;
        this.shape = shape;
        this.size = size;
        this.labels = labels;
        this.numClasses = numClasses;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final SampleShape shape() {
        return shape;
    }

    @Override
    public final int size() {
        return size;
    }

    @Override
    public final int numClasses() {
        return numClasses;
    }

    @Override
    public final int label(int index) {
        Objects.checkIndex(index, size);
        return labels == null ? -1 : labels[index];
    }

    /** The labels (not a copy), or null when unlabelled. */
    protected final int[] labels() {
        return labels;
    }

    /** SHA-256 (hex) of the bytes that {@link #digestContent} feeds; computed on first use, then cached. */
    @Override
    public final synchronized String digest() {
        if (digest == null) {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                digestContent(sha);
                digest = HexFormat.of().formatHex(sha.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
        }
        return digest;
    }

    /** Feeds the dataset's content to {@code sha}, in an order that defines the digest (keep it stable). */
    protected abstract void digestContent(MessageDigest sha);

    /** Feeds {@code values} as 4-byte big-endian ints. */
    protected static void updateInts(MessageDigest sha, int[] values) {
        ByteBuffer buf = ByteBuffer.allocate(4 * values.length);
        buf.asIntBuffer().put(values);
        sha.update(buf);
    }

    @Override
    public String toString() {
        return name + " (" + size + " x " + shape + (numClasses > 0 ? ", " + numClasses + " classes" : "") + ")";
    }
}
