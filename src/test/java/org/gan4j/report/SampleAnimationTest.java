package org.gan4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.gan4j.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleAnimationTest {
    @TempDir
    Path tmp;

    private void png(Path file, int w, int h, int level) throws Exception {
        ImageIO.write(GifWriterTest.gray(w, h, level), "png", file.toFile());
    }

    @Test
    void framesAreOrderedByStepNumberNotByName() throws Exception {
        Path samples = Files.createDirectories(tmp.resolve("samples"));
        for (String name : List.of("step-1000.png", "step-000250.png", "step-999.png", "step-0.png", "step-12.png")) {
            png(samples.resolve(name), 4, 4, 0);
        }
        Files.writeString(samples.resolve("notes.txt"), "not a frame");
        png(samples.resolve("step-x.png"), 4, 4, 0);
        png(samples.resolve("other-5.png"), 4, 4, 0);

        List<String> names = SampleAnimation.sampleFrames(samples).stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of("step-0.png", "step-12.png", "step-000250.png", "step-999.png", "step-1000.png"), names);
        assertEquals(250, SampleAnimation.step(samples.resolve("step-000250.png")));
    }

    @Test
    void noSampleGridsIsBadInput() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("run/samples"));
        BadInputException e = assertThrows(BadInputException.class, () -> SampleAnimation.sampleFrames(empty));
        assertTrue(e.getMessage().contains("no sample grids") && !e.getMessage().contains("\n"), e.getMessage());
        assertThrows(BadInputException.class, () -> SampleAnimation.sampleFrames(tmp.resolve("missing/samples")));
        assertThrows(BadInputException.class,
                () -> SampleAnimation.write(empty, tmp.resolve("run/samples.gif"), 200, 1500));
        assertTrue(Files.notExists(tmp.resolve("run/samples.gif")));
    }

    @Test
    void framesOfOtherSizesAreFittedToTheFirst() throws Exception {
        Path samples = Files.createDirectories(tmp.resolve("samples"));
        png(samples.resolve("step-000000.png"), 60, 40, 0);
        png(samples.resolve("step-000010.png"), 120, 80, 255); // same aspect, twice the size
        png(samples.resolve("step-000020.png"), 30, 50, 255); // other aspect: padded
        Path gif = tmp.resolve("samples.gif");

        assertEquals(3, SampleAnimation.write(samples, gif, 100, 1000));
        GifWriterTest.Gif read = GifWriterTest.Gif.read(gif);
        assertEquals(3, read.frames());
        for (int[] size : read.sizes()) {
            assertEquals(60, size[0]);
            assertEquals(40 + SampleAnimation.CAPTION_HEIGHT, size[1], "the first frame's size plus the caption band");
        }
        assertEquals(List.of(10, 10, 100), read.delays());
        assertTrue(read.loopsForever());
    }

    @Test
    void fitScalesAndPads() {
        BufferedImage tall = SampleAnimation.fit(GifWriterTest.gray(10, 40, 255), 40, 40);
        assertEquals(40, tall.getWidth());
        assertEquals(40, tall.getHeight());
        assertEquals(0xFFFFFF, tall.getRGB(20, 20) & 0xFFFFFF, "the image in the middle");
        int pad = SampleGrid.PADDING_GRAY;
        assertEquals((pad << 16) | (pad << 8) | pad, tall.getRGB(1, 20) & 0xFFFFFF, "grey padding at the side");
    }
}
