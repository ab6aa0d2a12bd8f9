package org.gan4j.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.gan4j.io.AtomicFiles;
import org.knowm.xchart.XYChart;

/** What the pictures of this package share: writing a PNG atomically and one XChart axis quirk. */
final class Pictures {
    private Pictures() {
    }

    static void writePng(Path png, BufferedImage image) {
        AtomicFiles.write(png, tmp -> {
            if (!ImageIO.write(image, "png", tmp.toFile())) {
                throw new IOException("no PNG writer for image type " + image.getType());
            }
        });
    }

    /**
     * Sets the x range of a chart. XChart 3.8 puts a tick on every n-th x value when the values
     * are equally spaced (steps logged every k steps, histogram edges), and then its labels can
     * touch; starting the axis a hair before {@code min} breaks that equal spacing, so XChart
     * chooses its usual round ticks.
     */
    static void setXRange(XYChart chart, double min, double max) {
        chart.getStyler().setXAxisMin(min - (max - min) * 1e-6).setXAxisMax(max);
    }
}
