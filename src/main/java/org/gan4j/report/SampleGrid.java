package org.gan4j.report;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.nio.file.Path;

import org.gan4j.data.SampleShape;

/**
 * Grids of generated images, the way a GAN run is judged by eye.
 *
 * <p>Images become one grid of tiles (as {@code torchvision.utils.make_grid} does): the samples
 * are given as a flat array of {@code count × shape.features()} floats, each sample planar
 * (channel, row, column); a value {@code low} maps to 0 and {@code high} to 255, values outside
 * are clamped and NaN becomes 0. One channel gives a grayscale PNG, three an RGB one. Tiles are
 * separated, and the grid is framed, by {@value #PADDING} pixels of {@link #PADDING_GRAY} grey.
 * Tiles smaller than {@value #MIN_TILE} pixels (28×28 MNIST digits) are enlarged by a whole
 * factor (nearest neighbour) so the picture stays readable. {@link #toUint8} quantises samples the
 * same way for files that store bytes.
 *
 * <p>Points of a low-dimensional distribution (ring8, grid25, gauss1d) make no sense as a grid:
 * they are drawn by {@link PointPlot}, to which {@link #write} hands samples of a non-image shape.
 *
 * <p>Everything here draws into off-screen images and works with {@code java.awt.headless=true}.
 */
public final class SampleGrid {
    /** Pixels between two tiles and around the grid, before any enlargement. */
    public static final int PADDING = 2;
    /** Grey level (0..255) of the padding. */
    public static final int PADDING_GRAY = 128;
    /** Tiles smaller than this (in both directions) are enlarged until they reach it. */
    public static final int MIN_TILE = 32;
    /** Pairs per pair of rows in {@link #renderPairs} unless told: eight, as a coupled run's training grid. */
    public static final int PAIR_COLUMNS = 8;
    private SampleGrid() {
    }

    /**
     * Renders image samples as one grid of tiles.
     *
     * @param samples {@code count × shape.features()} values (or more; the rest is ignored),
     *                each sample planar C×H×W
     * @param count   samples to draw, at least 1
     * @param shape   an image shape with 1 (grayscale) or 3 (RGB) channels
     * @param low     value drawn as 0 (black)
     * @param high    value drawn as 255 (white); must be greater than {@code low}
     * @param columns tiles per row; {@code <= 0} means {@code ceil(sqrt(count))}
     * @return a {@link BufferedImage#TYPE_BYTE_GRAY} image for one channel,
     *         {@link BufferedImage#TYPE_INT_RGB} for three, of size
     *         {@code scale × (columns × (W + PADDING) + PADDING)} by
     *         {@code scale × (rows × (H + PADDING) + PADDING)}, {@code scale = } {@link #scale}
     */
    public static BufferedImage render(float[] samples, int count, SampleShape shape, float low, float high,
            int columns) {
        checkSamples(samples, count, shape, low, high);
        int cols = columns(count, columns);
        int[] cells = new int[count];
        for (int n = 0; n < count; n++) {
            cells[n] = n;
        }
        return draw(samples, count, shape, low, high, cols, (count + cols - 1) / cols, cells);
    }

    /**
     * Renders pairs of images, such as a coupled GAN's two domains of the same z, in rows that alternate:
     * {@code columns} images of {@code a}, below them the {@code b} of the same indices, then the next
     * {@code columns} of {@code a}, and so on, so image i of {@code a} sits right above image i of
     * {@code b}. A last, shorter pair of rows leaves its remaining cells as padding.
     *
     * @param a       {@code count × shape.features()} values, each image planar C×H×W
     * @param b       the other image of each pair, likewise
     * @param columns pairs per pair of rows; {@code <= 0} means {@code min(count, 8)}
     * @return as {@link #render}, with {@code 2 × ceil(count / columns)} rows
     */
    public static BufferedImage renderPairs(float[] a, float[] b, int count, SampleShape shape, float low, float high,
            int columns) {
        checkSamples(a, count, shape, low, high);
        checkSamples(b, count, shape, low, high);
        int cols = columns > 0 ? columns : Math.min(count, PAIR_COLUMNS);
        int features = shape.features();
        float[] both = new float[2 * count * features];
        System.arraycopy(a, 0, both, 0, count * features);
        System.arraycopy(b, 0, both, count * features, count * features);
        int[] cells = new int[2 * count];
        for (int n = 0; n < count; n++) {
            int cell = 2 * (n / cols) * cols + n % cols;
            cells[n] = cell;                 // a's image in the upper row of its pair of rows
            cells[count + n] = cell + cols;  // b's right below it
        }
        return draw(both, 2 * count, shape, low, high, cols, 2 * ((count + cols - 1) / cols), cells);
    }

    /** {@link #renderPairs}, written to {@code png} (atomically). */
    public static void writePairs(Path png, float[] a, float[] b, int count, SampleShape shape, float low, float high,
            int columns) {
        if (!shape.image()) {
            throw new IllegalArgumentException("cannot render " + shape + " samples as a grid of pairs");
        }
        Pictures.writePng(png, renderPairs(a, b, count, shape, low, high, columns));
    }

    /** Sample n drawn into grid cell {@code cells[n]} (row-major over {@code cols} columns) of a grid of {@code rows} rows. */
    private static BufferedImage draw(float[] samples, int count, SampleShape shape, float low, float high, int cols,
            int rows, int[] cells) {
        if (!shape.image()) {
            throw new IllegalArgumentException("cannot render " + shape + " samples as a grid; use write()");
        }
        int channels = shape.channels();
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("a sample grid needs 1 or 3 channels, not " + channels);
        }
        int h = shape.height();
        int w = shape.width();
        int scale = scale(shape);
        int width = scale * (cols * (w + PADDING) + PADDING);
        int height = scale * (rows * (h + PADDING) + PADDING);
        int plane = h * w;
        int features = shape.features();

        BufferedImage image = new BufferedImage(width, height,
                channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        WritableRaster raster = image.getRaster();
        int[] padding = new int[channels];
        java.util.Arrays.fill(padding, PADDING_GRAY);
        fill(raster, width, height, padding);
        int[] pixel = new int[channels];
        for (int n = 0; n < count; n++) {
            int x0 = PADDING + (cells[n] % cols) * (w + PADDING);
            int y0 = PADDING + (cells[n] / cols) * (h + PADDING);
            int base = n * features;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int offset = base + y * w + x;
                    for (int c = 0; c < channels; c++) {      // planar C×H×W: channel c is plane c
                        pixel[c] = toByte(samples[offset + c * plane], low, high);
                    }
                    paint(raster, x0 + x, y0 + y, scale, pixel);
                }
            }
        }
        return image;
    }

    /**
     * Writes a picture of the samples to {@code png} (atomically): a grid for image shapes (see
     * {@link #render}), a scatter plot for 2-D points, a histogram for 1-D points, without real data
     * (see {@link PointPlot#write}; {@code low}, {@code high} and {@code columns} are then unused, and
     * points of more than two dimensions are drawn by their first two coordinates).
     */
    public static void write(Path png, float[] samples, int count, SampleShape shape, float low, float high,
            int columns) {
        if (shape.image()) {
            BufferedImage image = render(samples, count, shape, low, high, columns);
            Pictures.writePng(png, image);
        } else {
            String title = count + " generated samples";
            PointPlot.write(png, samples, count, shape.features(), null, 0, title);
        }
    }

    /**
     * Quantises samples to bytes, {@code count × shape.features()} of them in the samples' own
     * order (N×C×H×W for images, as an IDX file stores them): {@code low} gives 0, {@code high}
     * 255, values in between are rounded to the nearest level, values outside are clamped, NaN
     * gives 0. Read a result as unsigned ({@code b & 0xFF}).
     */
    public static byte[] toUint8(float[] samples, int count, SampleShape shape, float low, float high) {
        checkSamples(samples, count, shape, low, high);
        int n = Math.multiplyExact(count, shape.features());
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) toByte(samples[i], low, high);
        }
        return bytes;
    }

    /** Whole-number enlargement of a grid of {@code shape} tiles: 2 for 28×28, 1 from 32×32 up. */
    public static int scale(SampleShape shape) {
        int side = Math.max(shape.height(), shape.width());
        return side >= MIN_TILE ? 1 : (MIN_TILE + side - 1) / side;
    }

    /** Tiles per row of a grid of {@code count} samples: {@code columns}, or {@code ceil(sqrt(count))} when it is {@code <= 0}. */
    public static int columns(int count, int columns) {
        if (columns > 0) {
            return columns;
        }
        int c = (int) Math.ceil(Math.sqrt(count));
        return Math.max(1, c);
    }

    static int toByte(float value, float low, float high) {
        float scaled = (value - low) / (high - low) * 255f;
        if (!(scaled > 0f)) { // also NaN
            return 0;
        }
        if (scaled >= 255f) {
            return 255;
        }
        return Math.round(scaled);
    }

    private static void checkSamples(float[] samples, int count, SampleShape shape, float low, float high) {
        if (count < 1) {
            throw new IllegalArgumentException("need at least one sample, got " + count);
        }
        long needed = (long) count * shape.features();
        if (samples.length < needed) {
            throw new IllegalArgumentException(count + " samples of " + shape + " need " + needed
                    + " values, got " + samples.length);
        }
        if (!(high > low) || !Float.isFinite(low) || !Float.isFinite(high)) {
            throw new IllegalArgumentException("value range must be finite with low < high, got [" + low + ", "
                    + high + "]");
        }
    }

    private static void fill(WritableRaster raster, int width, int height, int[] pixel) {
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, pixel);
            }
        }
    }

    /** Paints the unscaled grid pixel (x, y) as a {@code scale × scale} block. */
    private static void paint(WritableRaster raster, int x, int y, int scale, int[] pixel) {
        for (int dy = 0; dy < scale; dy++) {
            for (int dx = 0; dx < scale; dx++) {
                raster.setPixel(x * scale + dx, y * scale + dy, pixel);
            }
        }
    }
}
