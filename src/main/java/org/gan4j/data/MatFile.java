package org.gan4j.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * A small, strict reader of MATLAB Level 5 MAT-files (the format of MATLAB 5 to 7.x, "v7" being v5 with
 * compressed elements; not the HDF5-based v7.3), for files of plain numeric arrays such as SVHN's.
 *
 * <p>The layout (MathWorks, "MAT-File Format", Level 5): a 128-byte header (116 bytes of text, 8 of subsystem
 * offset, a 2-byte version 0x0100 and the endian indicator {@code IM} as written by a little-endian machine,
 * {@code MI} by a big-endian one), then data elements. Each element has an 8-byte tag, a 4-byte data type and
 * a 4-byte byte count, and its data padded to a multiple of 8 bytes; a tag whose upper 16 bits of the first
 * word are not zero is the small-element format (type in the lower 16 bits, count in the upper, up to 4 data
 * bytes in the tag's second word). A top-level element is {@code miMATRIX} (14) or {@code miCOMPRESSED} (15:
 * a zlib stream holding one {@code miMATRIX} element, not padded). An {@code miMATRIX} holds, in order, the
 * array flags ({@code miUINT32}, 8 bytes: class in the low byte, the complex flag 0x08 in the next), the
 * dimensions ({@code miINT32}, at least two), the name ({@code miINT8}) and the real part, whose data type may be
 * smaller than the class (MATLAB stores a double array of small integers as {@code miUINT8}). The values are in
 * column-major order: element (i0, i1, ...) of dims (d0, d1, ...) is at i0 + d0·(i1 + d1·(...)).
 *
 * <p>Anything else (complex, sparse, cell, struct, char or logical arrays, an imaginary part, bytes left over
 * in an element, an element type it does not know) is refused with a one-line {@link MatException}: this
 * reader is for data files whose content the caller checks itself.
 */
final class MatFile {
    static final int HEADER = 128;
    static final int MI_INT8 = 1, MI_UINT8 = 2, MI_INT16 = 3, MI_UINT16 = 4, MI_INT32 = 5, MI_UINT32 = 6,
            MI_SINGLE = 7, MI_DOUBLE = 9, MI_INT64 = 12, MI_UINT64 = 13, MI_MATRIX = 14, MI_COMPRESSED = 15;
    /** Array classes (the low byte of the array flags) of numeric arrays. */
    static final int MX_DOUBLE = 6, MX_SINGLE = 7, MX_INT8 = 8, MX_UINT8 = 9, MX_INT16 = 10, MX_UINT16 = 11,
            MX_INT32 = 12, MX_UINT32 = 13, MX_INT64 = 14, MX_UINT64 = 15;

    /** A malformed or unsupported file; the message is one line, without the file's name. */
    static final class MatException extends IOException {
        MatException(String message) {
            super(message);
        }
    }

    /**
     * One numeric array, as its header says: {@code name}, class ({@code MX_*}), dimensions, and the data type
     * ({@code MI_*}) its values are stored in.
     */
    record Variable(String name, int matlabClass, int[] dims, int dataType) {
        long elements() {
            long n = 1;
            for (int d : dims) {
                n *= d;
            }
            return n;
        }

        String describe() {
            return "'" + name + "' (" + className(matlabClass) + ", " + String.join("x",
                    Arrays.stream(dims).mapToObj(Integer::toString).toList()) + ", stored as " + typeName(dataType) + ")";
        }
    }

    /** Receives each array's values; it reads what it wants, and the reader skips the rest. */
    interface Handler {
        void variable(Variable v, Values values) throws IOException;
    }

    /** The values of one array, in column-major order. */
    static final class Values {
        private final InputStream in;
        private final Variable v;
        private final boolean bigEndian;
        private final int width;
        private long left;
        private final byte[] one = new byte[8];

        Values(InputStream in, Variable v, boolean bigEndian) {
            this.in = in;
            this.v = v;
            this.bigEndian = bigEndian;
            this.width = width(v.dataType());
            this.left = v.elements();
        }

        /** The next {@code length} values, which must be stored as {@code miUINT8}, as bytes. */
        void readBytes(byte[] dst, int offset, int length) throws IOException {
            if (v.dataType() != MI_UINT8) {
                throw new IllegalStateException(v.describe() + " is not stored as bytes");
            }
            take(length);
            readFully(in, dst, offset, length);
        }

        /** The next value, whatever its data type. */
        double next() throws IOException {
            take(1);
            readFully(in, one, 0, width);
            long bits = 0;
            for (int i = 0; i < width; i++) {
                int b = one[bigEndian ? i : width - 1 - i] & 0xff;
                bits = bits << 8 | b;
            }
            return switch (v.dataType()) {
                case MI_INT8 -> (byte) bits;
                case MI_UINT8 -> bits & 0xff;
                case MI_INT16 -> (short) bits;
                case MI_UINT16 -> bits & 0xffff;
                case MI_INT32 -> (int) bits;
                case MI_UINT32 -> bits & 0xffffffffL;
                case MI_SINGLE -> Float.intBitsToFloat((int) bits);
                case MI_DOUBLE -> Double.longBitsToDouble(bits);
                case MI_INT64 -> bits;
                case MI_UINT64 -> bits < 0 ? Math.pow(2, 64) + bits : bits;
                default -> throw new IllegalStateException("type " + v.dataType());
            };
        }

        private void take(long n) {
            if (n > left) {
                throw new IllegalStateException(v.describe() + " has " + v.elements() + " values");
            }
            left -= n;
        }

        private long remainingBytes() {
            return left * width;
        }
    }

    private MatFile() {
    }

    /**
     * Reads the file's arrays from {@code in} (positioned at the header) to its end, handing each to
     * {@code handler} in file order.
     *
     * @throws MatException the bytes are not a Level 5 MAT-file of numeric arrays, or end early
     */
    static void read(InputStream in, Handler handler) throws IOException {
        byte[] header = new byte[HEADER];
        int got = in.readNBytes(header, 0, HEADER);
        if (got < HEADER || !new String(header, 0, 6, StandardCharsets.US_ASCII).equals("MATLAB")) {
            throw new MatException("is not a MATLAB 5 MAT-file (" + (got < HEADER ? "shorter than the 128-byte header"
                    : "its header does not start with 'MATLAB'") + ")");
        }
        String endian = new String(header, 126, 2, StandardCharsets.US_ASCII);
        boolean big;
        if (endian.equals("IM")) {
            big = false;
        } else if (endian.equals("MI")) {
            big = true;
        } else {
            throw new MatException("is not a MATLAB 5 MAT-file (endian indicator '" + printable(endian)
                    + "', expected 'IM' or 'MI'; a v7.3 file is HDF5, save it with -v7)");
        }
        int version = big ? (header[124] & 0xff) << 8 | header[125] & 0xff : (header[125] & 0xff) << 8 | header[124] & 0xff;
        if (version != 0x0100) {
            throw new MatException("has MAT-file version 0x" + Integer.toHexString(version) + ", expected 0x0100 (Level 5)");
        }
        byte[] tag = new byte[8];
        while (true) {
            int n = in.readNBytes(tag, 0, 8);
            if (n == 0) {
                return;
            }
            if (n < 8) {
                throw new EOFException("the file ends inside an element's tag");
            }
            int type = word(tag, 0, big);
            if (type >>> 16 != 0) {
                throw new MatException("has a small data element at the top level, where arrays are expected");
            }
            long count = word(tag, 4, big) & 0xffffffffL;
            Bounded body = new Bounded(in, count);
            if (type == MI_MATRIX) {
                matrix(body, count, big, handler);
                body.expectEnd("miMATRIX element");
            } else if (type == MI_COMPRESSED) {
                Inflater inflater = new Inflater();
                try (InputStream z = new InflaterInputStream(body, inflater, 1 << 16)) {
                    byte[] inner = new byte[8];
                    readFully(z, inner, 0, 8);
                    if (word(inner, 0, big) != MI_MATRIX) {
                        throw new MatException("has a compressed element holding type " + word(inner, 0, big) + ", not miMATRIX");
                    }
                    long innerCount = word(inner, 4, big) & 0xffffffffL;
                    Bounded matrix = new Bounded(z, innerCount);
                    matrix(matrix, innerCount, big, handler);
                    matrix.expectEnd("miMATRIX element");
                    if (z.read() != -1) {
                        throw new MatException("has bytes after the array in a compressed element");
                    }
                    long extra = body.left + inflater.getRemaining();   // the stream may have read ahead of the zlib end
                    if (extra > 0) {
                        throw new MatException("has " + extra + " bytes after the zlib stream of a compressed element");
                    }
                } catch (ZipException e) {
                    throw new MatException("has a corrupt compressed element (" + Downloader.describe(e) + ")");
                } finally {
                    inflater.end();
                }
            } else {
                throw new MatException("has a top-level element of type " + type + ", expected miMATRIX (14) or miCOMPRESSED (15)");
            }
        }
    }

    private static void matrix(Bounded in, long count, boolean big, Handler handler) throws IOException {
        Element flags = Element.read(in, big);
        if (flags.type != MI_UINT32 || flags.data.length != 8) {
            throw new MatException("has an array whose flags are not 8 bytes of miUINT32");
        }
        int word = word(flags.data, 0, big);
        int cls = word & 0xff;
        if ((word >> 8 & 0x08) != 0) {
            throw new MatException("has a complex array, not supported");
        }
        if (cls < MX_DOUBLE || cls > MX_UINT64) {
            throw new MatException("has an array of class " + className(cls) + "; only numeric arrays are supported");
        }
        Element dimsElement = Element.read(in, big);
        if (dimsElement.type != MI_INT32 || dimsElement.data.length % 4 != 0 || dimsElement.data.length < 8) {
            throw new MatException("has an array whose dimensions are not two or more miINT32");
        }
        int[] dims = new int[dimsElement.data.length / 4];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = word(dimsElement.data, 4 * i, big);
            if (dims[i] < 0) {
                throw new MatException("has an array with a negative dimension");
            }
        }
        Element nameElement = Element.read(in, big);
        if (nameElement.type != MI_INT8) {
            throw new MatException("has an array whose name is not miINT8");
        }
        String name = new String(nameElement.data, StandardCharsets.US_ASCII);
        byte[] tag = new byte[8];
        readFully(in, tag, 0, 8);
        int first = word(tag, 0, big);
        boolean small = first >>> 16 != 0;
        int type = small ? first & 0xffff : first;
        long bytes = small ? first >>> 16 : word(tag, 4, big) & 0xffffffffL;
        if (width(type) == 0) {
            throw new MatException("has array '" + name + "' stored as type " + type + ", not a numeric type");
        }
        Variable v = new Variable(name, cls, dims, type);
        if (bytes != v.elements() * width(type)) {
            throw new MatException("has array " + v.describe() + " with " + bytes + " bytes of values, expected "
                    + v.elements() * width(type));
        }
        long padded = small ? 4 : (bytes + 7) / 8 * 8;
        InputStream source = small ? new java.io.ByteArrayInputStream(tag, 4, (int) bytes) : new Bounded(in, bytes);
        Values values = new Values(source, v, big);
        handler.variable(v, values);
        skip(source, values.remainingBytes());
        if (!small) {
            skip(in, padded - bytes);
        }
        if (in.left > 0) {
            throw new MatException("has " + in.left + " bytes after the values of array '" + name
                    + "' (an imaginary part or fields, not supported)");
        }
    }

    /** A data element read whole: small ones hold up to 4 bytes in the tag, others are padded to 8. */
    private record Element(int type, byte[] data) {
        static Element read(InputStream in, boolean big) throws IOException {
            byte[] tag = new byte[8];
            readFully(in, tag, 0, 8);
            int first = word(tag, 0, big);
            if (first >>> 16 != 0) {
                int bytes = first >>> 16;
                if (bytes > 4) {
                    throw new MatException("has a small data element of " + bytes + " bytes (at most 4)");
                }
                return new Element(first & 0xffff, Arrays.copyOfRange(tag, 4, 4 + bytes));
            }
            long bytes = word(tag, 4, big) & 0xffffffffL;
            if (bytes > 1 << 20) {
                throw new MatException("has an array header element of " + bytes + " bytes");
            }
            byte[] data = new byte[(int) bytes];
            readFully(in, data, 0, data.length);
            skip(in, (8 - bytes % 8) % 8);
            return new Element(first, data);
        }
    }

    /** A view of the next {@code left} bytes of a stream: reading past them is an error, not the next element. */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        long left;

        Bounded(InputStream in, long left) {
            this.in = in;
            this.left = left;
        }

        @Override
        public int read() throws IOException {
            byte[] b = new byte[1];
            return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("the file ends inside an element");
            }
            left -= n;
            return n;
        }

        void expectEnd(String what) throws MatException {
            if (left != 0) {
                throw new MatException("has " + left + " bytes left over in an " + what);
            }
        }
    }

    static int width(int type) {
        return switch (type) {
            case MI_INT8, MI_UINT8 -> 1;
            case MI_INT16, MI_UINT16 -> 2;
            case MI_INT32, MI_UINT32, MI_SINGLE -> 4;
            case MI_DOUBLE, MI_INT64, MI_UINT64 -> 8;
            default -> 0;
        };
    }

    static String typeName(int type) {
        return switch (type) {
            case MI_INT8 -> "miINT8";
            case MI_UINT8 -> "miUINT8";
            case MI_INT16 -> "miINT16";
            case MI_UINT16 -> "miUINT16";
            case MI_INT32 -> "miINT32";
            case MI_UINT32 -> "miUINT32";
            case MI_SINGLE -> "miSINGLE";
            case MI_DOUBLE -> "miDOUBLE";
            case MI_INT64 -> "miINT64";
            case MI_UINT64 -> "miUINT64";
            default -> "type " + type;
        };
    }

    static String className(int cls) {
        return switch (cls) {
            case 1 -> "cell";
            case 2 -> "struct";
            case 3 -> "object";
            case 4 -> "char";
            case 5 -> "sparse";
            case MX_DOUBLE -> "double";
            case MX_SINGLE -> "single";
            case MX_INT8 -> "int8";
            case MX_UINT8 -> "uint8";
            case MX_INT16 -> "int16";
            case MX_UINT16 -> "uint16";
            case MX_INT32 -> "int32";
            case MX_UINT32 -> "uint32";
            case MX_INT64 -> "int64";
            case MX_UINT64 -> "uint64";
            default -> "class " + cls;
        };
    }

    private static int word(byte[] b, int at, boolean big) {
        return big ? (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | b[at + 3] & 0xff
                : (b[at + 3] & 0xff) << 24 | (b[at + 2] & 0xff) << 16 | (b[at + 1] & 0xff) << 8 | b[at] & 0xff;
    }

    private static void readFully(InputStream in, byte[] b, int off, int len) throws IOException {
        if (in.readNBytes(b, off, len) < len) {
            throw new EOFException("an element ends before its contents");
        }
    }

    private static void skip(InputStream in, long n) throws IOException {
        in.skipNBytes(n);
    }

    private static String printable(String s) {
        return s.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
