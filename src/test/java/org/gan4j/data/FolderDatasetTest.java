package org.gan4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.IntBinaryOperator;
import javax.imageio.ImageIO;
import org.gan4j.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderDatasetTest {
    private static final float ONE_LEVEL = 1f / 255f + 1e-6f;

    @TempDir
    Path dir;

    private final List<String> messages = new ArrayList<>();

    private DatasetRequest request(int size, int channels) {
        return DatasetRequest.of("folder").withDataDir(dir).withImage(size, channels).withMessages(messages::add);
    }

    /** Writes an RGB image whose pixel (x, y) is {@code rgb.applyAsInt(x, y)}. */
    private static void writeRgb(Path file, int w, int h, IntBinaryOperator rgb) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb.applyAsInt(x, y));
            }
        }
        write(file, img);
    }

    private static void writeGray(Path file, int w, int h, int value) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, value);
            }
        }
        write(file, img);
    }

    private static void write(Path file, BufferedImage img) throws IOException {
        Files.createDirectories(file.getParent());
        String name = file.getFileName().toString().toLowerCase();
        assertTrue(ImageIO.write(img, name.endsWith(".png") ? "png" : "jpeg", file.toFile()));
    }

    private static float[] sample(Dataset d, int index) {
        float[] out = new float[d.shape().features()];
        d.copyTo(index, out, 0);
        return out;
    }

    private static void assertAllNear(float expected, float[] values, int from, int to, float tol) {
        for (int i = from; i < to; i++) {
            assertEquals(expected, values[i], tol, "value " + i);
        }
    }

    @Test
    void colourImagesAreResizedAndCroppedToRgbSquares() throws IOException {
        writeRgb(dir.resolve("a.png"), 80, 60, (x, y) -> 0xC86432);
        writeRgb(dir.resolve("b.PNG"), 8, 8, (x, y) -> 0xC86432);           // upscaled
        writeRgb(dir.resolve("c.jpeg"), 500, 300, (x, y) -> 0xC86432);       // large downscale, lossy
        Files.writeString(dir.resolve("notes.txt"), "not an image");

        Dataset d = FolderDataset.open(request(16, 0));

        assertEquals(SampleShape.image(3, 16, 16), d.shape());
        assertEquals(3, d.size());
        assertEquals(0, d.numClasses());
        assertEquals(-1, d.label(0));
        int plane = 16 * 16;
        for (int i = 0; i < 2; i++) {
            float[] s = sample(d, i);
            assertAllNear(200 / 255f, s, 0, plane, ONE_LEVEL);
            assertAllNear(100 / 255f, s, plane, 2 * plane, ONE_LEVEL);
            assertAllNear(50 / 255f, s, 2 * plane, 3 * plane, ONE_LEVEL);
        }
        float[] jpeg = sample(d, 2);
        assertAllNear(200 / 255f, jpeg, 0, plane, 4 / 255f);
        assertTrue(messages.get(messages.size() - 1).startsWith("loaded 3 images"), messages.toString());
    }

    @Test
    void cropKeepsTheCentreOfAWideImage() throws IOException {
        // Three vertical bands, red | green | blue; the centred square after scaling is the green band.
        writeRgb(dir.resolve("wide.png"), 120, 40, (x, y) -> x < 40 ? 0xFF0000 : x < 80 ? 0x00FF00 : 0x0000FF);

        Dataset d = FolderDataset.open(request(20, 3));

        float[] s = sample(d, 0);
        int plane = 20 * 20;
        assertAllNear(0f, s, 0, plane, ONE_LEVEL);
        assertAllNear(1f, s, plane, 2 * plane, ONE_LEVEL);
        assertAllNear(0f, s, 2 * plane, 3 * plane, ONE_LEVEL);
    }

    @Test
    void grayscaleFilesGiveOneChannelWithTheirStoredValues() throws IOException {
        writeGray(dir.resolve("g.png"), 10, 10, 100);
        writeRgb(dir.resolve("h.png"), 10, 10, (x, y) -> 0x505050);        // RGB file, gray content

        Dataset d = FolderDataset.open(request(0, 0));

        assertEquals(SampleShape.image(1, FolderDataset.DEFAULT_IMAGE_SIZE, FolderDataset.DEFAULT_IMAGE_SIZE), d.shape());
        assertAllNear(100 / 255f, sample(d, 0), 0, d.shape().features(), 1e-6f);
        assertAllNear(0x50 / 255f, sample(d, 1), 0, d.shape().features(), 1e-6f);
    }

    @Test
    void oneColourImageMakesTheWholeSetRgb() throws IOException {
        writeGray(dir.resolve("a.png"), 10, 10, 100);
        writeRgb(dir.resolve("b.png"), 10, 10, (x, y) -> 0xFF0000);

        Dataset d = FolderDataset.open(request(4, 0));

        assertEquals(3, d.shape().channels());
        float[] gray = sample(d, 0);
        assertAllNear(100 / 255f, gray, 0, 48, 1e-6f);
    }

    @Test
    void requestedGrayscaleUsesLuma() throws IOException {
        writeRgb(dir.resolve("red.png"), 6, 6, (x, y) -> 0xFF0000);

        Dataset d = FolderDataset.open(request(4, 1));

        assertEquals(SampleShape.image(1, 4, 4), d.shape());
        assertAllNear(76 / 255f, sample(d, 0), 0, 16, 1e-6f);   // round(0.299 * 255) = 76
    }

    @Test
    void subFoldersAreClassesInSortedOrder() throws IOException {
        writeRgb(dir.resolve("dog/1.png"), 4, 4, (x, y) -> 0x102030);
        writeRgb(dir.resolve("cat/2.png"), 4, 4, (x, y) -> 0x102030);
        writeRgb(dir.resolve("dog/puppies/3.png"), 4, 4, (x, y) -> 0x102030);
        writeRgb(dir.resolve("cat/1.jpg"), 4, 4, (x, y) -> 0x102030);

        FolderDataset d = FolderDataset.open(request(4, 0));

        assertEquals(List.of("cat", "dog"), d.classNames());
        assertEquals(2, d.numClasses());
        assertEquals(4, d.size());
        // Sorted paths: cat/1.jpg, cat/2.png, dog/1.png, dog/puppies/3.png.
        assertArrayEquals(new int[] {0, 0, 1, 1}, new int[] {d.label(0), d.label(1), d.label(2), d.label(3)});
    }

    @Test
    void imagesInTheRootMakeTheSetUnlabelled() throws IOException {
        writeRgb(dir.resolve("cat/1.png"), 4, 4, (x, y) -> 0);
        writeRgb(dir.resolve("loose.png"), 4, 4, (x, y) -> 0);

        Dataset d = FolderDataset.open(request(4, 0));

        assertEquals(0, d.numClasses());
        assertEquals(2, d.size());
    }

    @Test
    void samplesFollowSortedPathsAndTheDigestIsStable() throws IOException {
        writeGray(dir.resolve("c.png"), 4, 4, 30);
        writeGray(dir.resolve("a.png"), 4, 4, 10);
        writeGray(dir.resolve("b.png"), 4, 4, 20);

        Dataset d = FolderDataset.open(request(4, 1));

        assertEquals(10 / 255f, sample(d, 0)[0], 1e-6f);
        assertEquals(20 / 255f, sample(d, 1)[0], 1e-6f);
        assertEquals(30 / 255f, sample(d, 2)[0], 1e-6f);
        String digest = d.digest();
        assertEquals(64, digest.length());
        assertEquals(digest, FolderDataset.open(request(4, 1)).digest());
        assertFalse(digest.equals(FolderDataset.open(request(4, 3)).digest()));
    }

    @Test
    void digestIsSha256OfPixelsThenBigEndianLabels() throws Exception {
        writeGray(dir.resolve("b/x.png"), 2, 2, 20);
        writeGray(dir.resolve("a/x.png"), 2, 2, 10);

        Dataset labelled = FolderDataset.open(request(2, 1));
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(new byte[] {10, 10, 10, 10, 20, 20, 20, 20});
        sha.update(new byte[] {0, 0, 0, 0, 0, 0, 0, 1});
        assertEquals(HexFormat.of().formatHex(sha.digest()), labelled.digest());

        Files.move(dir.resolve("a/x.png"), dir.resolve("a.png"));
        Files.move(dir.resolve("b/x.png"), dir.resolve("b.png"));
        Dataset unlabelled = FolderDataset.open(request(2, 1));
        assertEquals(0, unlabelled.numClasses());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(new byte[] {10, 10, 10, 10, 20, 20, 20, 20})), unlabelled.digest());
    }

    @Test
    void corruptFilesAreSkippedWithOneWarning() throws IOException {
        writeGray(dir.resolve("good.png"), 4, 4, 10);
        Files.writeString(dir.resolve("bad.png"), "this is not a png");
        Files.write(dir.resolve("empty.jpg"), new byte[0]);

        Dataset d = FolderDataset.open(request(4, 0));

        assertEquals(1, d.size());
        List<String> warnings = messages.stream().filter(m -> m.startsWith("skipped")).toList();
        assertEquals(List.of("skipped 2 unreadable files: bad.png, empty.jpg"), warnings);
    }

    @Test
    void strictModeFailsOnTheFirstCorruptFileByName() throws IOException {
        writeGray(dir.resolve("a.png"), 4, 4, 10);
        Files.writeString(dir.resolve("b.png"), "this is not a png");
        Files.writeString(dir.resolve("c.png"), "nor is this");

        BadInputException e = assertThrows(BadInputException.class,
                () -> FolderDataset.open(request(4, 0).withStrict(true)));

        assertTrue(e.getMessage().contains("b.png"), e.getMessage());
        assertFalse(e.getMessage().contains("c.png"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void unusableFoldersFailWithOneLine() throws IOException {
        Files.writeString(dir.resolve("readme.txt"), "no images here");
        assertOneLine(assertThrows(BadInputException.class, () -> FolderDataset.open(request(4, 0))), "no .png");
        assertOneLine(assertThrows(BadInputException.class,
                () -> FolderDataset.open(request(4, 0).withDataDir(dir.resolve("missing")))), "does not exist");
        assertOneLine(assertThrows(BadInputException.class,
                () -> FolderDataset.open(request(4, 0).withDataDir(dir.resolve("readme.txt")))), "not a directory");
        assertOneLine(assertThrows(BadInputException.class,
                () -> FolderDataset.open(request(4, 0).withDataDir(null))), "--data");
        Files.writeString(dir.resolve("x.png"), "corrupt");
        assertOneLine(assertThrows(BadInputException.class, () -> FolderDataset.open(request(4, 0))), "no readable image");
    }

    private static void assertOneLine(BadInputException e, String part) {
        assertTrue(e.getMessage().contains(part), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
