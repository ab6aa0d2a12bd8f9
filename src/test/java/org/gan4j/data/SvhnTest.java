package org.gan4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.gan4j.BadInputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SvhnTest {
    /** Labels as the authors store them: 10 is the digit 0. */
    static final int[] TRAIN_Y = {10, 1, 2, 9, 10};
    static final int[] TEST_Y = {3, 10, 7};

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

    /** train_32x32.mat with plain elements and y as doubles; test_32x32.mat compressed, y stored as uint8. */
    static byte[] trainFile() {
        return new TinyMat(false).svhn(TRAIN_Y.length, TRAIN_Y, false).bytes();
    }

    static byte[] testFile() {
        return new TinyMat(true).svhn(TEST_Y.length, TEST_Y, true).bytes();
    }

    /** The tiny files' sizes, with the real files' MD5s unless given. */
    private static Map<Split, Svhn.Expected> expected(String trainMd5, String testMd5) {
        return Map.of(Split.TRAIN, new Svhn.Expected("train_32x32.mat", trainFile().length, trainMd5),
                Split.TEST, new Svhn.Expected("test_32x32.mat", testFile().length, testMd5));
    }

    private Svhn svhn(List<URI> mirrors, Map<Split, Svhn.Expected> files) {
        return new Svhn(new NamedDatasets.Locations(env, home), mirrors, files, Downloader::create);
    }

    private Svhn offline() {
        return svhn(List.of(URI.create("http://127.0.0.1:9/none/")), Svhn.FILES);
    }

    private DatasetRequest request(Split split) {
        return DatasetRequest.of(Svhn.NAME).withSplit(split).withDownload(false).withMessages(messages::add);
    }

    private Path write(Path dir, String name, byte[] bytes) throws IOException {
        return Files.write(Files.createDirectories(dir).resolve(name), bytes);
    }

    private static float[] sample(Dataset d, int index) {
        float[] x = new float[d.shape().features()];
        d.copyTo(index, x, 0);
        return x;
    }

    @Test
    void bothSplitsLoadByNameAsChwWithTenBecomingZero() throws Exception {
        write(env.resolve("svhn"), "train_32x32.mat", trainFile());
        write(env.resolve("svhn"), "test_32x32.mat", testFile());
        Dataset train = Datasets.open(request(Split.TRAIN).withDataDir(env.resolve("svhn")));
        Dataset test = offline().openDataset(request(Split.TEST));
        assertEquals("svhn/train", train.name());
        assertEquals("svhn/test", test.name());
        assertEquals(5, train.size());
        assertEquals(3, test.size());
        assertEquals(SampleShape.image(3, 32, 32), train.shape());
        assertEquals(10, train.numClasses());
        assertEquals(List.of(0, 1, 2, 9, 0), List.of(train.label(0), train.label(1), train.label(2), train.label(3), train.label(4)));
        assertEquals(List.of(3, 0, 7), List.of(test.label(0), test.label(1), test.label(2)));
        for (Dataset d : List.of(train, test)) {
            for (int n = 0; n < d.size(); n++) {
                float[] x = sample(d, n);
                float[] want = new float[3072];
                for (int c = 0; c < 3; c++) {
                    for (int h = 0; h < 32; h++) {
                        for (int w = 0; w < 32; w++) {
                            want[c * 1024 + h * 32 + w] = TinyMat.pixel(n, c, h, w) / 255f;
                        }
                    }
                }
                assertArrayEquals(want, x, d.name() + " image " + n);
            }
        }
        // row 2, column 5 of image 1: h weighs 5 and w 3, so a transposed image would differ here
        assertEquals(TinyMat.pixel(1, 2, 2, 5) / 255f, sample(train, 1)[2 * 1024 + 2 * 32 + 5]);
        assertNotEquals(TinyMat.pixel(1, 2, 5, 2), TinyMat.pixel(1, 2, 2, 5));
        String reading = "reading svhn/test from " + env.resolve("svhn/test_32x32.mat") + " (SHA-256 "
                + Cifar10Test.hex("SHA-256", testFile()) + ")";
        assertTrue(messages.contains(reading), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("note: ") && m.contains("not the 64275384 of SVHN's test_32x32.mat")),
                messages.toString());
    }

    @Test
    void plainCompressedAndBigEndianFilesHoldTheSameData() throws Exception {
        Path plain = write(tmp.resolve("plain"), "a.mat", new TinyMat(false).svhn(5, TRAIN_Y, false).bytes());
        Path packed = write(tmp.resolve("packed"), "a.mat", new TinyMat(true).svhn(5, TRAIN_Y, true).bytes());
        assertTrue(Files.size(packed) < Files.size(plain) / 4, "compressed");
        Svhn.Read a = Svhn.fromMat("svhn/train", plain);
        Svhn.Read b = Svhn.fromMat("svhn/train", packed);
        assertEquals(a.data().digest(), b.data().digest());
        assertNotEquals(a.sha256(), b.sha256());
        for (boolean z : new boolean[] {false, true}) {
            Path big = write(tmp.resolve("big" + z), "a.mat",
                    new TinyMat(z, java.nio.ByteOrder.BIG_ENDIAN).svhn(5, TRAIN_Y, !z).bytes());
            assertEquals(a.data().digest(), Svhn.fromMat("svhn/train", big).data().digest(), "a big-endian file, compressed " + z);
        }
        assertEquals(Cifar10Test.hex("SHA-256", Files.readAllBytes(packed)), b.sha256());
    }

    @Test
    void aTruncatedFileIsOneLineNamingIt() throws Exception {
        for (byte[] good : List.of(trainFile(), testFile())) {
            for (int length : new int[] {good.length - 1, good.length / 2, 130, 60}) {
                Path file = write(tmp.resolve("cut"), "train_32x32.mat", Arrays.copyOf(good, length));
                BadInputException e = assertThrows(BadInputException.class,
                        () -> offline().openDataset(request(Split.TRAIN).withDataDir(file.getParent())));
                assertTrue(e.getMessage().startsWith(file + ": is truncated") || length == 60, e.getMessage());
                assertFalse(e.getMessage().contains("\n"), e.getMessage());
                if (length == 60) {
                    assertEquals(file + ": is not a MATLAB 5 MAT-file (shorter than the 128-byte header)", e.getMessage());
                }
            }
        }
        Path text = write(tmp.resolve("text"), "test_32x32.mat", "just some text, not a MAT-file at all".repeat(5).getBytes());
        BadInputException e = assertThrows(BadInputException.class,
                () -> offline().openDataset(request(Split.TEST).withDataDir(text.getParent())));
        assertEquals(text + ": is not a MATLAB 5 MAT-file (its header does not start with 'MATLAB')", e.getMessage());
        byte[] corrupt = testFile();
        corrupt[corrupt.length - 1] ^= 0x55; // the Adler-32 of the last zlib stream, which ends the file
        Path bad = write(tmp.resolve("zlib"), "test_32x32.mat", corrupt);
        e = assertThrows(BadInputException.class, () -> Svhn.fromMat("svhn/test", bad));
        assertTrue(e.getMessage().startsWith(bad + ": has a corrupt compressed element"), e.getMessage());
    }

    private String refusal(byte[] file) throws IOException {
        Path p = write(tmp.resolve("layout"), "train_32x32.mat", file);
        BadInputException e = assertThrows(BadInputException.class,
                () -> offline().openDataset(request(Split.TRAIN).withDataDir(p.getParent())));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().startsWith(p + ": "), e.getMessage());
        return e.getMessage().substring((p + ": ").length());
    }

    @Test
    void aFileNotInSvhnsLayoutIsRefusedInOneLine() throws Exception {
        for (boolean z : new boolean[] {false, true}) {
            byte[] doubles = new byte[8 * 3072 * 2];
            assertEquals("holds array 'X' (double, 32x32x3x2, stored as miDOUBLE), but SVHN's 'X' is uint8, 32x32x3xN with N > 0",
                    refusal(new TinyMat(z).array("X", MatFile.MX_DOUBLE, new int[] {32, 32, 3, 2}, MatFile.MI_DOUBLE, doubles)
                            .labels("y", new int[] {1, 2}, false).bytes()));
            assertEquals("holds array 'X' (uint8, 3x32x32x2, stored as miUINT8), but SVHN's 'X' is uint8, 32x32x3xN with N > 0",
                    refusal(new TinyMat(z).array("X", MatFile.MX_UINT8, new int[] {3, 32, 32, 2}, MatFile.MI_UINT8, new byte[6144])
                            .labels("y", new int[] {1, 2}, false).bytes()));
            assertEquals("'X' holds 5 images but 'y' 4 labels",
                    refusal(new TinyMat(z).svhn(5, new int[] {1, 2, 3, 4}, z).bytes()));
            assertEquals("has label 11.0 at index 2 of 'y', but SVHN's labels are 1-10",
                    refusal(new TinyMat(z).svhn(3, new int[] {1, 2, 11}, z).bytes()));
            assertEquals("has label 0.0 at index 0 of 'y', but SVHN's labels are 1-10",
                    refusal(new TinyMat(z).svhn(1, new int[] {0}, z).bytes()));
            assertEquals("holds no array 'y' (is it SVHN's cropped digits, train_32x32.mat or test_32x32.mat?)",
                    refusal(new TinyMat(z).array("X", MatFile.MX_UINT8, new int[] {32, 32, 3, 1}, MatFile.MI_UINT8, new byte[3072])
                            .bytes()));
            assertEquals("holds array 'digitStruct' (uint8, 1x1, stored as miUINT8), but SVHN's files hold only 'X' and 'y'",
                    refusal(new TinyMat(z).array("digitStruct", MatFile.MX_UINT8, new int[] {1, 1}, MatFile.MI_UINT8, new byte[1])
                            .bytes()));
            assertEquals("has array 'X' (uint8, 32x32x3x2, stored as miUINT8) with 3072 bytes of values, expected 6144",
                    refusal(new TinyMat(z).array("X", MatFile.MX_UINT8, new int[] {32, 32, 3, 2}, MatFile.MI_UINT8, new byte[3072])
                            .bytes()));
        }
        // a compressed element whose byte count covers 8 bytes more than its zlib stream
        byte[] one = new TinyMat(true).svhn(1, new int[] {1}, true).bytes();
        java.nio.ByteBuffer tag = java.nio.ByteBuffer.wrap(one, 128, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int count = tag.getInt(132);
        java.io.ByteArrayOutputStream extra = new java.io.ByteArrayOutputStream();
        extra.write(one, 0, 132);
        extra.writeBytes(java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(count + 8).array());
        extra.write(one, 136, count);
        extra.writeBytes(new byte[8]);
        extra.write(one, 136 + count, one.length - 136 - count);
        assertEquals("has 8 bytes after the zlib stream of a compressed element", refusal(extra.toByteArray()));
        byte[] v73 = trainFile();
        v73[126] = 0;
        v73[127] = 2;
        assertTrue(refusal(v73).startsWith("is not a MATLAB 5 MAT-file (endian indicator"), refusal(v73));
    }

    @Test
    void downloadsEachSplitOnceAndResumesACutDownload() throws Exception {
        byte[] train = trainFile();
        byte[] test = testFile();
        try (LocalMirror mirror = new LocalMirror()) {
            mirror.files.put("train_32x32.mat", train);
            mirror.files.put("test_32x32.mat", test);
            mirror.cutOnce.add("train_32x32.mat");
            Svhn s = svhn(List.of(LocalMirror.unreachable(), mirror.base()),
                    expected(Cifar10Test.hex("MD5", train), Cifar10Test.hex("MD5", test)));
            assertEquals(5, s.openDataset(request(Split.TRAIN).withDownload(true)).size());
            assertEquals(List.of("train_32x32.mat -", "train_32x32.mat bytes=" + train.length / 2 + "-"),
                    mirror.requestsFor("train_32x32.mat"));
            assertEquals(3, s.openDataset(request(Split.TEST).withDownload(true)).size());
            assertEquals(5, s.openDataset(request(Split.TRAIN).withDownload(true)).size());
            assertEquals(2, mirror.requestsFor("train_32x32.mat").size(), "read from the cache the second time");
            Path dir = home.resolve(".gan4j/data/svhn");
            assertArrayEquals(train, Files.readAllBytes(dir.resolve("train_32x32.mat")));
            assertEquals("train in " + dir.resolve("train_32x32.mat") + "; test in " + dir.resolve("test_32x32.mat"),
                    s.describeDataset());
            assertFalse(messages.stream().anyMatch(m -> m.startsWith("note: ")), "the sizes are the expected ones: " + messages);
        }
    }

    @Test
    void aDownloadWithTheWrongMd5IsRefusedAndLeavesNoFile() throws Exception {
        byte[] train = trainFile();
        try (LocalMirror mirror = new LocalMirror()) {
            mirror.files.put("train_32x32.mat", train);
            Svhn s = svhn(List.of(mirror.base()), expected(Svhn.FILES.get(Split.TRAIN).md5(), "00".repeat(16)));
            BadInputException e = assertThrows(BadInputException.class,
                    () -> s.openDataset(request(Split.TRAIN).withDownload(true)));
            assertEquals("download of " + mirror.base() + "train_32x32.mat failed verification: MD5 " + Cifar10Test.hex("MD5", train)
                    + ", expected e26dedcc434d2e4c54c9b2d4a06d8373 (the partial file was deleted)", e.getMessage());
            assertFalse(Files.exists(home.resolve(".gan4j/data/svhn/train_32x32.mat")));
        }
    }

    @Test
    void withoutDataOrDownloadTheMessageSaysWhereToPutIt() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        BadInputException e = assertThrows(BadInputException.class,
                () -> offline().openDataset(request(Split.TEST).withDataDir(empty)));
        assertEquals("dataset 'svhn' not found in " + empty + ": expected test_32x32.mat there", e.getMessage());
        e = assertThrows(BadInputException.class, () -> offline().openDataset(request(Split.TRAIN)));
        assertEquals("dataset 'svhn' not found: pass --data DIR (a folder with train_32x32.mat), set GAN4J_DATA, put"
                + " train_32x32.mat in " + home.resolve(".gan4j/data/svhn") + ", or allow the download (download is off)",
                e.getMessage());
        assertEquals("train not found; would download http://127.0.0.1:9/none/train_32x32.mat (174 MB) into "
                + home.resolve(".gan4j/data/svhn") + "; test not found; would download http://127.0.0.1:9/none/test_32x32.mat"
                + " (61 MB) into " + home.resolve(".gan4j/data/svhn"), offline().describeDataset());
    }

    @Test
    void isRegisteredAt32AndPointsAtTheAuthorsFiles() {
        assertTrue(Datasets.names().contains("svhn"));
        assertEquals(List.of(32), Datasets.sides("svhn").allowed());
        assertEquals(URI.create("http://ufldl.stanford.edu/housenumbers/train_32x32.mat"),
                Svhn.MIRRORS.get(0).resolve(Svhn.FILES.get(Split.TRAIN).file()));
        assertEquals(182_040_794L, Svhn.FILES.get(Split.TRAIN).bytes());
        assertEquals(64_275_384L, Svhn.FILES.get(Split.TEST).bytes());
        assertEquals("e26dedcc434d2e4c54c9b2d4a06d8373", Svhn.FILES.get(Split.TRAIN).md5());
        assertEquals("eb5a983be6a315427106f1b164d9cef3", Svhn.FILES.get(Split.TEST).md5());
    }
}
