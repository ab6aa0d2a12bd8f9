package org.gan4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.gan4j.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxDatasetTest {
    @TempDir
    Path dir;

    @Test
    void copiesPixelsAsUnitFloatsAndReportsLabels() {
        byte[] pixels = {0, (byte) 255, (byte) 128, 51, 1, 2, 3, 4};
        IdxDataset d = new IdxDataset("t/train", pixels, 2, SampleShape.image(1, 2, 2), new byte[] {3, 7});
        float[] dst = new float[6];
        d.copyTo(0, dst, 1);
        assertArrayEquals(new float[] {0, 0f, 1f, 128 / 255f, 0.2f, 0}, dst, 1e-7f);
        assertEquals(8, d.numClasses());
        assertEquals(7, d.label(1));
        assertEquals(2, d.size());
        assertThrows(IndexOutOfBoundsException.class, () -> d.label(2));
    }

    @Test
    void unlabelledDatasetHasNoClasses() {
        IdxDataset d = new IdxDataset("u", new byte[4], 1, SampleShape.image(1, 2, 2), null);
        assertEquals(0, d.numClasses());
        assertEquals(-1, d.label(0));
    }

    @Test
    void digestIsSha256OfPixelsThenLabelsAndCached() throws Exception {
        byte[] pixels = {1, 2, 3, 4};
        byte[] labels = {5};
        IdxDataset d = new IdxDataset("t", pixels, 1, SampleShape.image(1, 2, 2), labels);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(new byte[] {1, 2, 3, 4, 5}));
        assertEquals(expected, d.digest());
        assertSame(d.digest(), d.digest());
    }

    @Test
    void readsAPairAndRejectsMismatchedCounts() {
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        Path labels = dir.resolve("train-labels-idx1-ubyte");
        Path fewer = dir.resolve("few-labels");
        IdxFormat.writeImages(images, new byte[3 * 2 * 2], 3, 1, 2, 2);
        IdxFormat.writeLabels(labels, new byte[] {0, 9, 4});
        IdxFormat.writeLabels(fewer, new byte[] {0, 9});
        IdxDataset d = IdxDataset.read("x/train", images, labels);
        assertEquals(3, d.size());
        assertEquals(10, d.numClasses());
        assertEquals("x/train", d.name());

        BadInputException e = assertThrows(BadInputException.class, () -> IdxDataset.read("x", images, fewer));
        assertTrue(e.getMessage().startsWith("image/label count mismatch: " + images + " holds 3 images but " + fewer
                + " holds 2 labels"), e.getMessage());
    }

    @Test
    void aLayoutChecksShapeAndLabelsOfAPair() {
        Path images = dir.resolve("i");
        Path labels = dir.resolve("l");
        IdxFormat.writeImages(images, new byte[3 * 2 * 2], 3, 1, 2, 2);
        IdxFormat.writeLabels(labels, new byte[] {0, 2, 1});
        IdxDataset.Layout three = new IdxDataset.Layout("tiny", SampleShape.image(1, 2, 2), 3);
        assertEquals(3, IdxDataset.read("tiny/train", images, labels, three).numClasses());
        assertEquals(0, IdxDataset.read("tiny/train", images, null, three).numClasses());

        IdxDataset.Layout two = new IdxDataset.Layout("tiny", SampleShape.image(1, 2, 2), 2);
        BadInputException e = assertThrows(BadInputException.class, () -> IdxDataset.read("x", images, labels, two));
        assertEquals(labels + ": the label at index 1 is 2, but tiny's classes are 0-1", e.getMessage());

        IdxDataset.Layout rgb = new IdxDataset.Layout("tiny", SampleShape.image(3, 2, 2), 3);
        e = assertThrows(BadInputException.class, () -> IdxDataset.read("x", images, labels, rgb));
        assertTrue(e.getMessage().startsWith(images + ": images are 2x2x1 (height x width x channels), but tiny's are 2x2x3;"),
                e.getMessage());
    }
}
