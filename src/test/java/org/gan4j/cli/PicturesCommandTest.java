package org.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.gan4j.report.SampleAnimation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gan4j animate} and {@code gan4j interpolate}, end to end on a tiny image run. */
class PicturesCommandTest {
    @TempDir
    Path tmp;

    private static int gifFrames(Path gif) throws Exception {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            return reader.getNumImages(true);
        } finally {
            reader.dispose();
        }
    }

    private static void assertBadInput(CliRun r) {
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
        assertTrue(r.firstErrorLine().startsWith("gan4j: error: "), r.toString());
        assertTrue(!r.err().contains("\tat "), r.toString());
    }

    @Test
    void animateAndInterpolateATinyImageRun() throws Exception {
        Path images = CliRun.tinyImageFolder(tmp.resolve("images"));
        Path run = tmp.resolve("run");
        CliRun train = CliRun.of("train", "--model", "mlp", "--dataset", "folder", "--data", images.toString(),
                "--image-size", "28", "--channels", "1", "--steps", "6", "--batch", "8", "--width", "16",
                "--latent-dim", "8", "--sample-every", "2", "--out", run.toString(), "--threads", "1");
        assertEquals(ExitCodes.OK, train.exitCode(), train.toString());
        int grids = SampleAnimation.sampleFrames(run.resolve("samples")).size();
        assertTrue(grids >= 3, grids + " sample grids");

        CliRun animate = CliRun.of("animate", "--run", run.toString(), "--delay-ms", "100");
        assertEquals(ExitCodes.OK, animate.exitCode(), animate.toString());
        Path gif = run.resolve("samples.gif");
        assertEquals(grids, gifFrames(gif));
        BufferedImage first = ImageIO.read(gif.toFile());
        BufferedImage grid = ImageIO.read(run.resolve("samples/step-000000.png").toFile());
        assertEquals(grid.getWidth(), first.getWidth());

        Path walk = tmp.resolve("walk.png");
        for (String mode : List.of("linear", "slerp")) {
            CliRun interpolate = CliRun.of("interpolate", "--run", run.toString(), "--steps", "5", "--rows", "3",
                    "--mode", mode, "--seed", "9", "--out", walk.toString(), "--threads", "1");
            assertEquals(ExitCodes.OK, interpolate.exitCode(), interpolate.toString());
            BufferedImage picture = ImageIO.read(walk.toFile());
            assertEquals(2 * (5 * (28 + 2) + 2), picture.getWidth(), "5 columns of 28x28 tiles, doubled");
            assertEquals(2 * (3 * (28 + 2) + 2), picture.getHeight(), "3 rows");
        }

        assertBadInput(CliRun.of("interpolate", "--run", run.toString(), "--mode", "cubic", "--out", walk.toString()));
        assertBadInput(CliRun.of("interpolate", "--run", run.toString(), "--steps", "1", "--out", walk.toString()));
        assertBadInput(CliRun.of("animate", "--run", run.toString(), "--out", tmp.resolve("x.png").toString()));
    }

    @Test
    void animateWithoutSamplesAndInterpolateOnAToyRunAreBadInput() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        CliRun none = CliRun.of("animate", "--run", empty.toString());
        assertBadInput(none);
        assertTrue(none.firstErrorLine().contains("no sample grids"), none.toString());
        assertTrue(Files.notExists(empty.resolve("samples.gif")));

        Path toy = tmp.resolve("toy");
        CliRun train = CliRun.of("train", "--model", "mlp", "--dataset", "ring8", "--steps", "2", "--batch", "16",
                "--width", "8", "--latent-dim", "4", "--out", toy.toString(), "--threads", "1");
        assertEquals(ExitCodes.OK, train.exitCode(), train.toString());
        CliRun walk = CliRun.of("interpolate", "--run", toy.toString(), "--out", tmp.resolve("w.png").toString());
        assertBadInput(walk);
        assertTrue(walk.firstErrorLine().contains("image run"), walk.toString());
        assertTrue(Files.notExists(tmp.resolve("w.png")));
    }
}
