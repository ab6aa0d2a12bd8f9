package org.gan4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.gan4j.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Padding}: 28→32 with background, its exact inverse, and {@code image-size 32} on the 28×28 named datasets. */
class PaddingTest {
    @TempDir
    Path tmp;

    /** {@code n} images of {@code shape} whose every byte is 1 + (its index mod 250): no pixel is background. */
    private static IdxDataset numbered(int n, SampleShape shape) {
        byte[] pixels = new byte[n * shape.features()];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (1 + i % 250);
        }
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 10);
        }
        return new IdxDataset("numbered/train", pixels, n, shape, labels);
    }

    @Test
    void theBorderIsBackgroundAndTheCentreIsTheImage() {
        SampleShape native28 = SampleShape.image(1, 28, 28);
        IdxDataset data = numbered(3, native28);
        Dataset padded = Padding.pad(data, 2);
        assertEquals(SampleShape.image(1, 32, 32), padded.shape());
        assertEquals(3, padded.size());
        assertEquals(data.numClasses(), padded.numClasses());
        assertEquals(data.label(2), padded.label(2));
        assertEquals("numbered/train padded to 32x32", padded.name());
        for (int i = 0; i < 3; i++) {
            float[] original = new float[784];
            data.copyTo(i, original, 0);
            float[] out = new float[5 + 1024];
            java.util.Arrays.fill(out, 7f);   // garbage where the border goes
            padded.copyTo(i, out, 5);
            assertEquals(7f, out[4], "nothing before the offset is written");
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    float v = out[5 + y * 32 + x];
                    boolean border = y < 2 || y >= 30 || x < 2 || x >= 30;
                    if (border) {
                        assertEquals(Padding.BACKGROUND, v, "border pixel " + y + "," + x);
                    } else {
                        assertEquals(original[(y - 2) * 28 + (x - 2)], v, "centre pixel " + y + "," + x);
                        assertTrue(v > 0);
                    }
                }
            }
        }
        assertSame(data, Padding.pad(data, 0), "no border: the dataset itself");
    }

    @Test
    void everyChannelIsPaddedAndCroppingUndoesIt() {
        SampleShape rgb = SampleShape.image(3, 5, 4);
        IdxDataset data = numbered(2, rgb);
        Dataset padded = Padding.pad(data, 3);
        assertEquals(SampleShape.image(3, 11, 10), padded.shape());
        float[] images = new float[2 * padded.shape().features()];
        float[] originals = new float[2 * rgb.features()];
        for (int i = 0; i < 2; i++) {
            padded.copyTo(i, images, i * padded.shape().features());
            data.copyTo(i, originals, i * rgb.features());
        }
        int background = 0;
        for (float v : images) {
            background += v == 0f ? 1 : 0;
        }
        assertEquals(2 * (padded.shape().features() - rgb.features()), background, "exactly the border is background");
        assertArrayEquals(originals, Padding.crop(images, 2, padded.shape(), 3), "crop(pad(x)) = x");
        assertThrows(IllegalArgumentException.class, () -> Padding.crop(images, 3, padded.shape(), 3));
        assertThrows(IllegalArgumentException.class, () -> Padding.crop(images, 2, padded.shape(), 5));
    }

    @Test
    void thePaddedDigestIsItsOwnAndStable() {
        IdxDataset data = numbered(4, SampleShape.image(1, 28, 28));
        String padded = Padding.pad(data, 2).digest();
        assertNotEquals(data.digest(), padded);
        assertEquals(padded, Padding.pad(numbered(4, SampleShape.image(1, 28, 28)), 2).digest());
        assertNotEquals(padded, Padding.pad(data, 1).digest());
    }

    @Test
    void imageSize32PadsFashionMnistAnd28OrUnsetKeepsIt() {
        byte[] pixels = new byte[6 * 784];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 7);
        }
        IdxFormat.writeImages(tmp.resolve("train-images-idx3-ubyte.gz"), pixels, 6, 1, 28, 28);
        IdxFormat.writeLabels(tmp.resolve("train-labels-idx1-ubyte.gz"), new byte[] {0, 1, 2, 3, 4, 5});
        DatasetRequest request = DatasetRequest.of("fashion-mnist").withDataDir(tmp).withDownload(false);
        Dataset nativeSize = Datasets.open(request);
        Dataset as28 = Datasets.open(request.withImage(28, 0));
        Dataset as32 = Datasets.open(request.withImage(32, 0));
        assertEquals(SampleShape.image(1, 28, 28), nativeSize.shape());
        assertEquals(nativeSize.digest(), as28.digest(), "28 is the dataset as it is");
        assertEquals("fashion-mnist/train", as28.name());
        assertEquals(SampleShape.image(1, 32, 32), as32.shape());
        assertEquals("fashion-mnist/train padded to 32x32", as32.name());
        assertEquals(5, as32.label(5));
        float[] a = new float[784];
        float[] b = new float[1024];
        nativeSize.copyTo(4, a, 0);
        as32.copyTo(4, b, 0);
        assertArrayEquals(a, Padding.crop(b, 1, as32.shape(), 2));

        BadInputException e = assertThrows(BadInputException.class, () -> Datasets.open(request.withImage(64, 0)));
        assertEquals("invalid 'image-size': 64 (fashion-mnist can be given at 28, 32: 28 is its own size, larger ones pad it"
                + " with background)", e.getMessage());
    }

    @Test
    void theSidesOfEachKindOfDataset() {
        assertEquals(ImageSides.MNIST, Datasets.sides("mnist"));
        assertEquals(java.util.List.of(32), Datasets.sides("cifar10").allowed());
        assertEquals(64, Datasets.sides("folder").defaultSide());
        assertEquals(ImageSides.NONE, Datasets.sides("ring8"));
        assertEquals(2, ImageSides.MNIST.border("mnist", 32));
        assertEquals(0, ImageSides.MNIST.border("mnist", 28));
        assertEquals(0, ImageSides.MNIST.border("mnist", 0));
        assertEquals(32, ImageSides.MNIST.resolve("mnist", null, 32, "model 'x'"));
        assertEquals(28, ImageSides.MNIST.resolve("mnist", 28, 32, "model 'x'"), "a side given wins over the preference");
        assertEquals("model 'x' needs 64x64 images, but mnist can be given at 28, 32 only",
                assertThrows(BadInputException.class, () -> ImageSides.MNIST.resolve("mnist", null, 64, "model 'x'")).getMessage());
    }
}
