package org.gan4j.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossPlotTest {
    @TempDir
    Path dir;

    @Test
    void writesTwoPanelsFromASmallCsv() throws IOException {
        Path csv = dir.resolve("metrics.csv");
        writeRun(csv, List.of(), 50, 20);
        Path png = dir.resolve("losses.png");
        assertTrue(LossPlot.write(csv, png));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(LossPlot.WIDTH, image.getWidth());
        assertEquals(2 * LossPlot.PANEL_HEIGHT, image.getHeight());
    }

    @Test
    void addsAnFidPanelWhenThereAreFidValues() throws IOException {
        Path csv = dir.resolve("metrics.csv");
        writeRun(csv, List.of("fid"), 30, 10);
        Path png = dir.resolve("losses.png");
        assertTrue(LossPlot.write(csv, png));
        assertEquals(3 * LossPlot.PANEL_HEIGHT, ImageIO.read(png.toFile()).getHeight());

        // the columns gan4j train --eval-every writes: one FID panel, KID is not drawn
        Path named = dir.resolve("named.csv");
        writeRun(named, List.of("fid_fmnist", "kid_fmnist"), 30, 10);
        assertTrue(LossPlot.write(named, png));
        assertEquals(3 * LossPlot.PANEL_HEIGHT, ImageIO.read(png.toFile()).getHeight());

        // an fid column with nothing in it yet draws no panel
        Path empty = dir.resolve("nofid.csv");
        try (MetricsLog log = MetricsLog.open(empty, List.of("fid"), -1)) {
            log.append(1, 1, 1, 0.5, 0.5, 1, 1, 1, Double.NaN);
            log.append(2, 1, 1, 0.5, 0.5, 1, 1, 1, Double.NaN);
        }
        assertTrue(LossPlot.write(empty, png));
        assertEquals(2 * LossPlot.PANEL_HEIGHT, ImageIO.read(png.toFile()).getHeight());
    }

    @Test
    void manyRowsAreSmoothedAndStillPlotted() throws IOException {
        Path csv = dir.resolve("metrics.csv");
        writeRun(csv, List.of(), 5000, 1);
        Path png = dir.resolve("losses.png");
        assertTrue(LossPlot.write(csv, png));
        assertEquals(LossPlot.WIDTH, ImageIO.read(png.toFile()).getWidth());
    }

    @Test
    void anEmptyCsvWritesNothing() {
        Path csv = dir.resolve("metrics.csv");
        MetricsLog.open(csv, List.of(), -1).close();
        Path png = dir.resolve("losses.png");
        assertFalse(LossPlot.write(csv, png));
        assertFalse(Files.exists(png));
    }

    @Test
    void movingAverageIsCentredAndShrinksAtTheEnds() {
        double[] out = LossPlot.movingAverage(new double[] {0, 3, 6, 9, 12}, 3);
        assertArrayEquals(new double[] {1.5, 3, 6, 9, 10.5}, out, 1e-12);
    }

    /** A made-up run whose losses settle and whose D outputs approach 1/2. */
    static void writeRun(Path csv, List<String> extra, int rows, long every) {
        Random random = new Random(7);
        try (MetricsLog log = MetricsLog.open(csv, extra, -1)) {
            for (int i = 0; i < rows; i++) {
                double t = (double) i / rows;
                double dReal = 0.5 + 0.4 * Math.exp(-4 * t) + 0.05 * random.nextGaussian();
                double dFake = 0.5 - 0.4 * Math.exp(-4 * t) + 0.05 * random.nextGaussian();
                double[] values = new double[7 + extra.size()];
                values[0] = 1.386 + 0.6 * Math.exp(-3 * t) * random.nextDouble();
                values[1] = 0.693 + 2.0 * Math.exp(-3 * t) + 0.2 * random.nextGaussian();
                values[2] = Math.min(1, Math.max(0, dReal));
                values[3] = Math.min(1, Math.max(0, dFake));
                values[4] = 2 + random.nextDouble();
                values[5] = 1 + random.nextDouble();
                values[6] = 900 + 50 * random.nextGaussian();
                for (int k = 7; k < values.length; k++) {
                    values[k] = i % 5 == 0 ? 150 * Math.exp(-3 * t) + 20 : Double.NaN;
                }
                log.append(i * every, values);
            }
        }
    }
}
