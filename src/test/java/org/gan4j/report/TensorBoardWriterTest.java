package org.gan4j.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event file's framing and encoding in plain Java; {@code train/TensorBoardExportTest} reads a
 * run's file with TensorBoard's own reader.
 */
class TensorBoardWriterTest {
    @TempDir
    Path tmp;

    @Test
    void maskedCrcOfTheStandardCheckVector() {
        // CRC32C("123456789") = 0xE3069283 (RFC 3720, B.4); masked: ((c >>> 15) | (c << 17)) + 0xa282ead8,
        // worked by hand: 0x0001C60D | 0x25060000 = 0x2507C60D; + 0xA282EAD8 = 0xC78AB0E5 (TensorBoard's masked_crc32c agrees).
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xC78AB0E5, TensorBoardWriter.maskedCrc(check, 0, check.length));
        assertEquals(0xA282EAD8, TensorBoardWriter.maskedCrc(new byte[0], 0, 0), "CRC of nothing is 0: the mask's delta alone");
        assertEquals(0x07980329, TensorBoardWriter.maskedCrc(new byte[8], 0, 8), "the length field of an empty record");
    }

    @Test
    void aRecordIsLengthCrcDataCrcLittleEndian() {
        byte[] data = "123456789".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.wrap(TensorBoardWriter.frame(data)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(8 + 4 + 9 + 4, b.remaining());
        assertEquals(9L, b.getLong());
        byte[] length = new byte[8];
        ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).putLong(9);
        assertEquals(TensorBoardWriter.maskedCrc(length, 0, 8), b.getInt());
        byte[] body = new byte[9];
        b.get(body);
        assertArrayEquals(data, body);
        assertEquals(0xC78AB0E5, b.getInt());
    }

    @Test
    void protobufFieldsAreEncodedOnTheWire() {
        // field 2 varint 300: tag 0x10, 300 = 0xAC 0x02 (the protobuf documentation's example)
        assertArrayEquals(new byte[] {0x10, (byte) 0xAC, 0x02}, new TensorBoardWriter.Proto().varint(2, 300).bytes());
        // field 1 string "ab": tag 0x0A, length 2
        assertArrayEquals(new byte[] {0x0A, 2, 'a', 'b'}, new TensorBoardWriter.Proto().string(1, "ab").bytes());
        // field 2 float 1.0 (fixed32, tag 0x15): 0x3F800000 little-endian
        assertArrayEquals(new byte[] {0x15, 0, 0, (byte) 0x80, 0x3F},
                new TensorBoardWriter.Proto().fixed32(2, Float.floatToIntBits(1f)).bytes());
        // field 1 double 1.0 (fixed64, tag 0x09)
        assertArrayEquals(new byte[] {0x09, 0, 0, 0, 0, 0, 0, (byte) 0xF0, 0x3F}, new TensorBoardWriter.Proto().fixed64(1, 1.0).bytes());
        // a negative int64 is ten bytes
        assertEquals(11, new TensorBoardWriter.Proto().varint(2, -1).bytes().length);
        // packed doubles: tag 0x32 (field 6, wire type 2), 16 bytes
        byte[] packed = new TensorBoardWriter.Proto().packed(6, new double[] {1, 2}).bytes();
        assertEquals(0x32, packed[0]);
        assertEquals(16, packed[1]);
    }

    @Test
    void theFileIsWholeRecordsStartingWithTheFileVersion() throws Exception {
        Path file;
        try (TensorBoardWriter w = TensorBoardWriter.open(tmp.resolve("tb"))) {
            file = w.file();
            w.scalar("loss/d_loss", 1, 0.5);
            w.histogram("d/real_outputs", 1, new float[] {-1, 0, 0.5f, 2, Float.NaN});
            w.histogram("d/constant", 1, new float[] {3, 3});
            w.image("samples", 1, new byte[] {1, 2, 3}, 4, 5, 1);
        }
        assertTrue(file.getFileName().toString().startsWith("events.out.tfevents."), file.toString());
        List<byte[]> records = records(Files.readAllBytes(file));
        assertEquals(5, records.size());
        assertTrue(new String(records.get(0), StandardCharsets.UTF_8).contains(TensorBoardWriter.FILE_VERSION));
        assertTrue(new String(records.get(1), StandardCharsets.UTF_8).contains("loss/d_loss"));
    }

    @Test
    void twoFilesInOneSecondDoNotCollide() {
        try (TensorBoardWriter a = TensorBoardWriter.open(tmp); TensorBoardWriter b = TensorBoardWriter.open(tmp)) {
            assertNotEquals(a.file(), b.file());
        }
    }

    /** The records' data, each checked against both its CRCs. */
    static List<byte[]> records(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> out = new ArrayList<>();
        while (b.hasRemaining()) {
            int start = b.position();
            long length = b.getLong();
            assertEquals(TensorBoardWriter.maskedCrc(file, start, 8), b.getInt(), "length CRC of record " + out.size());
            byte[] data = new byte[(int) length];
            b.get(data);
            assertEquals(TensorBoardWriter.maskedCrc(data, 0, data.length), b.getInt(), "data CRC of record " + out.size());
            out.add(data);
        }
        return out;
    }
}
