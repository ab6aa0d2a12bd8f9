package org.gan4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.gan4j.BadInputException;
import org.gan4j.data.IdxFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalImagesTest {
    @TempDir
    Path tmp;

    @Test
    void readsIdxBytesAsGreyLevelsOver255() {
        byte[] px = new byte[2 * 784];
        px[0] = (byte) 255;
        px[784 + 5] = (byte) 51;
        Path f = tmp.resolve("s-idx3-ubyte.gz");
        IdxFormat.writeImages(f, px, 2, 1, 28, 28);
        EvalImages im = EvalImages.read(f);
        assertEquals(2, im.n());
        assertEquals(1.0f, im.pixels()[0]);
        assertEquals(0.2f, im.pixels()[784 + 5], 1e-7);
        assertEquals(1, im.first(1).n());
        assertEquals(im, im.first(5));
    }

    @Test
    void readsPngFoldersGreyAndColourSortedByName() throws Exception {
        BufferedImage grey = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(2, 1, 0, 255);
        ImageIO.write(grey, "png", tmp.resolve("b.png").toFile());
        BufferedImage rgb = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, 0xFF0000); // luma of pure red: 0.299
        ImageIO.write(rgb, "png", tmp.resolve("a.png").toFile());
        Files.writeString(tmp.resolve("notes.txt"), "ignored");
        EvalImages im = EvalImages.read(tmp);
        assertEquals(2, im.n());
        assertEquals(0.299f, im.pixels()[0], 1e-6);            // a.png first
        assertEquals(1.0f, im.pixels()[784 + 28 + 2], 1e-7);    // b.png, (x 2, y 1)
    }

    @Test
    void samplesOfAPaddedDatasetLoseTheir2PxBorderAndSaySo() throws Exception {
        byte[] b = new byte[2 * 1024];
        for (int i = 0; i < b.length; i++) {
            int y = i % 1024 / 32;
            int x = i % 32;
            b[i] = (byte) (y < 2 || y >= 30 || x < 2 || x >= 30 ? 255 : (i / 1024) * 100 + y + x);   // a white frame
        }
        Path idx = tmp.resolve("padded-idx3-ubyte");
        IdxFormat.writeImages(idx, b, 2, 1, 32, 32);
        EvalImages im = EvalImages.read(idx);
        assertEquals(2, im.n());
        for (int i = 0; i < 2; i++) {
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    assertEquals((i * 100 + y + 2 + x + 2) / 255f, im.pixels()[i * 784 + y * 28 + x], 1e-7, i + ": " + y + "," + x);
                }
            }
        }
        assertEquals("cropped 32x32 to 28x28 (removed the 2-px border that padding the 28x28 dataset added)", im.preprocessing());
        assertEquals(im.preprocessing(), im.first(1).preprocessing());

        Path pngs = Files.createDirectories(tmp.resolve("pngs32"));
        BufferedImage framed = new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                framed.getRaster().setSample(x, y, 0, y < 2 || y >= 30 || x < 2 || x >= 30 ? 255 : y + x);
            }
        }
        ImageIO.write(framed, "png", pngs.resolve("a.png").toFile());
        EvalImages fromPng = EvalImages.read(pngs);
        assertEquals((3 + 2 + 5 + 2) / 255f, fromPng.pixels()[3 * 28 + 5], 1e-7);
        assertEquals(im.preprocessing(), fromPng.preprocessing());
        ImageIO.write(new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY), "png", pngs.resolve("b.png").toFile());
        assertTrue(assertThrows(BadInputException.class, () -> EvalImages.read(pngs)).getMessage()
                .endsWith("b.png is 28x28, the first was 32x32; a folder of samples holds images of one size"));
        assertEquals(null, EvalImages.read(idx28()).preprocessing(), "28x28 samples are taken as they are");
    }

    private Path idx28() {
        Path f = tmp.resolve("native-idx3-ubyte");
        IdxFormat.writeImages(f, new byte[784], 1, 1, 28, 28);
        return f;
    }

    @Test
    void wrongSizesEmptyFoldersAndMissingFilesAreBadInput() throws Exception {
        Path idx = tmp.resolve("big-idx3-ubyte");
        IdxFormat.writeImages(idx, new byte[2 * 30 * 30], 2, 1, 30, 30);
        BadInputException e = assertThrows(BadInputException.class, () -> EvalImages.read(idx));
        assertEquals("samples " + idx + " are 1x30x30 images; the feature networks take 1x28x28 (grayscale 28x28), or 1x32x32"
                + " of a padded 28x28 dataset, which lose their 2-px border", e.getMessage());
        Path rgb = tmp.resolve("rgb-idx3-ubyte");
        IdxFormat.writeImages(rgb, new byte[2 * 3 * 32 * 32], 2, 3, 32, 32);
        assertTrue(assertThrows(BadInputException.class, () -> EvalImages.read(rgb)).getMessage().contains("are 3x32x32 images"));

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertEquals("samples folder " + empty + " holds no .png files",
                assertThrows(BadInputException.class, () -> EvalImages.read(empty)).getMessage());

        Path pngs = Files.createDirectories(tmp.resolve("pngs"));
        ImageIO.write(new BufferedImage(30, 28, BufferedImage.TYPE_BYTE_GRAY), "png", pngs.resolve("x.png").toFile());
        assertTrue(assertThrows(BadInputException.class, () -> EvalImages.read(pngs)).getMessage()
                .contains("x.png holds 1x28x30 images; the feature networks take 1x28x28"));

        Files.writeString(pngs.resolve("x.png"), "not a png");
        assertTrue(assertThrows(BadInputException.class, () -> EvalImages.read(pngs)).getMessage().contains("is not a readable PNG"));

        assertThrows(BadInputException.class, () -> EvalImages.read(tmp.resolve("missing")));
    }

    @Test
    void subsetsAreDistinctSortedSeededAndWholeWhenLargeEnough() {
        int[] all = EvalImages.subset(5, 10, 1);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, all);
        int[] some = EvalImages.subset(1000, 100, 7);
        assertEquals(100, some.length);
        assertEquals(100, Arrays.stream(some).distinct().count());
        for (int i = 1; i < some.length; i++) {
            assertTrue(some[i - 1] < some[i]);
        }
        assertArrayEquals(some, EvalImages.subset(1000, 100, 7));
        assertTrue(!Arrays.equals(some, EvalImages.subset(1000, 100, 8)));
    }
}
