package org.gan4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gan4j.BadInputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamedDatasetsTest {
    @TempDir
    Path tmp;
    Path env;
    Path home;
    Path system;
    final List<String> messages = new ArrayList<>();

    @BeforeEach
    void dirs() throws Exception {
        env = Files.createDirectories(tmp.resolve("env"));
        home = Files.createDirectories(tmp.resolve("home"));
        system = tmp.resolve("usr-share");
    }

    /** Writes a split with {@code n} 28×28 images whose first pixel is {@code marker}, so tests can tell copies apart. */
    static void writeSplit(Path dir, Split split, int n, int marker, boolean gzip) {
        byte[] labels = new byte[n];
        labels[n - 1] = 9;
        writeSplit(dir, split, n, marker, gzip, 28, labels);
    }

    /** Writes a split of {@code labels.length} {@code side}×{@code side} images with these labels. */
    static void writeSplit(Path dir, Split split, int n, int marker, boolean gzip, int side, byte[] labels) {
        String[] names = NamedDatasets.baseNames(split);
        String suffix = gzip ? ".gz" : "";
        byte[] pixels = new byte[n * side * side];
        pixels[0] = (byte) marker;
        IdxFormat.writeImages(dir.resolve(names[0] + suffix), pixels, n, 1, side, side);
        IdxFormat.writeLabels(dir.resolve(names[1] + suffix), labels);
    }

    private NamedDatasets named(Path envRoot, List<URI> mirrors, Map<String, String> sha) {
        NamedDatasets.Spec spec = new NamedDatasets.Spec("fashion-mnist", mirrors, sha, system, "apt-get install dataset-fashion-mnist");
        return new NamedDatasets(new NamedDatasets.Locations(envRoot, home), NamedDatasets.catalog(spec), Downloader::create);
    }

    private NamedDatasets named() {
        return named(env, List.of(URI.create("http://127.0.0.1:9/none/")), Map.of());
    }

    private DatasetRequest request(Split split) {
        return DatasetRequest.of("fashion-mnist").withSplit(split).withDownload(false).withMessages(messages::add);
    }

    private static int marker(Dataset d) {
        float[] x = new float[d.shape().features()];
        d.copyTo(0, x, 0);
        return Math.round(x[0] * 255);
    }

    @Test
    void searchesEnvThenHomeThenSystemDirectory() {
        writeSplit(system, Split.TRAIN, 3, 3, true);
        assertEquals(3, marker(named().openDataset(request(Split.TRAIN))));
        writeSplit(home.resolve(".gan4j/data/fashion-mnist"), Split.TRAIN, 3, 2, false);
        assertEquals(2, marker(named().openDataset(request(Split.TRAIN))));
        writeSplit(env.resolve("fashion-mnist"), Split.TRAIN, 3, 1, true);
        Dataset d = named().openDataset(request(Split.TRAIN));
        assertEquals(1, marker(d));
        assertEquals("fashion-mnist/train", d.name());
        assertEquals(10, d.numClasses());
        assertEquals(SampleShape.image(1, 28, 28), d.shape());
        assertEquals(3, marker(named(null, List.of(), Map.of()).openDataset(request(Split.TRAIN).withDataDir(system))));
    }

    @Test
    void explicitDataDirWithoutTheFilesFailsInsteadOfFallingThrough() {
        writeSplit(home.resolve(".gan4j/data/fashion-mnist"), Split.TRAIN, 3, 2, true);
        Path empty = tmp.resolve("empty");
        BadInputException e = assertThrows(BadInputException.class,
                () -> named().openDataset(request(Split.TRAIN).withDataDir(empty)));
        assertEquals("dataset 'fashion-mnist' not found in " + empty
                + ": expected train-images-idx3-ubyte[.gz] and train-labels-idx1-ubyte[.gz] there", e.getMessage());
    }

    @Test
    void aSplitNeedsBothFilesAndSplitsAreIndependent() throws Exception {
        Path user = home.resolve(".gan4j/data/fashion-mnist");
        writeSplit(user, Split.TEST, 2, 5, true);
        Files.delete(user.resolve("t10k-labels-idx1-ubyte.gz"));
        writeSplit(system, Split.TEST, 2, 6, true);
        assertEquals(6, marker(named().openDataset(request(Split.TEST))));
        BadInputException e = assertThrows(BadInputException.class, () -> named().openDataset(request(Split.TRAIN)));
        assertEquals("dataset 'fashion-mnist' not found: pass --data DIR, set GAN4J_DATA, put the files in "
                + user + ", apt-get install dataset-fashion-mnist, or allow the download (download is off)", e.getMessage());
    }

    @Test
    void malformedFilesAreReportedNotSkipped() throws Exception {
        Path user = home.resolve(".gan4j/data/fashion-mnist");
        writeSplit(user, Split.TRAIN, 3, 2, false);
        writeSplit(system, Split.TRAIN, 3, 3, true);
        Files.write(user.resolve("train-labels-idx1-ubyte"), new byte[0]);
        BadInputException e = assertThrows(BadInputException.class, () -> named().openDataset(request(Split.TRAIN)));
        assertEquals(user.resolve("train-labels-idx1-ubyte") + ": is empty", e.getMessage());
    }

    @Test
    void labelsOutsideTheDatasetsClassesAreRefusedNamingFileIndexAndValue() {
        Path dir = tmp.resolve("labels");
        writeSplit(dir, Split.TRAIN, 6, 0, true, 28, new byte[] {0, 9, 3, 4, (byte) 200, 10});
        BadInputException e = assertThrows(BadInputException.class,
                () -> named().openDataset(request(Split.TRAIN).withDataDir(dir)));
        assertEquals(dir.resolve("train-labels-idx1-ubyte.gz") + ": the label at index 4 is 200, but fashion-mnist's classes are 0-9",
                e.getMessage());

        writeSplit(dir, Split.TRAIN, 2, 0, false, 28, new byte[] {3, 3});
        Dataset d = named().openDataset(request(Split.TRAIN).withDataDir(dir));
        assertEquals(10, d.numClasses(), "the dataset's classes, not the largest label + 1");
    }

    @Test
    void imagesOfAnotherSizeAreRefusedPointingToTheFolderDataset() {
        Path dir = tmp.resolve("cifar-like");
        writeSplit(dir, Split.TEST, 2, 0, true, 32, new byte[] {1, 2});
        BadInputException e = assertThrows(BadInputException.class,
                () -> named().openDataset(request(Split.TEST).withDataDir(dir)));
        assertEquals(dir.resolve("t10k-images-idx3-ubyte.gz") + ": images are 32x32x1 (height x width x channels), but"
                + " fashion-mnist's are 28x28x1; for other images use --dataset folder --data DIR (a directory of PNG or JPEG images)",
                e.getMessage());
        assertTrue(org.gan4j.data.Datasets.names().contains("folder"), "the message names a dataset that exists");
    }

    @Test
    void downloadsIntoTheHomeDirectoryAndVerifies() throws Exception {
        Path staging = tmp.resolve("staging");
        writeSplit(staging, Split.TEST, 4, 8, true);
        try (LocalMirror mirror = new LocalMirror()) {
            Map<String, String> sha = new java.util.HashMap<>();
            for (String base : NamedDatasets.baseNames(Split.TEST)) {
                byte[] b = Files.readAllBytes(staging.resolve(base + ".gz"));
                mirror.files.put(base + ".gz", b);
                sha.put(base + ".gz", DownloaderTest.sha256(b));
            }
            NamedDatasets n = named(null, List.of(LocalMirror.unreachable(), mirror.base()), sha);
            Dataset d = n.openDataset(request(Split.TEST).withDownload(true));
            assertEquals(8, marker(d));
            assertEquals(4, d.size());
            Path user = home.resolve(".gan4j/data/fashion-mnist");
            assertTrue(Files.isRegularFile(user.resolve("t10k-images-idx3-ubyte.gz")));
            String described = n.describeDataset("fashion-mnist");
            assertTrue(described.startsWith("test in " + user + "; train not found; would download from http://127.0.0.1:"), described);
        }
    }

    @Test
    void unreachableMirrorsGiveTheOfflineMessage() throws Exception {
        URI down = LocalMirror.unreachable();
        NamedDatasets n = named(null, List.of(down), Map.of("train-images-idx3-ubyte.gz", "00", "train-labels-idx1-ubyte.gz", "00"));
        BadInputException e = assertThrows(BadInputException.class, () -> n.openDataset(request(Split.TRAIN).withDownload(true)));
        String m = e.getMessage();
        assertTrue(m.startsWith("dataset 'fashion-mnist' not found: pass --data DIR, set GAN4J_DATA, put the files in "
                + home.resolve(".gan4j/data/fashion-mnist") + ", apt-get install dataset-fashion-mnist, or allow the download"
                + " (download failed: " + down + "train-images-idx3-ubyte.gz: "), m);
        assertFalse(m.contains("\n"));
    }

    @Test
    void describeSaysWhereEachSplitIs() {
        assertTrue(named().describeDataset("fashion-mnist").startsWith("train and test not found; would download from http://127.0.0.1:9/none/ into "
                + home.resolve(".gan4j/data/fashion-mnist")));
        writeSplit(system, Split.TRAIN, 2, 0, true);
        writeSplit(system, Split.TEST, 2, 0, true);
        assertEquals("train and test in " + system, named().describeDataset("fashion-mnist"));
        assertTrue(named().describeDataset("cifar").startsWith("'cifar' is not a named dataset"));
    }

    @Test
    void publicCatalogKnowsBothDatasets() {
        assertTrue(NamedDatasets.isNamed("mnist"));
        assertTrue(NamedDatasets.isNamed("fashion-mnist"));
        assertFalse(NamedDatasets.isNamed("folder"));
        assertFalse(NamedDatasets.isNamed(null));
        BadInputException e = assertThrows(BadInputException.class, () -> named().openDataset(DatasetRequest.of("mnist")));
        assertTrue(e.getMessage().startsWith("unknown dataset 'mnist'"), e.getMessage());
    }
}
