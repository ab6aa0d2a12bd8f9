package org.gan4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

import javax.imageio.ImageIO;

import org.gan4j.data.SampleShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PointPlotTest {
    @TempDir
    Path dir;

    @Test
    void twoDimensionalPointsBecomeAScatterPlot() throws IOException {
        float[] ring = ring8(400, new Random(2), 0.02f);
        float[] generated = ring8(300, new Random(3), 0.3f);
        generated[0] = 50f; // far outside the reference range: not drawn, counted in the title
        Path png = dir.resolve("points.png");
        PointPlot.write(png, generated, 300, 2, ring, 400, "ring8, step 1000");
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image);
        assertEquals(PointPlot.SCATTER_SIZE, image.getWidth());
        assertEquals(PointPlot.SCATTER_SIZE, image.getHeight());
        assertTrue(hasColour(image), "the generated points are coloured");

        Path alone = dir.resolve("alone.png");
        SampleGrid.write(alone, generated, 300, SampleShape.vector(2), -1f, 1f, 0);
        assertEquals(PointPlot.SCATTER_SIZE, ImageIO.read(alone.toFile()).getWidth());
    }

    @Test
    void oneDimensionalPointsBecomeAHistogram() throws IOException {
        Random random = new Random(4);
        float[] real = new float[2000];
        float[] generated = new float[500];
        for (int i = 0; i < real.length; i++) {
            real[i] = (float) (3 + 0.5 * random.nextGaussian());
        }
        for (int i = 0; i < generated.length; i++) {
            generated[i] = (float) (2.5 + 0.8 * random.nextGaussian());
        }
        Path png = dir.resolve("hist.png");
        PointPlot.write(png, generated, generated.length, 1, real, real.length, "gauss1d");
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(PointPlot.HISTOGRAM_WIDTH, image.getWidth());
        assertEquals(PointPlot.HISTOGRAM_HEIGHT, image.getHeight());
        assertTrue(hasColour(image));

        Path alone = dir.resolve("hist-alone.png");
        SampleGrid.write(alone, generated, generated.length, SampleShape.vector(1), 0f, 1f, 0);
        assertEquals(PointPlot.HISTOGRAM_WIDTH, ImageIO.read(alone.toFile()).getWidth());
    }

    private static float[] ring8(int n, Random random, float noise) {
        float[] points = new float[2 * n];
        for (int i = 0; i < n; i++) {
            double angle = 2 * Math.PI * random.nextInt(8) / 8;
            points[2 * i] = (float) (2 * Math.cos(angle) + noise * random.nextGaussian());
            points[2 * i + 1] = (float) (2 * Math.sin(angle) + noise * random.nextGaussian());
        }
        return points;
    }

    private static boolean hasColour(BufferedImage image) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int b = rgb & 0xFF;
                if (b - r > 60) {
                    return true;
                }
            }
        }
        return false;
    }
}
