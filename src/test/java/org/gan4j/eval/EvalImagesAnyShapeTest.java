package org.gan4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.gan4j.BadInputException;
import org.gan4j.data.IdxFormat;
import org.gan4j.data.SampleShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The readers Inception-v3 uses keep the images' own size and colour, uncropped, channel-major. */
class EvalImagesAnyShapeTest {
    @TempDir
    Path tmp;

    @Test
    void rgbIdxAndPngFoldersReadTheSameValuesUncropped() throws Exception {
        int n = 3;
        byte[] rgb = new byte[n * 3 * 32 * 32];
        new Random(7).nextBytes(rgb);
        Path idx = tmp.resolve("s-idx3-ubyte");
        IdxFormat.writeImages(idx, rgb, n, 3, 32, 32);
        EvalImages fromIdx = EvalImages.read(idx, true);
        assertEquals(SampleShape.image(3, 32, 32), fromIdx.shape());
        assertEquals(n, fromIdx.n());
        for (int i = 0; i < rgb.length; i++) {
            assertEquals((rgb[i] & 0xff) / 255f, fromIdx.pixels()[i], 0f);
        }
        Path pngs = Files.createDirectories(tmp.resolve("pngs"));
        for (int k = 0; k < n; k++) {
            BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    int at = k * 3072 + y * 32 + x;
                    img.setRGB(x, y, (rgb[at] & 0xff) << 16 | (rgb[at + 1024] & 0xff) << 8 | (rgb[at + 2048] & 0xff));
                }
            }
            ImageIO.write(img, "png", pngs.resolve(k + ".png").toFile());
        }
        EvalImages fromPngs = EvalImages.read(pngs, true);
        assertEquals(fromIdx.shape(), fromPngs.shape());
        assertArrayEquals(fromIdx.pixels(), fromPngs.pixels());
        assertEquals(2, fromPngs.first(2).n());
        assertEquals(2 * 3072, fromPngs.first(2).pixels().length);
    }

    @Test
    void grayscaleKeepsOneChannelAndMixedSizesAreRefused() throws Exception {
        Path pngs = Files.createDirectories(tmp.resolve("mixed"));
        ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_GRAY), "png", pngs.resolve("a.png").toFile());
        assertEquals(SampleShape.image(1, 30, 40), EvalImages.read(pngs, true).shape());
        ImageIO.write(new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY), "png", pngs.resolve("b.png").toFile());
        String m = assertThrows(BadInputException.class, () -> EvalImages.read(pngs, true)).getMessage();
        assertTrue(m.contains("must share one size and colour"), m);
        Path two = tmp.resolve("two-idx3-ubyte");
        IdxFormat.writeImages(two, new byte[2 * 2 * 8 * 8], 2, 2, 8, 8);
        assertTrue(assertThrows(BadInputException.class, () -> EvalImages.read(two, true)).getMessage().contains("Inception-v3 takes 1 or 3"));
    }
}
