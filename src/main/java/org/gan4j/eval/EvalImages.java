package org.gan4j.eval;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.gan4j.BadInputException;
import org.gan4j.data.Dataset;
import org.gan4j.data.IdxFormat;
import org.gan4j.data.SampleShape;
import org.gan4j.nn.Classifier;

/**
 * Images to evaluate: {@code n} grayscale 28×28 images as floats in [0, 1], image after image
 * ({@code n × 784}), where they came from and how they were made 28×28. Samples written by any tool
 * are read from an IDX file (values 0–255, {@code -idx3-ubyte}, optionally gzipped) or a folder of PNGs;
 * 32×32 ones (a generator's of a padded 28×28 dataset) lose their 2-px border ({@link SampleCrop}).
 * Inception-v3 takes any size with 1 or 3 channels, uncropped: the {@code anyShape} readers keep
 * the images' own {@code shape} ({@code n × C·H·W} values, channel-major within an image).
 *
 * @param pixels        {@code n × shape.features()} values in [0, 1]; not copied
 * @param n             number of images
 * @param source        where they came from, for reports
 * @param preprocessing what was done to make them 28×28 ({@link SampleCrop#description()}), or null when they were
 * @param shape         the images' shape: 1×28×28 but for the {@code anyShape} readers
 */
public record EvalImages(float[] pixels, int n, String source, String preprocessing, SampleShape shape) {
    private static final int SIZE = Classifier.INPUT.features();

    public EvalImages {
        if (n < 1 || pixels.length != (long) n * shape.features()) {
            throw new IllegalArgumentException(n + " images of " + shape + " need " + (long) n * shape.features()
                    + " values, got " + pixels.length);
        }
    }

    /** 28×28 images made so by {@code preprocessing} (null: they came so). */
    public EvalImages(float[] pixels, int n, String source, String preprocessing) {
        this(pixels, n, source, preprocessing, Classifier.INPUT);
    }

    /** Images that were 28×28 as they came. */
    public EvalImages(float[] pixels, int n, String source) {
        this(pixels, n, source, null);
    }

    /** Reads an IDX image file, or every {@code .png} in a folder (sorted by name). */
    public static EvalImages read(Path path) {
        if (Files.isDirectory(path)) {
            return fromPngFolder(path);
        }
        if (!Files.isRegularFile(path)) {
            throw new BadInputException("samples " + path + ": no such file or folder");
        }
        return fromIdx(path);
    }

    /**
     * An IDX image file of 28×28 single-channel images (values 0–255), plain or gzipped, or of 32×32 ones,
     * which lose their 2-px border ({@link SampleCrop}).
     */
    public static EvalImages fromIdx(Path file) {
        IdxFormat.Images images = IdxFormat.readImages(file);
        SampleCrop crop = SampleCrop.of(images.shape(), "samples " + file + " are");
        byte[] b = images.pixels();
        float[] x = new float[b.length];
        for (int i = 0; i < b.length; i++) {
            x[i] = (b[i] & 0xff) / 255f;
        }
        return new EvalImages(crop.apply(x, images.count()), images.count(), file.toString(), crop.description());
    }

    /**
     * Every {@code .png} file in {@code dir} (not its sub-folders), sorted by name: each must be 28×28, or
     * every one 32×32 (then they lose their 2-px border, {@link SampleCrop}); grayscale is read as it is,
     * colour is converted to grey by luma (0.299 R + 0.587 G + 0.114 B).
     */
    public static EvalImages fromPngFolder(Path dir) {
        List<Path> files = pngs(dir);
        float[] x = new float[files.size() * SIZE];
        SampleCrop crop = null;
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            BufferedImage img;
            try {
                img = ImageIO.read(f.toFile());
            } catch (IOException e) {
                throw new BadInputException("sample " + f + " is not a readable PNG (" + e.getMessage() + ")");
            }
            if (img == null) {
                throw new BadInputException("sample " + f + " is not a readable PNG");
            }
            SampleShape shape = SampleShape.image(1, img.getHeight(), img.getWidth());
            if (crop == null) {
                crop = SampleCrop.of(shape, "sample " + f + " holds");
            } else if (!shape.equals(crop.from())) {
                throw new BadInputException("sample " + f + " is " + img.getWidth() + "x" + img.getHeight() + ", the first was "
                        + crop.from().width() + "x" + crop.from().height() + "; a folder of samples holds images of one size");
            }
            int b = crop.border();
            boolean gray = img.getColorModel().getNumColorComponents() == 1;
            for (int y = 0; y < 28; y++) {
                for (int c = 0; c < 28; c++) {
                    float v;
                    if (gray) {
                        v = img.getRaster().getSample(c + b, y + b, 0) / (float) ((1 << img.getColorModel().getComponentSize(0)) - 1);
                    } else {
                        int rgb = img.getRGB(c + b, y + b);
                        v = (0.299f * (rgb >> 16 & 0xff) + 0.587f * (rgb >> 8 & 0xff) + 0.114f * (rgb & 0xff)) / 255f;
                    }
                    x[i * SIZE + y * 28 + c] = v;
                }
            }
        }
        return new EvalImages(x, files.size(), dir.toString(), crop.description());
    }

    /**
     * {@link #read}, accepting any image size with 1 or 3 channels when {@code anyShape} (for
     * Inception-v3): an IDX file as it is, PNGs of one size each as RGB (grayscale PNGs as one channel).
     */
    public static EvalImages read(Path path, boolean anyShape) {
        if (!anyShape) {
            return read(path);
        }
        if (Files.isDirectory(path)) {
            return fromPngFolderAnyShape(path);
        }
        if (!Files.isRegularFile(path)) {
            throw new BadInputException("samples " + path + ": no such file or folder");
        }
        IdxFormat.Images images = IdxFormat.readImages(path);
        if (images.channels() != 1 && images.channels() != 3) {
            throw new BadInputException("samples " + path + " have " + images.channels() + " channels; Inception-v3 takes 1 or 3");
        }
        byte[] b = images.pixels();
        float[] x = new float[b.length];
        for (int i = 0; i < b.length; i++) {
            x[i] = (b[i] & 0xff) / 255f;
        }
        return new EvalImages(x, images.count(), path.toString(), null, SampleShape.image(images.channels(), images.height(), images.width()));
    }

    private static EvalImages fromPngFolderAnyShape(Path dir) {
        List<Path> files = pngs(dir);
        SampleShape shape = null;
        float[] x = null;
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            BufferedImage img = readPng(f);
            int c = img.getColorModel().getNumColorComponents() == 1 ? 1 : 3;
            SampleShape s = SampleShape.image(c, img.getHeight(), img.getWidth());
            if (shape == null) {
                shape = s;
                x = new float[files.size() * s.features()];
            } else if (!shape.equals(s)) {
                throw new BadInputException("sample " + f + " is " + s + " where " + files.get(0).getFileName() + " is " + shape
                        + "; the samples must share one size and colour");
            }
            int h = s.height();
            int w = s.width();
            int base = i * s.features();
            for (int y = 0; y < h; y++) {
                for (int col = 0; col < w; col++) {
                    if (c == 1) {
                        x[base + y * w + col] = img.getRaster().getSample(col, y, 0) / (float) ((1 << img.getColorModel().getComponentSize(0)) - 1);
                    } else {
                        int rgb = img.getRGB(col, y);
                        x[base + y * w + col] = (rgb >> 16 & 0xff) / 255f;
                        x[base + h * w + y * w + col] = (rgb >> 8 & 0xff) / 255f;
                        x[base + 2 * h * w + y * w + col] = (rgb & 0xff) / 255f;
                    }
                }
            }
        }
        return new EvalImages(x, files.size(), dir.toString(), null, shape);
    }

    private static List<Path> pngs(Path dir) {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new BadInputException("samples folder " + dir + " cannot be listed (" + e.getMessage() + ")");
        }
        if (files.isEmpty()) {
            throw new BadInputException("samples folder " + dir + " holds no .png files");
        }
        return files;
    }

    private static BufferedImage readPng(Path f) {
        BufferedImage img;
        try {
            img = ImageIO.read(f.toFile());
        } catch (IOException e) {
            throw new BadInputException("sample " + f + " is not a readable PNG (" + e.getMessage() + ")");
        }
        if (img == null) {
            throw new BadInputException("sample " + f + " is not a readable PNG");
        }
        return img;
    }

    /**
     * {@code n} images of a dataset as {@link #fromDataset(Dataset, int, long)} draws them, of any
     * image shape when {@code anyShape} (Inception-v3), else grayscale 28×28 only.
     */
    public static EvalImages fromDataset(Dataset data, int n, long seed, boolean anyShape) {
        if (!anyShape) {
            return fromDataset(data, n, seed);
        }
        SampleShape shape = data.shape();
        if (!shape.image() || (shape.channels() != 1 && shape.channels() != 3)) {
            throw new BadInputException(data.name() + " holds " + shape + " samples; Inception-v3 takes images of 1 or 3 channels");
        }
        int[] idx = subset(data.size(), n, seed);
        int size = shape.features();
        float[] x = new float[idx.length * size];
        for (int i = 0; i < idx.length; i++) {
            data.copyTo(idx[i], x, i * size);
        }
        return new EvalImages(x, idx.length, data.name(), null, shape);
    }

    /**
     * {@code n} images of a dataset: all of them in order when {@code n} is its size, otherwise a
     * uniform subset without replacement drawn with {@code seed}, in index order.
     */
    public static EvalImages fromDataset(Dataset data, int n, long seed) {
        Classifier.checkInput(data.shape());
        int[] idx = subset(data.size(), n, seed);
        float[] x = new float[idx.length * SIZE];
        for (int i = 0; i < idx.length; i++) {
            data.copyTo(idx[i], x, i * SIZE);
        }
        return new EvalImages(x, idx.length, data.name());
    }

    /** The first {@code m} images (all when {@code m >= n}). */
    public EvalImages first(int m) {
        if (m >= n) {
            return this;
        }
        return new EvalImages(java.util.Arrays.copyOf(pixels, m * shape.features()), m, source + " (first " + m + ")", preprocessing, shape);
    }

    /** {@code min(n, size)} distinct indices in [0, size), ascending: all when n >= size, else seeded. */
    public static int[] subset(int size, int n, long seed) {
        int m = Math.min(n, size);
        int[] p = new int[size];
        for (int i = 0; i < size; i++) {
            p[i] = i;
        }
        if (m < size) {
            SplittableRandom rng = new SplittableRandom(seed);
            for (int i = 0; i < m; i++) {
                int j = i + rng.nextInt(size - i);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
        }
        int[] out = java.util.Arrays.copyOf(p, m);
        java.util.Arrays.sort(out);
        return out;
    }
}
