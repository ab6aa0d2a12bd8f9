package org.gan4j.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.gan4j.BadInputException;
import org.gan4j.io.AtomicFiles;

/**
 * Reads and writes IDX files, the format of MNIST and Fashion-MNIST: a big-endian header (two zero
 * bytes, a data-type byte, a dimension count, then one 32-bit size per dimension) followed by the
 * raw values. Only unsigned bytes (type 0x08) are supported, which is all the image datasets use.
 *
 * <p>Images are {@code N×H×W} (magic 0x00000803) or, for colour samples that gan4j exports,
 * {@code N×C×H×W} (0x00000804); labels are {@code N} (0x00000801). Files may be gzip-compressed;
 * compression is recognised by its magic bytes, not by the name, because users rename files.
 *
 * <p>Every defect (bad magic, wrong dimension count, truncation, trailing bytes, corrupt gzip) is a
 * {@link BadInputException} whose one-line message names the file and the problem: a silently
 * misread dataset would only show up hours later as a strange-looking GAN.
 */
public final class IdxFormat {
    static final int UNSIGNED_BYTE = 0x08;
    private static final int BUFFER = 1 << 16;

    private IdxFormat() {
    }

    /** Images read from an IDX file: {@code count × channels × height × width} bytes, C×H×W order per image. */
    public record Images(byte[] pixels, int count, int channels, int height, int width) {
        public SampleShape shape() {
            return SampleShape.image(channels, height, width);
        }
    }

    /** Reads an image file (3-dim N×H×W or 4-dim N×C×H×W, unsigned bytes), plain or gzipped. */
    public static Images readImages(Path file) {
        Idx idx = read(file, true);
        int[] d = idx.dims;
        return d.length == 3
                ? new Images(idx.data, d[0], 1, d[1], d[2])
                : new Images(idx.data, d[0], d[1], d[2], d[3]);
    }

    /** Reads a label file (1-dim, unsigned bytes), plain or gzipped. */
    public static byte[] readLabels(Path file) {
        return read(file, false).data;
    }

    /**
     * Writes {@code n} images ({@code channels × height × width} bytes each, C×H×W order) as IDX:
     * 3-dim (0x00000803, the MNIST layout other tools read) for one channel, 4-dim (0x00000804)
     * otherwise. The file is gzipped when its name ends with {@code .gz} and appears atomically.
     */
    public static void writeImages(Path file, byte[] pixels, int n, int channels, int height, int width) {
        if (n < 1 || channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image dimensions must be positive: " + n + "x" + channels + "x" + height + "x" + width);
        }
        long expected = (long) n * channels * height * width;
        if (pixels.length != expected) {
            throw new IllegalArgumentException("expected " + expected + " pixel bytes for " + n + "x" + channels + "x"
                    + height + "x" + width + ", got " + pixels.length);
        }
        int[] dims = channels == 1 ? new int[] {n, height, width} : new int[] {n, channels, height, width};
        write(file, dims, pixels);
    }

    /** Writes labels as a 1-dim IDX file (0x00000801), gzipped when the name ends with {@code .gz}. */
    public static void writeLabels(Path file, byte[] labels) {
        if (labels.length == 0) {
            throw new IllegalArgumentException("no labels to write");
        }
        write(file, new int[] {labels.length}, labels);
    }

    private static void write(Path file, int[] dims, byte[] data) {
        boolean gzip = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
        AtomicFiles.writeStream(file, raw -> {
            OutputStream out = gzip ? new GZIPOutputStream(raw, BUFFER) : raw;
            out.write(new byte[] {0, 0, UNSIGNED_BYTE, (byte) dims.length});
            for (int d : dims) {
                out.write(new byte[] {(byte) (d >>> 24), (byte) (d >>> 16), (byte) (d >>> 8), (byte) d});
            }
            out.write(data);
            if (out instanceof GZIPOutputStream g) {
                g.finish();
            }
            out.flush();
        });
    }

    private record Idx(int[] dims, byte[] data) {
    }

    private static Idx read(Path file, boolean images) {
        try {
            if (Files.size(file) == 0) {
                throw fail(file, "is empty");
            }
            try (InputStream in = open(file)) {
                return parse(file, in, images);
            }
        } catch (NoSuchFileException e) {
            throw fail(file, "no such file");
        } catch (AccessDeniedException e) {
            throw fail(file, "permission denied");
        } catch (EOFException e) {
            throw fail(file, "gzip data is truncated (" + e.getMessage() + ")");
        } catch (ZipException e) {
            throw fail(file, "corrupt gzip data (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw fail(file, "cannot read (" + e.getMessage() + ")");
        }
    }

    /** Opens the file, looking through gzip when it starts with the gzip magic bytes 1f 8b. */
    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        try {
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, BUFFER) : in;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static Idx parse(Path file, InputStream in, boolean images) throws IOException {
        byte[] magic = in.readNBytes(4);
        if (magic.length == 0) {
            throw fail(file, "is empty after decompression");
        }
        if (magic.length < 4) {
            throw fail(file, "is too short for an IDX header (" + magic.length + " bytes)");
        }
        int expectedMagic = images ? 0x00000803 : 0x00000801;
        String what = images ? "unsigned-byte images" : "unsigned-byte labels";
        if (magic[0] != 0 || magic[1] != 0) {
            throw fail(file, String.format(Locale.ROOT, "is not an IDX file: magic number 0x%08x, expected 0x%08x (%s)",
                    bigEndian(magic, 0), expectedMagic, what));
        }
        if (magic[2] != UNSIGNED_BYTE) {
            throw fail(file, String.format(Locale.ROOT, "has IDX data type 0x%02x, expected 0x08 (unsigned byte) in magic number 0x%08x",
                    magic[2] & 0xff, expectedMagic));
        }
        int ndims = magic[3] & 0xff;
        boolean dimsOk = images ? ndims == 3 || ndims == 4 : ndims == 1;
        if (!dimsOk) {
            String expected = images ? "3 (N x H x W) or 4 (N x C x H x W)" : "1 (N labels)";
            String hint = images && ndims == 1 ? "; is it a label file?" : !images && ndims >= 3 ? "; is it an image file?" : "";
            throw fail(file, "has " + ndims + " dimensions, expected " + expected + hint);
        }
        byte[] header = in.readNBytes(4 * ndims);
        if (header.length < 4 * ndims) {
            throw fail(file, "is truncated inside its header (" + ndims + " dimensions declared)");
        }
        int[] dims = new int[ndims];
        long total = 1;
        for (int i = 0; i < ndims; i++) {
            dims[i] = bigEndian(header, 4 * i);
            if (dims[i] <= 0) {
                throw fail(file, "declares size " + Integer.toUnsignedString(dims[i]) + " for dimension " + (i + 1) + " of " + ndims);
            }
            total *= dims[i];
            if (total > Integer.MAX_VALUE - 16) {
                throw fail(file, "declares more than 2 GB of data, too large to load");
            }
        }
        String declared = declared(dims, images);
        byte[] data = new byte[(int) total];
        int got = in.readNBytes(data, 0, data.length);
        if (got < data.length) {
            throw fail(file, "declares " + declared + " but holds only " + got + " of the " + total + " data bytes (truncated?)");
        }
        long extra = in.transferTo(OutputStream.nullOutputStream());
        if (extra > 0) {
            throw fail(file, "has " + extra + " extra bytes after the " + declared + " its header declares");
        }
        return new Idx(dims, data);
    }

    private static String declared(int[] dims, boolean images) {
        if (!images) {
            return dims[0] + " labels";
        }
        StringBuilder s = new StringBuilder().append(dims[0]).append(" images of ");
        for (int i = 1; i < dims.length; i++) {
            s.append(i > 1 ? "x" : "").append(dims[i]);
        }
        return s.toString();
    }

    private static int bigEndian(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    static BadInputException fail(Path file, String problem) {
        return new BadInputException(file + ": " + problem);
    }
}
