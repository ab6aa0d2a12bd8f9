package org.gan4j.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import javax.imageio.ImageIO;

import org.gan4j.data.SampleShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleGridTest {
    @TempDir
    Path dir;

    @Test
    void gridSizeFollowsCountAndColumns() {
        SampleShape shape = SampleShape.image(1, 4, 5);
        // 4x5 tiles are enlarged to reach 32 px: ceil(32 / 5) = 7
        assertEquals(7, SampleGrid.scale(shape));
        BufferedImage image = SampleGrid.render(new float[7 * 20], 7, shape, 0f, 1f, 3);
        // 3 columns, 3 rows
        assertEquals(7 * (3 * (5 + 2) + 2), image.getWidth());
        assertEquals(7 * (3 * (4 + 2) + 2), image.getHeight());

        BufferedImage square = SampleGrid.render(new float[10 * 20], 10, shape, 0f, 1f, 0);
        // default columns ceil(sqrt(10)) = 4, rows 3
        assertEquals(7 * (4 * 7 + 2), square.getWidth());
        assertEquals(7 * (3 * 6 + 2), square.getHeight());
    }

    @Test
    void mnistTilesAreDoubledAndLargeTilesAreNot() {
        assertEquals(2, SampleGrid.scale(SampleShape.image(1, 28, 28)));
        assertEquals(1, SampleGrid.scale(SampleShape.image(3, 32, 32)));
        assertEquals(1, SampleGrid.scale(SampleShape.image(3, 64, 64)));
        BufferedImage image = SampleGrid.render(new float[64 * 784], 64, SampleShape.image(1, 28, 28), -1f, 1f, 0);
        assertEquals(2 * (8 * 30 + 2), image.getWidth());
        assertEquals(2 * (8 * 30 + 2), image.getHeight());
    }

    @Test
    void highIsWhiteLowIsBlackAndPaddingIsGrey() {
        SampleShape shape = SampleShape.image(1, 32, 32); // scale 1
        int f = shape.features();
        float[] samples = new float[3 * f];
        Arrays.fill(samples, 0, f, 1f);        // sample 0: all high
        Arrays.fill(samples, f, 2 * f, -1f);   // sample 1: all low
        Arrays.fill(samples, 2 * f, 3 * f, 0f); // sample 2: middle
        BufferedImage image = SampleGrid.render(samples, 3, shape, -1f, 1f, 2);
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, image.getType());
        Raster r = image.getRaster();
        assertEquals(2 * 34 + 2, image.getWidth());
        assertEquals(2 * 34 + 2, image.getHeight());

        // tile 0 at (2, 2)..(33, 33), tile 1 at (36, 2), tile 2 at (2, 36)
        assertTile(r, 2, 2, 32, 255);
        assertTile(r, 36, 2, 32, 0);
        assertTile(r, 2, 36, 32, 128); // (0 + 1) / 2 * 255 = 127.5 rounds to 128
        // padding: the frame, the gap between tiles, and the empty fourth cell
        for (int y = 0; y < image.getHeight(); y++) {
            assertEquals(SampleGrid.PADDING_GRAY, r.getSample(0, y, 0));
            assertEquals(SampleGrid.PADDING_GRAY, r.getSample(1, y, 0));
            assertEquals(SampleGrid.PADDING_GRAY, r.getSample(34, y, 0));
            assertEquals(SampleGrid.PADDING_GRAY, r.getSample(35, y, 0));
        }
        for (int x = 0; x < image.getWidth(); x++) {
            assertEquals(SampleGrid.PADDING_GRAY, r.getSample(x, 34, 0));
            assertEquals(SampleGrid.PADDING_GRAY, r.getSample(x, 69, 0));
        }
        assertTile(r, 36, 36, 32, SampleGrid.PADDING_GRAY);
    }

    /**
     * Pairs alternate rows: image i of a right above image i of b. 3 pairs in 2 columns: a0 a1 / b0 b1 / a2 _ / b2 _,
     * the cells a short last pair of rows lacks left as padding. Pair i is drawn as grey level 10i (a) and 10i + 5 (b).
     */
    @Test
    void pairsAlternateRowsWithEachBRightBelowItsA() {
        SampleShape shape = SampleShape.image(1, 32, 32); // scale 1
        int f = shape.features();
        float[] a = new float[3 * f];
        float[] b = new float[3 * f];
        for (int i = 0; i < 3; i++) {
            Arrays.fill(a, i * f, (i + 1) * f, 10 * i);
            Arrays.fill(b, i * f, (i + 1) * f, 10 * i + 5);
        }
        BufferedImage image = SampleGrid.renderPairs(a, b, 3, shape, 0f, 255f, 2);
        assertEquals(2 * 34 + 2, image.getWidth());
        assertEquals(4 * 34 + 2, image.getHeight());
        Raster r = image.getRaster();
        assertTile(r, 2, 2, 32, 0);
        assertTile(r, 36, 2, 32, 10);
        assertTile(r, 2, 36, 32, 5);
        assertTile(r, 36, 36, 32, 15);
        assertTile(r, 2, 70, 32, 20);
        assertTile(r, 2, 104, 32, 25);
        assertTile(r, 36, 70, 32, SampleGrid.PADDING_GRAY);
        assertTile(r, 36, 104, 32, SampleGrid.PADDING_GRAY);

        BufferedImage wide = SampleGrid.renderPairs(new float[20 * 784], new float[20 * 784], 20, SampleShape.image(1, 28, 28), -1f, 1f, 0);
        assertEquals(2 * (8 * 30 + 2), wide.getWidth(), "eight pairs to a pair of rows unless told");
        assertEquals(2 * (6 * 30 + 2), wide.getHeight(), "20 pairs: three pairs of rows");
        assertThrows(IllegalArgumentException.class, () -> SampleGrid.renderPairs(new float[f], new float[f - 1], 1, shape, 0f, 1f, 0));
    }

    @Test
    void pixelsArePlacedRowMajorAndEnlargedByNearestNeighbour() {
        SampleShape shape = SampleShape.image(1, 2, 2); // scale 16
        int s = SampleGrid.scale(shape);
        assertEquals(16, s);
        float[] samples = {0f, 1f, 1f, 0f};
        BufferedImage image = SampleGrid.render(samples, 1, shape, 0f, 1f, 0);
        assertEquals(s * 6, image.getWidth());
        Raster r = image.getRaster();
        // grid pixel (2 + x, 2 + y) covers image pixels s*(2+x) .. s*(3+x) - 1
        assertEquals(0, r.getSample(2 * s, 2 * s, 0));
        assertEquals(0, r.getSample(3 * s - 1, 3 * s - 1, 0));
        assertEquals(255, r.getSample(3 * s, 2 * s, 0));
        assertEquals(255, r.getSample(4 * s - 1, 3 * s - 1, 0));
        assertEquals(255, r.getSample(2 * s, 3 * s, 0));
        assertEquals(0, r.getSample(3 * s, 3 * s, 0));
        assertEquals(SampleGrid.PADDING_GRAY, r.getSample(2 * s - 1, 2 * s, 0));
        assertEquals(SampleGrid.PADDING_GRAY, r.getSample(4 * s, 4 * s - 1, 0));
    }

    @Test
    void rgbChannelsArePlanarInRedGreenBlueOrder() {
        SampleShape shape = SampleShape.image(3, 32, 32);
        int plane = 32 * 32;
        float[] samples = new float[2 * 3 * plane];
        Arrays.fill(samples, 0, plane, 1f);                           // sample 0: pure red
        Arrays.fill(samples, 3 * plane + 2 * plane, 6 * plane, 1f);   // sample 1: pure blue
        BufferedImage image = SampleGrid.render(samples, 2, shape, 0f, 1f, 0);
        assertEquals(BufferedImage.TYPE_INT_RGB, image.getType());
        assertEquals(2 * 34 + 2, image.getWidth());
        assertEquals(34 + 2, image.getHeight());
        assertEquals(0xFF0000, image.getRGB(2, 2) & 0xFFFFFF);
        assertEquals(0xFF0000, image.getRGB(33, 33) & 0xFFFFFF);
        assertEquals(0x0000FF, image.getRGB(36, 2) & 0xFFFFFF);
        assertEquals(0x808080, image.getRGB(34, 10) & 0xFFFFFF);
    }

    @Test
    void toUint8RoundsAndClamps() {
        SampleShape shape = SampleShape.vector(9);
        float[] v = {-2f, -1f, -0.999f, 0f, 0.5f, 1f, 1.5f, Float.NaN, 0.003f};
        byte[] b = SampleGrid.toUint8(v, 1, shape, -1f, 1f);
        int[] unsigned = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            unsigned[i] = b[i] & 0xFF;
        }
        // -0.999 -> 0.1275 -> 0; 0 -> 127.5 -> 128; 0.5 -> 191.25 -> 191; 0.003 -> 127.88 -> 128
        assertArrayEquals(new int[] {0, 0, 0, 128, 191, 255, 255, 0, 128}, unsigned);

        // [0, 1] range: 1/255 steps land exactly, just under/over half a step round both ways
        float[] w = {0f, 1f / 255f, 1.49f / 255f, 1.51f / 255f, 254.49f / 255f, 254.51f / 255f, 1f};
        byte[] c = SampleGrid.toUint8(w, 7, SampleShape.vector(1), 0f, 1f);
        int[] cu = new int[c.length];
        for (int i = 0; i < c.length; i++) {
            cu[i] = c[i] & 0xFF;
        }
        assertArrayEquals(new int[] {0, 1, 1, 2, 254, 255, 255}, cu);
    }

    @Test
    void toUint8KeepsSampleOrderAndIgnoresExtraValues() {
        SampleShape shape = SampleShape.image(1, 1, 2);
        byte[] b = SampleGrid.toUint8(new float[] {0f, 1f, 1f, 0f, 0.5f}, 2, shape, 0f, 1f);
        assertEquals(4, b.length);
        assertEquals(0, b[0] & 0xFF);
        assertEquals(255, b[1] & 0xFF);
        assertEquals(255, b[2] & 0xFF);
        assertEquals(0, b[3] & 0xFF);
    }

    @Test
    void badArgumentsAreRefused() {
        SampleShape shape = SampleShape.image(1, 2, 2);
        assertThrows(IllegalArgumentException.class, () -> SampleGrid.render(new float[7], 2, shape, 0f, 1f, 0));
        assertThrows(IllegalArgumentException.class, () -> SampleGrid.render(new float[8], 2, shape, 1f, 1f, 0));
        assertThrows(IllegalArgumentException.class, () -> SampleGrid.render(new float[8], 0, shape, 0f, 1f, 0));
        assertThrows(IllegalArgumentException.class,
                () -> SampleGrid.render(new float[8], 1, SampleShape.image(2, 2, 2), 0f, 1f, 0));
        assertThrows(IllegalArgumentException.class,
                () -> SampleGrid.render(new float[8], 4, SampleShape.vector(2), 0f, 1f, 0));
    }

    @Test
    void writesAReadablePngOfTheGrid() throws IOException {
        SampleShape shape = SampleShape.image(1, 28, 28);
        float[] samples = new float[16 * 784];
        Random random = new Random(1);
        for (int i = 0; i < samples.length; i++) {
            samples[i] = random.nextFloat() * 2 - 1;
        }
        Path png = dir.resolve("samples/step_100.png");
        SampleGrid.write(png, samples, 16, shape, -1f, 1f, 0);
        BufferedImage back = ImageIO.read(png.toFile());
        BufferedImage expected = SampleGrid.render(samples, 16, shape, -1f, 1f, 0);
        assertEquals(expected.getWidth(), back.getWidth());
        assertEquals(expected.getHeight(), back.getHeight());
        for (int y = 0; y < back.getHeight(); y += 7) {
            for (int x = 0; x < back.getWidth(); x += 5) {
                assertEquals(expected.getRaster().getSample(x, y, 0), back.getRaster().getSample(x, y, 0));
            }
        }
        try (var files = Files.list(png.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void pointsAreHandedToAPointPlot() throws IOException {
        float[] points = new float[2 * 50];
        Random random = new Random(5);
        for (int i = 0; i < points.length; i++) {
            points[i] = (float) random.nextGaussian();
        }
        Path scatter = dir.resolve("alone.png");
        SampleGrid.write(scatter, points, 50, SampleShape.vector(2), -1f, 1f, 0);
        assertEquals(PointPlot.SCATTER_SIZE, ImageIO.read(scatter.toFile()).getWidth());
        Path histogram = dir.resolve("hist-alone.png");
        SampleGrid.write(histogram, points, 100, SampleShape.vector(1), 0f, 1f, 0);
        assertEquals(PointPlot.HISTOGRAM_WIDTH, ImageIO.read(histogram.toFile()).getWidth());
    }

    private static void assertTile(Raster r, int x0, int y0, int size, int value) {
        for (int y = y0; y < y0 + size; y++) {
            for (int x = x0; x < x0 + size; x++) {
                assertEquals(value, r.getSample(x, y, 0), "pixel (" + x + ", " + y + ")");
            }
        }
    }
}
