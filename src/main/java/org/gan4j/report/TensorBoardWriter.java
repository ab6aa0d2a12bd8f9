package org.gan4j.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32C;
import org.gan4j.io.UnwritableOutputException;

/**
 * Writes a TensorBoard event file, {@code events.out.tfevents.<secs>.<host>}: scalars, PNG images
 * and histograms, as TensorFlow's {@code EventFileWriter} does, readable by {@code tensorboard
 * --logdir}.
 *
 * <p>The file is a sequence of TFRecords, each {@code uint64 length, uint32 masked CRC32C(length),
 * data, uint32 masked CRC32C(data)} (little-endian; {@link #maskedCrc}), whose data is an
 * {@code Event} protobuf (tensorflow/core/util/event.proto). The first event carries
 * {@code file_version = "brain.Event:2"}; every other one a {@code Summary}: a step's scalars, or one
 * image or histogram.
 *
 * <p>Why an own encoder and not protobuf-java: the events use five messages and a dozen fields, all
 * varints, fixed64/fixed32, length-delimited strings and packed doubles. Declaring them through
 * protobuf-java would need a {@code .proto} compiled at build time (protoc, absent from the build
 * machines) or hand-written descriptors, and a 1.9 MB dependency for about sixty lines of encoding.
 * The fields written, by number (proto3, all optional):
 * <pre>
 * Event          { double wall_time = 1; int64 step = 2; string file_version = 3; Summary summary = 5; }
 * Summary        { repeated Value value = 1; }
 * Summary.Value  { string tag = 1; float simple_value = 2; Image image = 4; HistogramProto histo = 5; }
 * Summary.Image  { int32 height = 1; int32 width = 2; int32 colorspace = 3; bytes encoded_image_string = 4; }
 * HistogramProto { double min = 1, max = 2, num = 3, sum = 4, sum_squares = 5;
 *                  repeated double bucket_limit = 6 [packed]; repeated double bucket = 7 [packed]; }
 * </pre>
 *
 * <p>Unlike the package's other files this one is appended to as the run goes (as TensorFlow's
 * writer does); {@link #flush()} makes what was written readable. Not thread-safe.
 */
public final class TensorBoardWriter implements AutoCloseable {
    /** The first event's {@code file_version}. */
    public static final String FILE_VERSION = "brain.Event:2";
    /** Buckets of a histogram (TensorBoard re-buckets for display). */
    static final int HISTOGRAM_BUCKETS = 30;

    private final Path file;
    private final OutputStream out;
    private boolean closed;

    private TensorBoardWriter(Path file, OutputStream out) {
        this.file = file;
        this.out = out;
    }

    /**
     * Creates {@code dir} if needed and a new event file in it, named after the current second and this
     * host, and writes the file-version event. A name already taken (a second run in the same second)
     * gets a numeric suffix, which TensorBoard still reads.
     */
    public static TensorBoardWriter open(Path dir) {
        prepare(dir);
        try {
            long secs = System.currentTimeMillis() / 1000;
            String base = "events.out.tfevents." + secs + "." + host();
            Path file = dir.resolve(base);
            for (int i = 1; Files.exists(file); i++) {
                file = dir.resolve(base + "." + i);
            }
            TensorBoardWriter w = new TensorBoardWriter(file, new java.io.BufferedOutputStream(Files.newOutputStream(file,
                    java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE), 1 << 16));
            Proto event = new Proto().fixed64(1, wallTime()).string(3, FILE_VERSION);
            w.record(event.bytes());
            w.flush();
            return w;
        } catch (IOException | UncheckedIOException e) {
            throw UnwritableOutputException.of(dir, e);
        }
    }

    /**
     * Creates {@code dir} if needed and checks that files can be made in it, so a run can fail before
     * its first step.
     *
     * @throws UnwritableOutputException naming {@code dir} and why (a file in its place, no permission, ...)
     */
    public static void prepare(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw UnwritableOutputException.of(dir, e);
        }
        if (!Files.isWritable(dir)) {
            throw new UnwritableOutputException(dir, "permission denied", null);
        }
    }

    /** The event file being written. */
    public Path file() {
        return file;
    }

    /** A scalar (stored as float32, as TensorBoard's {@code simple_value}). */
    public void scalar(String tag, long step, double value) {
        scalars(step, Map.of(tag, value));
    }

    /** Scalars of one step by tag, in one event (one summary of several values: a third of the bytes of one event each). */
    public void scalars(long step, Map<String, Double> tagged) {
        if (tagged.isEmpty()) {
            return;
        }
        Proto summary = new Proto();
        for (Map.Entry<String, Double> v : tagged.entrySet()) {
            summary.message(1, new Proto().string(1, v.getKey()).fixed32(2, Float.floatToIntBits(v.getValue().floatValue())));
        }
        writeSummary(step, summary);
    }

    /** An encoded PNG of {@code width × height} pixels ({@code channels}: 1 grey, 3 RGB, 4 RGBA). */
    public void image(String tag, long step, byte[] png, int width, int height, int channels) {
        Proto image = new Proto().varint(1, height).varint(2, width).varint(3, channels).bytes(4, png);
        write(step, new Proto().string(1, tag).message(4, image));
    }

    /** A histogram of {@code values} (non-finite values are left out; nothing is written when none is finite). */
    public void histogram(String tag, long step, float[] values) {
        float[] v = finite(values);
        if (v.length == 0) {
            return;
        }
        double min = v[0];
        double max = v[v.length - 1];
        double sum = 0;
        double squares = 0;
        for (float x : v) {
            sum += x;
            squares += (double) x * x;
        }
        // Equal-width buckets over [min, max]; bucket i counts values in (limit[i-1], limit[i]].
        int n = min == max ? 1 : HISTOGRAM_BUCKETS;
        double[] limits = new double[n];
        double[] counts = new double[n];
        for (int i = 0; i < n; i++) {
            limits[i] = i == n - 1 ? max : min + (max - min) * (i + 1) / n;
        }
        int b = 0;
        for (float x : v) {   // sorted: walk the buckets once
            while (x > limits[b]) {
                b++;
            }
            counts[b]++;
        }
        Proto histo = new Proto().fixed64(1, min).fixed64(2, max).fixed64(3, v.length).fixed64(4, sum).fixed64(5, squares)
                .packed(6, limits).packed(7, counts);
        write(step, new Proto().string(1, tag).message(5, histo));
    }

    /** Makes every event written so far readable. */
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw UnwritableOutputException.of(file, e);
        }
    }

    /** Flushes and closes the file; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            throw UnwritableOutputException.of(file, e);
        }
    }

    private void write(long step, Proto value) {
        writeSummary(step, new Proto().message(1, value));
    }

    private void writeSummary(long step, Proto summary) {
        Proto event = new Proto().fixed64(1, wallTime()).varint(2, step).message(5, summary);
        try {
            record(event.bytes());
        } catch (IOException e) {
            throw UnwritableOutputException.of(file, e);
        }
    }

    private void record(byte[] data) throws IOException {
        out.write(frame(data));
    }

    /** One TFRecord: length, its masked CRC, the data, its masked CRC (all little-endian). */
    static byte[] frame(byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + 4 + data.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(data.length);
        b.putInt(maskedCrc(b.array(), 0, 8));
        b.put(data);
        b.putInt(maskedCrc(data, 0, data.length));
        return b.array();
    }

    /** TensorFlow's masked CRC32C: {@code ((crc >>> 15) | (crc << 17)) + 0xa282ead8}. */
    static int maskedCrc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + 0xa282ead8;
    }

    private static float[] finite(float[] values) {
        float[] v = new float[values.length];
        int n = 0;
        for (float x : values) {
            if (Float.isFinite(x)) {
                v[n++] = x;
            }
        }
        v = Arrays.copyOf(v, n);
        Arrays.sort(v);
        return v;
    }

    private static double wallTime() {
        return System.currentTimeMillis() / 1000.0;
    }

    private static String host() {
        try {
            String h = InetAddress.getLocalHost().getHostName();
            return h.isEmpty() ? "localhost" : h.replaceAll("[^A-Za-z0-9._-]", "_");
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** The protobuf wire format of one message, field by field. */
    static final class Proto {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

        Proto varint(int field, long value) {
            tag(field, 0);
            raw(value);
            return this;
        }

        Proto fixed64(int field, double value) {
            tag(field, 1);
            long bits = Double.doubleToLongBits(value);
            for (int i = 0; i < 8; i++) {
                buf.write((int) (bits >>> (8 * i)));
            }
            return this;
        }

        Proto fixed32(int field, int bits) {
            tag(field, 5);
            for (int i = 0; i < 4; i++) {
                buf.write(bits >>> (8 * i));
            }
            return this;
        }

        Proto bytes(int field, byte[] value) {
            tag(field, 2);
            raw(value.length);
            buf.writeBytes(value);
            return this;
        }

        Proto string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int field, Proto value) {
            return bytes(field, value.bytes());
        }

        /** A packed repeated double: one length-delimited run of fixed64s. */
        Proto packed(int field, double[] values) {
            ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            for (double v : values) {
                b.putDouble(v);
            }
            return bytes(field, b.array());
        }

        byte[] bytes() {
            return buf.toByteArray();
        }

        private void tag(int field, int wireType) {
            raw(((long) field << 3) | wireType);
        }

        private void raw(long value) {
            while ((value & ~0x7FL) != 0) {
                buf.write((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            buf.write((int) value);
        }
    }
}
