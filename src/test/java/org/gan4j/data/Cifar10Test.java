package org.gan4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.gan4j.BadInputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10Test {
    /** Records per batch file in the tiny copies: 5 x 20 = 100 train, 20 test. */
    static final int PER_BATCH = 20;

    @TempDir
    Path tmp;
    Path env;
    Path home;
    final List<String> messages = new ArrayList<>();

    @BeforeEach
    void dirs() throws IOException {
        env = Files.createDirectories(tmp.resolve("env"));
        home = Files.createDirectories(tmp.resolve("home"));
    }

    /** The label of record {@code r} of batch {@code b}: every class appears, in a known order. */
    static int label(int b, int r) {
        return (b * 3 + r) % 10;
    }

    /** Byte {@code i} (0..3071, C×H×W) of record {@code r} of batch {@code b}. */
    static int pixel(int b, int r, int i) {
        return (i * 7 + r * 13 + b * 31) & 0xff;
    }

    /** Batch file {@code b} (1-5 train, 6 test) in the authors' format: label byte, 1,024 R, 1,024 G, 1,024 B. */
    static byte[] batch(int b, int records) {
        byte[] out = new byte[records * Cifar10.RECORD];
        for (int r = 0; r < records; r++) {
            out[r * Cifar10.RECORD] = (byte) label(b, r);
            for (int i = 0; i < 3072; i++) {
                out[r * Cifar10.RECORD + 1 + i] = (byte) pixel(b, r, i);
            }
        }
        return out;
    }

    static String fileName(int b) {
        return b == 6 ? "test_batch.bin" : "data_batch_" + b + ".bin";
    }

    /** Writes the six batch files into {@code dir}, as the tarball extracts them into cifar-10-batches-bin. */
    static Path writeFolder(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (int b = 1; b <= 6; b++) {
            Files.write(dir.resolve(fileName(b)), batch(b, PER_BATCH));
        }
        Files.writeString(dir.resolve("batches.meta.txt"), "airplane\nautomobile\n");
        return dir;
    }

    /** A tar.gz laid out as the authors' one: a directory entry, then the files under cifar-10-batches-bin/. */
    static byte[] tarball(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(header("cifar-10-batches-bin/", 0, '5'));
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                out.write(header("cifar-10-batches-bin/" + f.getKey(), f.getValue().length, '0'));
                out.write(f.getValue());
                out.write(new byte[(512 - f.getValue().length % 512) % 512]);
            }
            out.write(new byte[1024]);
        }
        return bytes.toByteArray();
    }

    static byte[] tarball() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("batches.meta.txt", "airplane\n".getBytes(StandardCharsets.US_ASCII));
        for (int b = 1; b <= 6; b++) {
            files.put(fileName(b), batch(b, PER_BATCH));
        }
        return tarball(files);
    }

    /** A ustar header: name, mode, uid, gid, size, mtime, checksum, type, magic. */
    static byte[] header(String name, long size, char type) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, "0001750");
        put(h, 116, "0001750");
        put(h, 124, String.format("%011o", size));
        put(h, 136, String.format("%011o", 1_244_000_000L));
        h[156] = (byte) type;
        put(h, 257, "ustar");
        put(h, 263, "00");
        Arrays.fill(h, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        return h;
    }

    private static void put(byte[] h, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, at, b.length);
    }

    static String hex(String algorithm, byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(b));
    }

    private Cifar10 cifar(List<URI> mirrors, Map<String, String> digests) {
        return new Cifar10(new NamedDatasets.Locations(env, home), mirrors, digests, Downloader::create);
    }

    private Cifar10 offline() {
        return cifar(List.of(URI.create("http://127.0.0.1:9/none/")), Cifar10.DIGESTS);
    }

    private DatasetRequest request(Split split) {
        return DatasetRequest.of(Cifar10.NAME).withSplit(split).withDownload(false).withMessages(messages::add);
    }

    private static float[] sample(Dataset d, int index) {
        float[] x = new float[d.shape().features()];
        d.copyTo(index, x, 0);
        return x;
    }

    @Test
    void trainIsTheFiveDataBatchesAndTestTheTestBatch() throws Exception {
        Files.write(Files.createDirectories(env.resolve("cifar10")).resolve(Cifar10.ARCHIVE), tarball());
        Dataset train = offline().openDataset(request(Split.TRAIN));
        Dataset test = offline().openDataset(request(Split.TEST));
        assertEquals(5 * PER_BATCH, train.size());
        assertEquals(PER_BATCH, test.size());
        assertEquals("cifar10/train", train.name());
        assertEquals("cifar10/test", test.name());
        assertEquals(SampleShape.image(3, 32, 32), train.shape());
        assertEquals(10, train.numClasses());
        assertEquals(10, test.numClasses());
        // records keep their order: batch 1's first, batch 5's last
        assertEquals(label(1, 0), train.label(0));
        assertEquals(label(3, 4), train.label(2 * PER_BATCH + 4));
        assertEquals(label(5, PER_BATCH - 1), train.label(5 * PER_BATCH - 1));
        assertEquals(label(6, 7), test.label(7));
    }

    @Test
    void aRecordBecomesItsChwBytesOver255() throws Exception {
        Path folder = writeFolder(tmp.resolve("cifar-10-batches-bin"));
        Dataset d = offline().openDataset(request(Split.TRAIN).withDataDir(folder));
        int index = PER_BATCH + 3; // record 3 of data_batch_2.bin
        float[] x = sample(d, index);
        float[] expected = new float[3072];
        for (int i = 0; i < 3072; i++) {
            expected[i] = pixel(2, 3, i) / 255f;
        }
        assertArrayEquals(expected, x);
        // the planes: red (row 2, column 5), green and blue at the same place
        int at = 2 * 32 + 5;
        assertEquals(pixel(2, 3, at) / 255f, x[at]);
        assertEquals(pixel(2, 3, 1024 + at) / 255f, x[1024 + at]);
        assertEquals(pixel(2, 3, 2048 + at) / 255f, x[2048 + at]);
        for (float v : x) {
            assertTrue(v >= 0 && v <= 1, "in [0, 1]: " + v);
        }
        assertEquals(label(2, 3), d.label(index));
    }

    @Test
    void folderTarballAndParentFolderHoldTheSameData() throws Exception {
        Path parent = tmp.resolve("extracted");
        Path folder = writeFolder(parent.resolve(Cifar10.FOLDER));
        Path withArchive = Files.createDirectories(tmp.resolve("archive"));
        Files.write(withArchive.resolve(Cifar10.ARCHIVE), tarball());
        String a = offline().openDataset(request(Split.TEST).withDataDir(folder)).digest();
        String b = offline().openDataset(request(Split.TEST).withDataDir(parent)).digest();
        String c = offline().openDataset(request(Split.TEST).withDataDir(withArchive)).digest();
        assertEquals(a, b);
        assertEquals(a, c);
        String train = offline().openDataset(request(Split.TRAIN).withDataDir(folder)).digest();
        assertNotEquals(a, train);
    }

    @Test
    void aDataDirWithoutTheFilesFailsInsteadOfFallingThrough() throws Exception {
        Files.write(Files.createDirectories(env.resolve("cifar10")).resolve(Cifar10.ARCHIVE), tarball());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        BadInputException e = assertThrows(BadInputException.class,
                () -> offline().openDataset(request(Split.TEST).withDataDir(empty)));
        assertEquals("dataset 'cifar10' not found in " + empty + ": expected test_batch.bin there (the extracted"
                + " cifar-10-batches-bin folder), in its cifar-10-batches-bin subfolder, or cifar-10-binary.tar.gz", e.getMessage());
    }

    @Test
    void aShortBatchFileIsOneLineNamingTheFile() throws Exception {
        Path folder = writeFolder(tmp.resolve("short"));
        Path file = folder.resolve("data_batch_4.bin");
        Files.write(file, Arrays.copyOf(batch(4, 2), Cifar10.RECORD + 100));
        BadInputException e = assertThrows(BadInputException.class,
                () -> offline().openDataset(request(Split.TRAIN).withDataDir(folder)));
        assertEquals(file + ": 3173 bytes are 1 records and 100 bytes, but CIFAR-10 batch files are whole 3073-byte"
                + " records (1 label byte, 3x32x32 pixels)", e.getMessage());
        Files.write(file, new byte[0]);
        e = assertThrows(BadInputException.class, () -> offline().openDataset(request(Split.TRAIN).withDataDir(folder)));
        assertTrue(e.getMessage().startsWith(file + ": is empty"), e.getMessage());
    }

    @Test
    void aLabelAbove9IsRefusedNamingFileAndRecord() throws Exception {
        Path folder = writeFolder(tmp.resolve("labels"));
        byte[] b = batch(6, PER_BATCH);
        b[5 * Cifar10.RECORD] = 10;
        Files.write(folder.resolve("test_batch.bin"), b);
        BadInputException e = assertThrows(BadInputException.class,
                () -> offline().openDataset(request(Split.TEST).withDataDir(folder)));
        assertEquals(folder.resolve("test_batch.bin") + ": the record at index 5 has label 10, but cifar10's classes are 0-9",
                e.getMessage());
    }

    @Test
    void aCorruptOrTruncatedTarballIsOneLineNamingIt() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("bad"));
        Path archive = dir.resolve(Cifar10.ARCHIVE);
        byte[] good = tarball();

        Files.write(archive, Arrays.copyOf(good, good.length / 2));
        BadInputException e = assertThrows(BadInputException.class,
                () -> offline().openDataset(request(Split.TEST).withDataDir(dir)));
        assertTrue(e.getMessage().startsWith(archive + ": is truncated"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));

        Files.write(archive, "not gzip at all".getBytes(StandardCharsets.US_ASCII));
        e = assertThrows(BadInputException.class, () -> offline().openDataset(request(Split.TEST).withDataDir(dir)));
        assertTrue(e.getMessage().startsWith(archive + ": is not a valid gzip file"), e.getMessage());

        Map<String, byte[]> trainOnly = new LinkedHashMap<>();
        trainOnly.put("data_batch_1.bin", batch(1, 2));
        Files.write(archive, tarball(trainOnly));
        e = assertThrows(BadInputException.class, () -> offline().openDataset(request(Split.TEST).withDataDir(dir)));
        assertEquals(archive + ": holds no cifar-10-batches-bin/test_batch.bin (is it the CIFAR-10 binary version,"
                + " cifar-10-binary.tar.gz?)", e.getMessage());

        Map<String, byte[]> shortTest = new LinkedHashMap<>();
        shortTest.put("test_batch.bin", new byte[100]);
        Files.write(archive, tarball(shortTest));
        e = assertThrows(BadInputException.class, () -> offline().openDataset(request(Split.TEST).withDataDir(dir)));
        assertTrue(e.getMessage().startsWith(archive + " (cifar-10-batches-bin/test_batch.bin): 100 bytes are 0 records"),
                e.getMessage());
    }

    @Test
    void downloadsTheTarballIntoTheHomeDirectoryOnceBothDigestsMatch() throws Exception {
        byte[] archive = tarball();
        try (LocalMirror mirror = new LocalMirror()) {
            mirror.files.put(Cifar10.ARCHIVE, archive);
            Cifar10 c = cifar(List.of(LocalMirror.unreachable(), mirror.base()),
                    Cifar10.orderedDigests(hex("SHA-256", archive), hex("MD5", archive)));
            Dataset test = c.openDataset(request(Split.TEST).withDownload(true));
            assertEquals(PER_BATCH, test.size());
            Path kept = home.resolve(".gan4j/data/cifar10").resolve(Cifar10.ARCHIVE);
            assertArrayEquals(archive, Files.readAllBytes(kept), "the tarball is kept as downloaded");
            Dataset train = c.openDataset(request(Split.TRAIN).withDownload(true));
            assertEquals(5 * PER_BATCH, train.size());
            assertEquals(1, mirror.requestsFor(Cifar10.ARCHIVE).size(), "the second split is read from the cached tarball");
            assertEquals("train and test in " + kept, c.describeDataset());
        }
    }

    @Test
    void aDigestMismatchIsRefusedAndLeavesNoFile() throws Exception {
        byte[] archive = tarball();
        try (LocalMirror mirror = new LocalMirror()) {
            mirror.files.put(Cifar10.ARCHIVE, archive);
            String wrongMd5 = "00".repeat(16);
            Cifar10 c = cifar(List.of(mirror.base()), Cifar10.orderedDigests(hex("SHA-256", archive), wrongMd5));
            BadInputException e = assertThrows(BadInputException.class,
                    () -> c.openDataset(request(Split.TRAIN).withDownload(true)));
            assertEquals("download of " + mirror.base() + Cifar10.ARCHIVE + " failed verification: MD5 " + hex("MD5", archive)
                    + ", expected " + wrongMd5 + " (the partial file was deleted)", e.getMessage());
            Path dir = home.resolve(".gan4j/data/cifar10");
            assertFalse(Files.exists(dir.resolve(Cifar10.ARCHIVE)));
            assertFalse(Files.exists(dir.resolve(Cifar10.ARCHIVE + ".part")));

            Cifar10 wrongSha = cifar(List.of(mirror.base()), Cifar10.orderedDigests("11".repeat(32), hex("MD5", archive)));
            e = assertThrows(BadInputException.class, () -> wrongSha.openDataset(request(Split.TRAIN).withDownload(true)));
            assertTrue(e.getMessage().contains("failed verification: SHA-256 " + hex("SHA-256", archive)), e.getMessage());
            assertFalse(Files.exists(dir.resolve(Cifar10.ARCHIVE)));
        }
    }

    @Test
    void aCutDownloadResumesWithARangeRequest() throws Exception {
        byte[] archive = tarball();
        try (LocalMirror mirror = new LocalMirror()) {
            mirror.files.put(Cifar10.ARCHIVE, archive);
            mirror.cutOnce.add(Cifar10.ARCHIVE);
            Cifar10 c = cifar(List.of(mirror.base()), Cifar10.orderedDigests(hex("SHA-256", archive), hex("MD5", archive)));
            assertEquals(PER_BATCH, c.openDataset(request(Split.TEST).withDownload(true)).size());
            assertEquals(List.of(Cifar10.ARCHIVE + " -", Cifar10.ARCHIVE + " bytes=" + archive.length / 2 + "-"),
                    mirror.requestsFor(Cifar10.ARCHIVE));
        }
    }

    @Test
    void withoutDataOrDownloadTheMessageSaysWhereToPutIt() throws Exception {
        BadInputException e = assertThrows(BadInputException.class, () -> offline().openDataset(request(Split.TRAIN)));
        assertEquals("dataset 'cifar10' not found: pass --data DIR (the extracted cifar-10-batches-bin folder), set GAN4J_DATA,"
                + " put cifar-10-binary.tar.gz in " + home.resolve(".gan4j/data/cifar10") + ", or allow the download (download is off)",
                e.getMessage());
        URI down = LocalMirror.unreachable();
        e = assertThrows(BadInputException.class,
                () -> cifar(List.of(down), Cifar10.DIGESTS).openDataset(request(Split.TRAIN).withDownload(true)));
        assertTrue(e.getMessage().contains("(download failed: " + down + Cifar10.ARCHIVE + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertTrue(offline().describeDataset().startsWith("train and test not found; would download http://127.0.0.1:9/none/"
                + Cifar10.ARCHIVE + " (162 MB) into " + home.resolve(".gan4j/data/cifar10")));
    }

    @Test
    void isRegisteredAndPointsAtTheAuthorsFile() {
        assertTrue(Datasets.names().contains("cifar10"));
        assertEquals(List.of(URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz")),
                Cifar10.MIRRORS.stream().map(m -> m.resolve(Cifar10.ARCHIVE)).toList());
        assertEquals("c32a1d4ab5d03f1284b67883e8d87530", Cifar10.DIGESTS.get("MD5"), "the MD5 published on the CIFAR page");
        assertEquals(64, Cifar10.DIGESTS.get("SHA-256").length());
    }
}
