package org.gan4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.gan4j.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFormatTest {
    @TempDir
    Path dir;

    /** Raw IDX bytes: header with the given magic and dimensions, then {@code dataBytes} bytes 0, 1, 2, ... */
    static byte[] idx(int magic, int[] dims, int dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + dataBytes);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        for (int i = 0; i < dataBytes; i++) {
            b.put((byte) i);
        }
        return b.array();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private String imageError(Path file) {
        BadInputException e = assertThrows(BadInputException.class, () -> IdxFormat.readImages(file));
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void readsPlainImages() throws IOException {
        Path f = file("train-images-idx3-ubyte", idx(0x803, new int[] {3, 2, 4}, 24));
        IdxFormat.Images images = IdxFormat.readImages(f);
        assertEquals(3, images.count());
        assertEquals(SampleShape.image(1, 2, 4), images.shape());
        assertEquals(23, images.pixels()[23]);
    }

    @Test
    void readsGzippedFilesByMagicNotByName() throws IOException {
        byte[] raw = idx(0x801, new int[] {5}, 5);
        assertArrayEquals(new byte[] {0, 1, 2, 3, 4}, IdxFormat.readLabels(file("labels.gz", gzip(raw))));
        assertArrayEquals(new byte[] {0, 1, 2, 3, 4}, IdxFormat.readLabels(file("gzipped-without-suffix", gzip(raw))));
        assertArrayEquals(new byte[] {0, 1, 2, 3, 4}, IdxFormat.readLabels(file("plain-with-suffix.gz", raw)));
    }

    @Test
    void writerRoundTripsGrayscaleAndColour() throws IOException {
        byte[] gray = new byte[2 * 3 * 5];
        byte[] rgb = new byte[2 * 3 * 4 * 5];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i * 7);
            if (i < gray.length) {
                gray[i] = (byte) (255 - i);
            }
        }
        for (String name : new String[] {"g-idx3-ubyte", "g-idx3-ubyte.gz"}) {
            Path f = dir.resolve(name);
            IdxFormat.writeImages(f, gray, 2, 1, 3, 5);
            IdxFormat.Images back = IdxFormat.readImages(f);
            assertEquals(SampleShape.image(1, 3, 5), back.shape());
            assertArrayEquals(gray, back.pixels());
        }
        Path plain = dir.resolve("g-idx3-ubyte");
        assertEquals(0x00000803, ByteBuffer.wrap(Files.readAllBytes(plain)).getInt());
        byte[] gz = Files.readAllBytes(dir.resolve("g-idx3-ubyte.gz"));
        assertEquals(0x1f, gz[0] & 0xff);
        assertEquals(0x8b, gz[1] & 0xff);

        Path colour = dir.resolve("c.gz");
        IdxFormat.writeImages(colour, rgb, 2, 3, 4, 5);
        IdxFormat.Images back = IdxFormat.readImages(colour);
        assertEquals(2, back.count());
        assertEquals(SampleShape.image(3, 4, 5), back.shape());
        assertArrayEquals(rgb, back.pixels());

        Path labels = dir.resolve("l");
        IdxFormat.writeLabels(labels, new byte[] {9, 0, 7});
        assertEquals(0x00000801, ByteBuffer.wrap(Files.readAllBytes(labels)).getInt());
        assertArrayEquals(new byte[] {9, 0, 7}, IdxFormat.readLabels(labels));
        assertThrows(IllegalArgumentException.class, () -> IdxFormat.writeImages(dir.resolve("x"), new byte[5], 2, 1, 2, 2));
    }

    @Test
    void truncatedImagesNameTheDeclaredSizeAndWhatIsPresent() throws IOException {
        String m = imageError(file("t", idx(0x803, new int[] {60000, 28, 28}, 1000)));
        assertTrue(m.contains("declares 60000 images of 28x28 but holds only 1000 of the 47040000 data bytes"), m);
        String gz = imageError(file("t.gz", gzip(idx(0x803, new int[] {10, 28, 28}, 100))));
        assertTrue(gz.contains("declares 10 images of 28x28 but holds only 100"), gz);
    }

    @Test
    void trailingBytesAreRejected() throws IOException {
        byte[] raw = idx(0x803, new int[] {2, 2, 2}, 11);
        String m = imageError(file("trailing", raw));
        assertTrue(m.contains("has 3 extra bytes after the 2 images of 2x2 its header declares"), m);
    }

    @Test
    void wrongMagicDataTypeAndDimensionCount() throws IOException {
        String m = imageError(file("png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0}));
        assertTrue(m.contains("is not an IDX file: magic number 0x89504e47, expected 0x00000803"), m);
        String type = imageError(file("float", idx(0x0d03, new int[] {1, 1, 1}, 4)));
        assertTrue(type.contains("data type 0x0d, expected 0x08 (unsigned byte)"), type);
        String dims = imageError(file("labels-as-images", idx(0x801, new int[] {4}, 4)));
        assertTrue(dims.contains("has 1 dimensions, expected 3 (N x H x W) or 4 (N x C x H x W); is it a label file?"), dims);
        BadInputException e = assertThrows(BadInputException.class,
                () -> IdxFormat.readLabels(file("images-as-labels", idx(0x803, new int[] {1, 1, 1}, 1))));
        assertTrue(e.getMessage().contains("images-as-labels: has 3 dimensions, expected 1 (N labels); is it an image file?"), e.getMessage());
        String zero = imageError(file("zero", idx(0x803, new int[] {0, 28, 28}, 0)));
        assertTrue(zero.contains("declares size 0 for dimension 1 of 3"), zero);
        String shortHeader = imageError(file("short", Arrays.copyOf(idx(0x803, new int[] {1, 1, 1}, 1), 9)));
        assertTrue(shortHeader.contains("is truncated inside its header"), shortHeader);
    }

    @Test
    void emptyMissingAndCorruptGzip() throws IOException {
        assertTrue(imageError(file("empty", new byte[0])).endsWith(": is empty"));
        assertTrue(imageError(file("empty.gz", gzip(new byte[0]))).endsWith(": is empty after decompression"));
        assertTrue(imageError(dir.resolve("absent")).endsWith(": no such file"));

        byte[] gz = gzip(idx(0x803, new int[] {4, 8, 8}, 256));
        byte[] corrupt = gz.clone();
        for (int i = 10; i < corrupt.length - 8; i++) {
            corrupt[i] = (byte) 0xff;
        }
        String m = imageError(file("corrupt.gz", corrupt));
        assertTrue(m.contains("corrupt gzip data"), m);
        String cut = imageError(file("cut.gz", Arrays.copyOf(gz, gz.length / 2)));
        assertTrue(cut.contains("gzip data is truncated"), cut);
        byte[] badCrc = gz.clone();
        badCrc[badCrc.length - 5] ^= 1;
        String crc = imageError(file("crc.gz", badCrc));
        assertTrue(crc.contains("corrupt gzip data"), crc);
    }
}
