package org.gan4j.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
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
    void theAdversarialColumnsPlanTheSamePanelsAsEver() throws IOException {
        Path csv = dir.resolve("metrics.csv");
        writeRun(csv, List.of("fid_fmnist", "kid_fmnist"), 30, 10);
        List<LossPlot.Panel> plan = LossPlot.plan(MetricsLog.read(csv));
        assertEquals(List.of(LossPlot.Group.LOSSES, LossPlot.Group.OUTPUTS, LossPlot.Group.FID),
                plan.stream().map(LossPlot.Panel::group).toList());
        assertEquals(List.of("d_loss", "g_loss"), plan.get(0).columns());
        assertEquals(List.of("D loss", "G loss"), labels(plan.get(0)));
        assertEquals(new Color(31, 119, 180), plan.get(0).series().get(0).colour());
        assertEquals(new Color(255, 127, 14), plan.get(0).series().get(1).colour());
        assertEquals(List.of("D(x), real", "D(G(z)), generated"), labels(plan.get(1)));
        assertEquals(new Color(44, 160, 44), plan.get(1).series().get(0).colour());
        assertEquals(new Color(214, 39, 40), plan.get(1).series().get(1).colour());
        assertTrue(plan.get(1).unitRange(), "outputs of a BCE loss lie in [0, 1]");
        assertEquals(List.of("fid-fmnist"), labels(plan.get(2)));
        assertEquals("Fréchet distance with the fmnist feature network (lower is better)", plan.get(2).title());
        assertEquals(new Color(148, 103, 189), plan.get(2).series().get(0).colour());

        // gradient norms and KID are known, and drawn when asked for
        List<LossPlot.Panel> all = LossPlot.plan(MetricsLog.read(csv), EnumSet.allOf(LossPlot.Group.class));
        assertEquals(List.of(LossPlot.Group.LOSSES, LossPlot.Group.OUTPUTS, LossPlot.Group.GRADIENT_NORMS,
                LossPlot.Group.FID, LossPlot.Group.KID), all.stream().map(LossPlot.Panel::group).toList());
        assertEquals(List.of("D gradient norm", "G gradient norm"), labels(all.get(2)));
        assertEquals(5 * LossPlot.PANEL_HEIGHT,
                LossPlot.render(MetricsLog.read(csv), EnumSet.allOf(LossPlot.Group.class)).getHeight());
    }

    @Test
    void aCriticsScoresGetTheirOwnRange() throws IOException {
        Path csv = dir.resolve("metrics.csv");
        try (MetricsLog log = MetricsLog.open(csv, List.of(), -1)) {
            log.append(1, 0.1, -0.2, 3.5, -2.0, 1, 1, 100);
            log.append(2, 0.1, -0.2, 3.0, -1.5, 1, 1, 100);
        }
        assertFalse(LossPlot.plan(MetricsLog.read(csv)).get(1).unitRange());
    }

    @Test
    void aSuperResolutionGamesLossesShareThePanelOfLosses() throws IOException {
        Path csv = dir.resolve("metrics.csv");
        List<String> scalars = List.of("d_loss", "g_loss", "content_loss", "pixel_loss", "images_per_s");
        try (MetricsLog log = MetricsLog.open(csv, scalars, List.of(), -1)) {
            for (int i = 0; i < 40; i++) {
                double t = i / 40.0;
                log.append(10L * i, 1.3 - 0.2 * t, 2 - t, 0.05 * Math.exp(-3 * t), 0.02 * Math.exp(-2 * t), 500);
            }
        }
        List<LossPlot.Panel> plan = LossPlot.plan(MetricsLog.read(csv));
        assertEquals(1, plan.size(), plan.toString());
        assertEquals(List.of("d_loss", "g_loss", "content_loss", "pixel_loss"), plan.get(0).columns());
        assertEquals(List.of("D loss", "G loss", "content loss", "pixel loss"), labels(plan.get(0)));
        assertEquals(4, plan.get(0).series().stream().map(LossPlot.Series::colour).distinct().count());

        Path png = dir.resolve("losses.png");
        assertTrue(LossPlot.write(csv, png));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(LossPlot.WIDTH, image.getWidth());
        assertEquals(LossPlot.PANEL_HEIGHT, image.getHeight());
    }

    @Test
    void aCoupledGameGetsFourOutputsAndItsPairAgreement() throws IOException {
        Path csv = dir.resolve("metrics.csv");
        List<String> scalars = List.of("d_loss", "g_loss", "d_real_a", "d_fake_a", "d_real_b", "d_fake_b",
                "pair_mae", "pair_agree", "grad_norm_d", "grad_norm_g", "images_per_s");
        Random random = new Random(3);
        try (MetricsLog log = MetricsLog.open(csv, scalars, List.of("info_mi"), -1)) {
            for (int i = 0; i < 60; i++) {
                double t = i / 60.0;
                double settle = Math.exp(-4 * t);
                log.append(5L * i, 1.2 + 0.1 * random.nextGaussian(), 1.5 - 0.5 * t,
                        0.5 + 0.4 * settle, 0.5 - 0.4 * settle, 0.5 + 0.3 * settle, 0.5 - 0.3 * settle,
                        0.3 * settle + 0.05, 1 - 0.8 * settle, 2 + random.nextDouble(), 1 + random.nextDouble(), 700,
                        i % 10 == 0 ? 0.5 * t : Double.NaN);
            }
        }
        List<LossPlot.Panel> plan = LossPlot.plan(MetricsLog.read(csv));
        assertEquals(List.of(LossPlot.Group.LOSSES, LossPlot.Group.OUTPUTS, LossPlot.Group.PAIR, LossPlot.Group.OTHER),
                plan.stream().map(LossPlot.Panel::group).toList());
        assertEquals(List.of("d_real_a", "d_fake_a", "d_real_b", "d_fake_b"), plan.get(1).columns());
        assertEquals(List.of("D(x), real (a)", "D(G(z)), generated (a)", "D(x), real (b)", "D(G(z)), generated (b)"),
                labels(plan.get(1)));
        assertEquals(4, plan.get(1).series().stream().map(LossPlot.Series::colour).distinct().count());
        assertTrue(plan.get(1).unitRange());
        assertEquals(List.of("pair_mae", "pair_agree"), plan.get(2).columns());
        assertTrue(plan.get(2).unitRange());
        assertEquals(List.of("info_mi"), plan.get(3).columns(), "a scalar of no known group is still drawn");

        Path png = dir.resolve("losses.png");
        assertTrue(LossPlot.write(csv, png));
        assertEquals(4 * LossPlot.PANEL_HEIGHT, ImageIO.read(png.toFile()).getHeight());
    }

    private static List<String> labels(LossPlot.Panel panel) {
        return panel.series().stream().map(LossPlot.Series::label).toList();
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
