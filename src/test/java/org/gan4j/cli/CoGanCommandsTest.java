package org.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --model cogan} on tiny folder datasets: what it refuses before writing anything. */
class CoGanCommandsTest {
    @TempDir
    Path tmp;

    /** Sixteen 28×28 RGB PNGs (a coloured pixel each on the diagonal). */
    static Path tinyRgbFolder(Path dir) throws Exception {
        Files.createDirectories(dir);
        for (int i = 0; i < 16; i++) {
            BufferedImage im = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
            im.setRGB(i, i, 0xff0000 | (i * 16) << 8 | 0x40);
            ImageIO.write(im, "png", dir.resolve(String.format("%02d.png", i)).toFile());
        }
        return dir;
    }

    private static CliRun train(Path data, Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--dataset", "folder", "--data", data.toString(),
                "--steps", "2", "--batch", "4", "--width", "8", "--threads", "1", "--out", out.toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** Exit 2, one error line holding {@code expected}, no run directory; returns the line. */
    private static String assertOneLineRefusal(CliRun r, String expected, Path out) {
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
        List<String> errors = r.err().lines().filter(l -> !l.startsWith("loaded ")).toList();   // the data's own line comes first
        assertEquals(1, errors.size(), "one line: " + r.err());
        assertTrue(errors.get(0).startsWith("gan4j: error: ") && errors.get(0).contains(expected), r.toString());
        assertFalse(Files.exists(out), "no run directory for a run that cannot start: " + out);
        return errors.get(0);
    }

    @Test
    void edgesOfColourImagesAreRefusedBeforeTheRunDirectoryExists() throws Exception {
        Path rgb = tinyRgbFolder(tmp.resolve("rgb"));
        Path out = tmp.resolve("edges-run");
        CliRun r = train(rgb, out, "--model", "cogan", "--domain-b", "edges", "--image-size", "28", "--channels", "3");
        String line = assertOneLineRefusal(r, "--domain-b edges", out);
        assertEquals("gan4j: error: --domain-b edges needs grayscale images; the dataset has 3 channels", line);
    }

    @Test
    void domainBIsRefusedForAModelWithOneDomain() throws Exception {
        Path gray = CliRun.tinyImageFolder(tmp.resolve("gray"));
        Path out = tmp.resolve("dcgan-run");
        CliRun r = train(gray, out, "--model", "dcgan", "--domain-b", "negative", "--image-size", "28", "--channels", "1");
        assertOneLineRefusal(r, "'domain-b' applies only to --model cogan", out);
    }

    @Test
    void coganRefusesImagesThatAreNot28By28() throws Exception {
        Path gray = CliRun.tinyImageFolder(tmp.resolve("gray"));
        Path out = tmp.resolve("cogan-32");
        CliRun r = train(gray, out, "--model", "cogan", "--image-size", "32", "--channels", "1");
        assertOneLineRefusal(r, "model 'cogan' needs 1- or 3-channel 28x28 images", out);
    }
}
