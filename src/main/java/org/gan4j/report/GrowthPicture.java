package org.gan4j.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The picture of a progressive run's growth: one row per resolution, each the same fixed-noise samples at the end
 * of that resolution's phase (upscaled to the target side), labelled on the left with the resolution; the rows
 * are separate PNGs (so a resumed run keeps the rows it already made) and this stacks them.
 */
public final class GrowthPicture {
    /** Width of the label column, pixels. */
    static final int LABEL = 64;

    private GrowthPicture() {
    }

    /** A row: the grid of {@code count} samples in one row, as {@link SampleGrid#write} draws it. */
    public static void writeRow(Path png, float[] samples, int count, org.gan4j.data.SampleShape shape, float low, float high) {
        SampleGrid.write(png, samples, count, shape, low, high, count);
    }

    /**
     * Stacks {@code rows} (PNG rows, top to bottom) into {@code png}, each labelled with its entry of {@code labels}.
     */
    public static void write(Path png, List<Path> rows, List<String> labels) {
        if (rows.isEmpty() || rows.size() != labels.size()) {
            throw new IllegalArgumentException("one label per row, and at least one row");
        }
        BufferedImage[] images = new BufferedImage[rows.size()];
        int width = 0;
        int height = 0;
        for (int i = 0; i < images.length; i++) {
            try {
                images[i] = ImageIO.read(rows.get(i).toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read growth row " + rows.get(i), e);
            }
            if (images[i] == null) {
                throw new IllegalStateException("growth row " + rows.get(i) + " is not an image");
            }
            width = Math.max(width, images[i].getWidth());
            height += images[i].getHeight();
        }
        BufferedImage out = new BufferedImage(LABEL + width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(new Color(SampleGrid.PADDING_GRAY, SampleGrid.PADDING_GRAY, SampleGrid.PADDING_GRAY));
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.setColor(Color.WHITE);
            int y = 0;
            for (int i = 0; i < images.length; i++) {
                g.drawImage(images[i], LABEL, y, null);
                g.drawString(labels.get(i), 8, y + images[i].getHeight() / 2 + 5);
                y += images[i].getHeight();
            }
        } finally {
            g.dispose();
        }
        Pictures.writePng(png, out);
    }
}
