package org.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gan4j.data.IdxFormat;
import org.gan4j.eval.EvalFixtures;
import org.gan4j.report.MetricsLog;
import org.gan4j.report.MetricsTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --image-size 32} on Fashion-MNIST: DCGAN trains on the padded 1×32×32 images, and {@code eval --run},
 * {@code --eval-every} and {@code eval --samples} of its 32×32 export judge the samples without their 2-px
 * border against the native 28×28 test split.
 */
class PaddedDatasetCommandsTest {
    @TempDir
    Path tmp;
    Path data;
    Path network;
    Path cache;
    String previousCache;

    @BeforeEach
    void tinyFashionMnist() {
        previousCache = System.getProperty("gan4j.cache");
        cache = tmp.resolve("cache");
        System.setProperty("gan4j.cache", cache.toString());   // --eval-every's real reference
        data = EvalFixtures.testSplit(tmp.resolve("data"), 40);
        byte[] labels = new byte[32];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) (i % 10);
        }
        IdxFormat.writeImages(data.resolve("train-images-idx3-ubyte.gz"), EvalFixtures.images(32, 9), 32, 1, 28, 28);
        IdxFormat.writeLabels(data.resolve("train-labels-idx1-ubyte.gz"), labels);
        network = EvalFixtures.untrainedNetwork(tmp);
    }

    @AfterEach
    void restore() {
        if (previousCache == null) {
            System.clearProperty("gan4j.cache");
        } else {
            System.setProperty("gan4j.cache", previousCache);
        }
    }

    private CliRun eval(String... args) {
        String[] common = {"--dataset", "fashion-mnist", "--data", data.toString(), "--network", network.toString(),
            "--cache", cache.toString(), "--threads", "1"};
        String[] all = new String[1 + args.length + common.length];
        all[0] = "eval";
        System.arraycopy(args, 0, all, 1, args.length);
        System.arraycopy(common, 0, all, 1 + args.length, common.length);
        return CliRun.of(all);
    }

    /** The 28×28 centres of a 32×32 IDX file, written as an IDX file of their own. */
    private static Path centres(Path idx32, Path out) {
        IdxFormat.Images images = IdxFormat.readImages(idx32);
        byte[] c = new byte[images.count() * 784];
        for (int i = 0; i < images.count(); i++) {
            for (int y = 0; y < 28; y++) {
                System.arraycopy(images.pixels(), i * 1024 + (y + 2) * 32 + 2, c, i * 784 + y * 28, 28);
            }
        }
        IdxFormat.writeImages(out, c, images.count(), 1, 28, 28);
        return out;
    }

    @Test
    void dcganTrainsOnPaddedImagesAndIsEvaluatedOnTheirCentres() throws Exception {
        Path run = tmp.resolve("run");
        CliRun train = CliRun.of("train", "--model", "dcgan", "--dataset", "fashion-mnist", "--data", data.toString(),
                "--image-size", "32", "--steps", "4", "--batch", "8", "--width", "8", "--latent-dim", "8",
                "--eval-every", "2", "--eval-samples", "20", "--out", run.toString(), "--threads", "1");
        assertEquals(ExitCodes.OK, train.exitCode(), train.toString());
        assertTrue(train.err().contains("padding fashion-mnist/train to 32x32: 2 px of black on each side"), train.err());
        ObjectMapper json = new ObjectMapper();
        JsonNode config = json.readTree(run.resolve("config.json").toFile());
        assertEquals(32, config.get("config").get("image-size").asInt(), config.toString());
        assertEquals(32, config.get("provenance").get("shape").get("height").asInt());
        assertEquals("fashion-mnist/train padded to 32x32", config.get("provenance").get("dataset").asText());

        // --eval-every: the cropped samples against the native test split
        MetricsTable m = MetricsLog.read(run.resolve("metrics.csv"));
        double[] fid = m.column("fid_fmnist");
        assertTrue(Double.isFinite(fid[1]) && Double.isFinite(fid[3]), java.util.Arrays.toString(fid));
        JsonNode best = json.readTree(run.resolve("checkpoints/best.json").toFile());
        assertEquals("fashion-mnist/test", best.get("real").asText());
        assertTrue(best.get("preprocessing").asText().startsWith("cropped 32x32 to 28x28"), best.toString());

        CliRun byRun = eval("--run", run.toString(), "--n", "25", "--seed", "4");
        assertEquals(ExitCodes.OK, byRun.exitCode(), byRun.toString());
        assertTrue(byRun.out().contains("samples cropped 32x32 to 28x28"), byRun.out());
        JsonNode fromRun = json.readTree(run.resolve("eval.json").toFile());
        assertEquals("fashion-mnist/test", fromRun.get("real").get("data").asText(), "real statistics: the native split");
        assertTrue(fromRun.get("samples").get("preprocessing").asText().contains("2-px border"), fromRun.toString());

        // the 32x32 export, and its centres cut out here, score exactly as the run does
        Path idx = tmp.resolve("fake-idx3-ubyte.gz");
        CliRun sample = CliRun.of("sample", "--run", run.toString(), "--n", "25", "--seed", "4", "--out", idx.toString());
        assertEquals(ExitCodes.OK, sample.exitCode(), sample.toString());
        assertEquals(32, IdxFormat.readImages(idx).height());
        Path cropped = centres(idx, tmp.resolve("centres-idx3-ubyte"));
        CliRun byCentres = eval("--samples", cropped.toString(), "--n", "25", "--out", tmp.resolve("centres.json").toString());
        CliRun byExport = eval("--samples", idx.toString(), "--n", "25", "--out", tmp.resolve("export.json").toString());
        assertEquals(ExitCodes.OK, byCentres.exitCode(), byCentres.toString());
        assertEquals(ExitCodes.OK, byExport.exitCode(), byExport.toString());
        JsonNode centres = json.readTree(tmp.resolve("centres.json").toFile());
        JsonNode export = json.readTree(tmp.resolve("export.json").toFile());
        assertEquals(fromRun.get("metrics"), centres.get("metrics"));
        assertEquals(fromRun.get("metrics"), export.get("metrics"));
        assertTrue(fromRun.get("metrics").get("fid-fmnist").asDouble() > 0);
        assertFalse(centres.get("samples").has("preprocessing"), "28x28 samples are taken as they are");
        assertEquals(fromRun.get("samples").get("preprocessing"), export.get("samples").get("preprocessing"));
    }

    @Test
    void aSideThe28x28DatasetsCannotHaveIsExitTwoAndWritesNothing() {
        Path out = tmp.resolve("never");
        for (String bad : new String[] {"64", "30"}) {
            CliRun r = CliRun.of("train", "--model", "dcgan", "--dataset", "fashion-mnist", "--data", data.toString(),
                    "--image-size", bad, "--steps", "1", "--out", out.toString(), "--threads", "1");
            assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
            assertEquals("gan4j: error: invalid 'image-size': " + bad + " (fashion-mnist can be given at 28, 32: 28 is its own size,"
                    + " larger ones pad it with background)", r.firstErrorLine());
            assertEquals(1, r.err().lines().count(), r.err());
            assertFalse(Files.exists(out), "nothing written");
        }
    }
}
