package org.gan4j.data;

import java.nio.file.Path;
import java.security.MessageDigest;
import org.gan4j.BadInputException;

/**
 * An image dataset held as unsigned bytes ({@code N×C×H×W}) with optional byte labels, as read
 * from IDX files. Keeping bytes rather than floats uses a quarter of the memory (47 MB instead of
 * 188 MB for MNIST's training split); {@link #copyTo} converts one sample at a time.
 */
public final class IdxDataset extends AbstractDataset {
    /** b / 255 for every byte value, so {@link #copyTo} is a table lookup per pixel. */
    private static final float[] UNIT = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            UNIT[i] = i / 255f;
        }
    }

    private final byte[] pixels;
    /** The labels as read (digested as they are), or null. */
    private final byte[] labelBytes;

    /**
     * @param name   name and split, e.g. {@code mnist/train}
     * @param pixels {@code size × shape.features()} bytes, C×H×W order per sample; not copied
     * @param size   number of samples
     * @param shape  shape of one image
     * @param labels one class byte per sample, or null when unlabelled; not copied
     */
    public IdxDataset(String name, byte[] pixels, int size, SampleShape shape, byte[] labels) {
        this(name, pixels, size, shape, labels, numClasses(labels));
    }

    private IdxDataset(String name, byte[] pixels, int size, SampleShape shape, byte[] labels, int numClasses) {
        super(name, shape, checkedSize(name, pixels, size, shape, labels), unsigned(labels), numClasses);
        this.pixels = pixels;
        this.labelBytes = labels;
    }

    /**
     * What the files of a named dataset must hold.
     *
     * @param dataset the dataset's name, for messages ({@code fashion-mnist})
     * @param shape   the shape of every image (1x28x28 for MNIST and Fashion-MNIST)
     * @param classes the number of classes; labels must lie in {@code 0 .. classes-1}
     */
    public record Layout(String dataset, SampleShape shape, int classes) {
        public Layout {
            if (classes < 1 || classes > 256) {
                throw new IllegalArgumentException("classes must be 1..256: " + classes);
            }
        }
    }

    /**
     * A dataset of {@code classes} classes whatever its labels hold (a class may be missing from a
     * small split); the caller has checked that every label lies below {@code classes}.
     */
    static IdxDataset withClasses(String name, byte[] pixels, int size, SampleShape shape, byte[] labels, int classes) {
        return new IdxDataset(name, pixels, size, shape, labels, classes);
    }

    private static int checkedSize(String name, byte[] pixels, int size, SampleShape shape, byte[] labels) {
        if (size < 1) {
            throw new IllegalArgumentException(name + ": a dataset needs at least one sample");
        }
        if ((long) size * shape.features() != pixels.length) {
            throw new IllegalArgumentException(name + ": " + pixels.length + " pixel bytes do not hold " + size + " images of " + shape);
        }
        if (labels != null && labels.length != size) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels for " + size + " images");
        }
        return size;
    }

    private static int[] unsigned(byte[] labels) {
        if (labels == null) {
            return null;
        }
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = labels[i] & 0xff;
        }
        return out;
    }

    /** Largest label + 1, or 0 without labels. */
    private static int numClasses(byte[] labels) {
        int max = -1;
        if (labels != null) {
            for (byte b : labels) {
                max = Math.max(max, b & 0xff);
            }
        }
        return max + 1;
    }

    /**
     * Reads an images file and, when {@code labelsFile} is not null, its labels file, checking that
     * both describe the same number of samples.
     */
    public static IdxDataset read(String name, Path imagesFile, Path labelsFile) {
        IdxFormat.Images images = IdxFormat.readImages(imagesFile);
        byte[] labels = null;
        if (labelsFile != null) {
            labels = IdxFormat.readLabels(labelsFile);
            if (labels.length != images.count()) {
                throw new BadInputException("image/label count mismatch: " + imagesFile + " holds " + images.count()
                        + " images but " + labelsFile + " holds " + labels.length + " labels");
            }
        }
        return new IdxDataset(name, images.pixels(), images.count(), images.shape(), labels);
    }

    /**
     * Reads a named dataset's pair of files and checks them against its {@code layout}: every image
     * has the layout's shape and every label lies in {@code 0 .. classes-1}. A copy of the wrong
     * dataset, or a corrupted labels file, would otherwise train without complaint (labels become
     * embedding indices; a 32x32 file would silently change the network). The dataset has
     * {@code layout.classes()} classes even when a class happens to be missing from the labels.
     *
     * @throws BadInputException naming the file and what is wrong with it
     */
    public static IdxDataset read(String name, Path imagesFile, Path labelsFile, Layout layout) {
        IdxFormat.Images images = IdxFormat.readImages(imagesFile);
        SampleShape expected = layout.shape();
        if (!images.shape().equals(expected)) {
            throw IdxFormat.fail(imagesFile, "images are " + hwc(images.shape()) + " (height x width x channels), but "
                    + layout.dataset() + "'s are " + hwc(expected)
                    + "; for other images use --dataset folder --data DIR (a directory of PNG or JPEG images)");
        }
        byte[] labels = null;
        if (labelsFile != null) {
            labels = IdxFormat.readLabels(labelsFile);
            if (labels.length != images.count()) {
                throw new BadInputException("image/label count mismatch: " + imagesFile + " holds " + images.count()
                        + " images but " + labelsFile + " holds " + labels.length + " labels");
            }
            int bad = firstLabelOutside(labels, layout.classes());
            if (bad >= 0) {
                throw IdxFormat.fail(labelsFile, "the label at index " + bad + " is " + (labels[bad] & 0xff) + ", but "
                        + layout.dataset() + "'s classes are 0-" + (layout.classes() - 1));
            }
        }
        return new IdxDataset(name, images.pixels(), images.count(), images.shape(), labels,
                labels == null ? 0 : layout.classes());
    }

    /** The index of the first label that is not below {@code classes}, or -1 when all are. */
    static int firstLabelOutside(byte[] labels, int classes) {
        for (int i = 0; i < labels.length; i++) {
            if ((labels[i] & 0xff) >= classes) {
                return i;
            }
        }
        return -1;
    }

    /** {@code 28x28x1}: the way image sizes are usually written. */
    private static String hwc(SampleShape s) {
        return s.height() + "x" + s.width() + "x" + s.channels();
    }

    @Override
    public void copyTo(int index, float[] dst, int offset) {
        java.util.Objects.checkIndex(index, size());
        int n = shape().features();
        int from = index * n;
        for (int i = 0; i < n; i++) {
            dst[offset + i] = UNIT[pixels[from + i] & 0xff];
        }
    }

    /** The image bytes followed by the label bytes. */
    @Override
    protected void digestContent(MessageDigest sha) {
        sha.update(pixels);
        if (labelBytes != null) {
            sha.update(labelBytes);
        }
    }
}
