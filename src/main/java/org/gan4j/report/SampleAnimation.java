package org.gan4j.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.gan4j.BadInputException;

/**
 * A run's fixed-noise sample grids ({@code samples/step-NNNNNN.png}) as one animated GIF: the
 * frames in step order, each captioned with its step, scaled (keeping the aspect ratio) and padded
 * to the size of the first, the last one held longer (see {@link GifWriter}).
 */
public final class SampleAnimation {
    /** Default time each frame is shown, in milliseconds. */
    public static final int DEFAULT_DELAY_MS = 200;
    /** Default time the last frame is held, in milliseconds. */
    public static final int DEFAULT_LAST_DELAY_MS = 1500;
    /** Height of the caption band above each frame, in pixels. */
    static final int CAPTION_HEIGHT = 18;

    private static final Pattern STEP = Pattern.compile("step-(\\d+)\\.png");
    private static final Color BACKGROUND = new Color(SampleGrid.PADDING_GRAY, SampleGrid.PADDING_GRAY,
            SampleGrid.PADDING_GRAY);

    private SampleAnimation() {
    }

    /**
     * The sample grids {@code step-N.png} in {@code samplesDir}, ordered by step number (not by
     * name, so {@code step-1000} follows {@code step-999} whatever the zero padding).
     *
     * @throws BadInputException when the directory is missing or holds no sample grid
     */
    public static List<Path> sampleFrames(Path samplesDir) {
        if (!Files.isDirectory(samplesDir)) {
            throw new BadInputException("no sample grids: " + samplesDir + " does not exist (is it a gan4j image run?)");
        }
        List<Path> frames;
        try (Stream<Path> files = Files.list(samplesDir)) {
            frames = files.filter(p -> STEP.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p))
                    .sorted(Comparator.comparingLong(SampleAnimation::step).thenComparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + samplesDir + ": " + e.getMessage(), e);
        }
        if (frames.isEmpty()) {
            throw new BadInputException("no sample grids (step-*.png) in " + samplesDir);
        }
        return frames;
    }

    /** The step number in a name {@code step-N.png}. */
    public static long step(Path png) {
        Matcher m = STEP.matcher(png.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a sample grid name: " + png.getFileName());
        }
        String digits = m.group(1);
        return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
    }

    /**
     * Writes the animation of the grids in {@code samplesDir} to {@code gif} (atomically).
     *
     * @return the number of frames
     * @throws BadInputException when there is no sample grid, or one cannot be read
     */
    public static int write(Path samplesDir, Path gif, int delayMs, int lastDelayMs) {
        List<Path> pngs = sampleFrames(samplesDir);
        List<BufferedImage> frames = new ArrayList<>(pngs.size());
        int width = 0;
        int height = 0;
        for (Path png : pngs) {
            BufferedImage image = read(png);
            if (frames.isEmpty()) {
                width = image.getWidth();
                height = image.getHeight();
            }
            frames.add(captioned(fit(image, width, height), String.format(Locale.ROOT, "step %d", step(png))));
        }
        GifWriter.write(gif, frames, delayMs, lastDelayMs);
        return frames.size();
    }

    private static BufferedImage read(Path png) {
        try {
            BufferedImage image = ImageIO.read(png.toFile());
            if (image == null) {
                throw new BadInputException("cannot read " + png + ": not an image");
            }
            return image;
        } catch (IOException e) {
            throw new BadInputException("cannot read " + png + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code image} scaled to fit {@code width × height} keeping its aspect ratio and centred on a
     * grey background; an RGB image of exactly that size.
     */
    static BufferedImage fit(BufferedImage image, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, width, height);
            double s = Math.min((double) width / image.getWidth(), (double) height / image.getHeight());
            int w = Math.max(1, (int) Math.round(image.getWidth() * s));
            int h = Math.max(1, (int) Math.round(image.getHeight() * s));
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, (width - w) / 2, (height - h) / 2, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** {@code image} under a white band holding {@code caption} in black. */
    static BufferedImage captioned(BufferedImage image, String caption) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight() + CAPTION_HEIGHT,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), CAPTION_HEIGHT);
            g.drawImage(image, 0, CAPTION_HEIGHT, null);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            g.setColor(Color.BLACK);
            FontMetrics fm = g.getFontMetrics();
            int y = (CAPTION_HEIGHT - fm.getHeight()) / 2 + fm.getAscent();
            g.drawString(caption, 4, y);
        } finally {
            g.dispose();
        }
        return out;
    }
}
