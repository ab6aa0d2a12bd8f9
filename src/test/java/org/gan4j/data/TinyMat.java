package org.gan4j.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes small little-endian MATLAB Level 5 MAT-files in SVHN's layout, as MATLAB does: a 128-byte header, then
 * one miMATRIX element per array (or each wrapped in miCOMPRESSED), names as small data elements.
 */
final class TinyMat {
    /** Pixel (c, h, w) of image n: h and w weighted differently, so a transposition shows. */
    static int pixel(int n, int c, int h, int w) {
        return (n * 37 + c * 71 + h * 5 + w * 3 + 11) & 0xff;
    }

    /** SVHN's X for n images: uint8, 32x32x3xN, column-major (h fastest, then w, c, n). */
    static byte[] svhnX(int n) {
        byte[] x = new byte[32 * 32 * 3 * n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                for (int w = 0; w < 32; w++) {
                    for (int h = 0; h < 32; h++) {
                        x[h + 32 * (w + 32 * (c + 3 * i))] = (byte) pixel(i, c, h, w);
                    }
                }
            }
        }
        return x;
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final boolean compressed;
    private final ByteOrder order;

    TinyMat(boolean compressed) {
        this(compressed, ByteOrder.LITTLE_ENDIAN);
    }

    /** A file written as a machine of byte order {@code order} writes it (big-endian: 'MI' and swapped words). */
    TinyMat(boolean compressed, ByteOrder order) {
        this.compressed = compressed;
        this.order = order;
        byte[] header = new byte[128];
        Arrays.fill(header, 0, 116, (byte) ' ');
        byte[] text = "MATLAB 5.0 MAT-file, Platform: GLNXA64, Created on: Fri Dec  4 2026".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, header, 0, text.length);
        boolean big = order == ByteOrder.BIG_ENDIAN;
        header[124] = (byte) (big ? 0x01 : 0x00);
        header[125] = (byte) (big ? 0x00 : 0x01);
        header[126] = (byte) (big ? 'M' : 'I');
        header[127] = (byte) (big ? 'I' : 'M');
        out.writeBytes(header);
    }

    /** Adds an array of class {@code cls} whose values {@code data} are stored as {@code type} (bytes already in that type). */
    TinyMat array(String name, int cls, int[] dims, int type, byte[] data) {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes(tag(MatFile.MI_UINT32, 8));
        m.writeBytes(ints(cls, 0));
        m.writeBytes(tag(MatFile.MI_INT32, 4 * dims.length));
        m.writeBytes(padded(ints(dims)));
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        if (n.length <= 4) {
            m.writeBytes(ints(n.length << 16 | MatFile.MI_INT8));
            m.writeBytes(Arrays.copyOf(n, 4));
        } else {
            m.writeBytes(tag(MatFile.MI_INT8, n.length));
            m.writeBytes(padded(n));
        }
        m.writeBytes(tag(type, data.length));
        m.writeBytes(padded(data));
        byte[] matrix = m.toByteArray();
        ByteArrayOutputStream element = new ByteArrayOutputStream();
        element.writeBytes(tag(MatFile.MI_MATRIX, matrix.length));
        element.writeBytes(matrix);
        if (compressed) {
            ByteArrayOutputStream z = new ByteArrayOutputStream();
            try (DeflaterOutputStream d = new DeflaterOutputStream(z, new Deflater(Deflater.BEST_SPEED))) {
                d.write(element.toByteArray());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            out.writeBytes(tag(MatFile.MI_COMPRESSED, z.size()));
            out.writeBytes(z.toByteArray());
        } else {
            out.writeBytes(element.toByteArray());
        }
        return this;
    }

    /** SVHN's two arrays: X as {@link #svhnX}, y (class double) stored as doubles or, as MATLAB compresses it, as uint8. */
    TinyMat svhn(int n, int[] labels, boolean labelsAsUint8) {
        array("X", MatFile.MX_UINT8, new int[] {32, 32, 3, n}, MatFile.MI_UINT8, svhnX(n));
        return labels("y", labels, labelsAsUint8);
    }

    TinyMat labels(String name, int[] labels, boolean asUint8) {
        if (asUint8) {
            byte[] b = new byte[labels.length];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) labels[i];
            }
            return array(name, MatFile.MX_DOUBLE, new int[] {labels.length, 1}, MatFile.MI_UINT8, b);
        }
        ByteBuffer d = ByteBuffer.allocate(8 * labels.length).order(order);
        for (int y : labels) {
            d.putDouble(y);
        }
        return array(name, MatFile.MX_DOUBLE, new int[] {labels.length, 1}, MatFile.MI_DOUBLE, d.array());
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    private byte[] tag(int type, int bytes) {
        return ints(type, bytes);
    }

    private byte[] ints(int... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(order);
        for (int x : v) {
            b.putInt(x);
        }
        return b.array();
    }

    private static byte[] padded(byte[] b) {
        return Arrays.copyOf(b, (b.length + 7) / 8 * 8);
    }
}
