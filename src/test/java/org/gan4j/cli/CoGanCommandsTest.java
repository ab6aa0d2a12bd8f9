package org.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bytedeco.javacpp.PointerScope;
import org.gan4j.data.DomainTransforms;
import org.gan4j.data.IdxFormat;
import org.gan4j.engine.Tensors;
import org.gan4j.eval.EvalFixtures;
import org.gan4j.metrics.PairAgreement;
import org.gan4j.report.SampleGrid;
import org.gan4j.train.TrainedGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --model cogan} on tiny folder datasets, what it refuses before writing anything, and
 * {@code sample} and {@code eval} of a coupled run.
 */
class CoGanCommandsTest {
    @TempDir
    Path tmp;

    /** Sixteen 28×28 RGB PNGs (a coloured pixel each on the diagonal). */
    static Path tinyRgbFolder(Path dir) throws Exception {
        Files.createDirectories(dir);
        for (int i = 0; i < 16; i++) {
            BufferedImage im = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
            im.setRGB(i, i, 0xff0000 | (i * 16) << 8 | 0x40);
            ImageIO.write(im, "png", dir.resolve(String.format("%02d.png", i)).toFile());
        }
        return dir;
    }

    private static CliRun train(Path data, Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--dataset", "folder", "--data", data.toString(),
                "--steps", "2", "--batch", "4", "--width", "8", "--threads", "1", "--out", out.toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** Exit 2, one error line holding {@code expected}, no run directory; returns the line. */
    private static String assertOneLineRefusal(CliRun r, String expected, Path out) {
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
        List<String> errors = r.err().lines().filter(l -> !l.startsWith("loaded ")).toList();   // the data's own line comes first
        assertEquals(1, errors.size(), "one line: " + r.err());
        assertTrue(errors.get(0).startsWith("gan4j: error: ") && errors.get(0).contains(expected), r.toString());
        assertFalse(Files.exists(out), "no run directory for a run that cannot start: " + out);
        return errors.get(0);
    }

    @Test
    void edgesOfColourImagesAreRefusedBeforeTheRunDirectoryExists() throws Exception {
        Path rgb = tinyRgbFolder(tmp.resolve("rgb"));
        Path out = tmp.resolve("edges-run");
        CliRun r = train(rgb, out, "--model", "cogan", "--domain-b", "edges", "--image-size", "28", "--channels", "3");
        String line = assertOneLineRefusal(r, "--domain-b edges", out);
        assertEquals("gan4j: error: --domain-b edges needs grayscale images; the dataset has 3 channels", line);
    }

    @Test
    void domainBIsRefusedForAModelWithOneDomain() throws Exception {
        Path gray = CliRun.tinyImageFolder(tmp.resolve("gray"));
        Path out = tmp.resolve("dcgan-run");
        CliRun r = train(gray, out, "--model", "dcgan", "--domain-b", "negative", "--image-size", "28", "--channels", "1");
        assertOneLineRefusal(r, "'domain-b' applies only to --model cogan", out);
    }

    @Test
    void coganRefusesImagesThatAreNot28By28() throws Exception {
        Path gray = CliRun.tinyImageFolder(tmp.resolve("gray"));
        Path out = tmp.resolve("cogan-32");
        CliRun r = train(gray, out, "--model", "cogan", "--image-size", "32", "--channels", "1");
        assertOneLineRefusal(r, "model 'cogan' needs 1- or 3-channel 28x28 images", out);
    }

    /** A 2-step cogan run on sixteen grayscale 28×28 images (8 pairs of domains, batch 4). */
    private Path coganRun() throws Exception {
        Path gray = CliRun.tinyImageFolder(tmp.resolve("gray"));
        Path run = tmp.resolve("cogan");
        CliRun r = train(gray, run, "--model", "cogan", "--image-size", "28", "--channels", "1");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        return run;
    }

    private static byte[] idx(Path run, String domain, int n, Path file) {
        CliRun r = CliRun.of("sample", "--run", run.toString(), "--domain", domain, "--n", String.valueOf(n), "--seed", "5",
                "--out", file.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.out().contains("wrote " + n + " samples of domain " + domain.toUpperCase()), r.out());
        return IdxFormat.readImages(file).pixels();
    }

    /**
     * The picture of a coupled run alternates rows of domain A and domain B of the same z: its tiles are, pixel for
     * pixel, the images {@code --domain a} and {@code --domain b} export for the same seed; an IDX file needs a domain.
     */
    @Test
    void sampleDrawsBothDomainsOfEachZInAlternatingRowsAndOneDomainWithDomain() throws Exception {
        Path run = coganRun();
        Path png = tmp.resolve("pairs.png");
        CliRun pairs = CliRun.of("sample", "--run", run.toString(), "--seed", "5", "--out", png.toString());
        assertEquals(ExitCodes.OK, pairs.exitCode(), pairs.toString());
        assertTrue(pairs.out().contains("wrote 32 pairs (domain A above domain B of each z)"), pairs.out());
        BufferedImage grid = ImageIO.read(png.toFile());
        assertEquals(2 * (8 * 30 + 2), grid.getWidth(), "8 z to a row");
        assertEquals(2 * (8 * 30 + 2), grid.getHeight(), "32 z: 4 rows of A, 4 of B");

        byte[] a = idx(run, "a", 32, tmp.resolve("a-idx3-ubyte"));
        byte[] b = idx(run, "b", 32, tmp.resolve("b-idx3-ubyte.gz"));
        int scale = SampleGrid.scale(org.gan4j.nn.Classifier.INPUT);
        for (int z : new int[] {0, 7, 8, 31}) {
            int column = z % 8;
            int rowA = 2 * (z / 8);
            for (int[] tile : new int[][] {{rowA, 0}, {rowA + 1, 1}}) {
                byte[] expected = tile[1] == 0 ? a : b;
                for (int y = 0; y < 28; y += 3) {
                    for (int x = 0; x < 28; x += 3) {
                        int px = scale * (SampleGrid.PADDING + column * 30 + x);
                        int py = scale * (SampleGrid.PADDING + tile[0] * 30 + y);
                        assertEquals(expected[z * 784 + y * 28 + x] & 0xff, grid.getRaster().getSample(px, py, 0),
                                "z " + z + (tile[1] == 0 ? " domain A" : " domain B") + " pixel (" + x + ", " + y + ")");
                    }
                }
            }
        }
        assertFalse(java.util.Arrays.equals(a, b), "the domains have their own output layers");

        Path noDomain = tmp.resolve("both-idx3-ubyte");
        CliRun refused = CliRun.of("sample", "--run", run.toString(), "--out", noDomain.toString());
        assertEquals(ExitCodes.BAD_INPUT, refused.exitCode(), refused.toString());
        assertTrue(refused.firstErrorLine().contains("choose --domain a or --domain b"), refused.toString());
        assertEquals(1, refused.err().strip().lines().count(), refused.err());
        assertFalse(Files.exists(noDomain));

        CliRun badName = CliRun.of("sample", "--run", run.toString(), "--domain", "c", "--out", tmp.resolve("c.png").toString());
        assertEquals(ExitCodes.BAD_INPUT, badName.exitCode(), badName.toString());
        assertTrue(badName.firstErrorLine().contains("invalid --domain 'c': use a or b"), badName.toString());
        assertFalse(Files.exists(tmp.resolve("c.png")));

        Path single = tmp.resolve("single");
        CliRun mlp = CliRun.of("train", "--model", "mlp", "--dataset", "folder", "--data", tmp.resolve("gray").toString(),
                "--image-size", "28", "--channels", "1", "--steps", "1", "--batch", "4", "--width", "8", "--threads", "1",
                "--out", single.toString());
        assertEquals(ExitCodes.OK, mlp.exitCode(), mlp.toString());
        CliRun oneDomain = CliRun.of("sample", "--run", single.toString(), "--domain", "a", "--out", tmp.resolve("m.png").toString());
        assertEquals(ExitCodes.BAD_INPUT, oneDomain.exitCode(), oneDomain.toString());
        assertTrue(oneDomain.firstErrorLine().contains("--domain needs a coupled run (--model cogan)"), oneDomain.toString());
        assertFalse(Files.exists(tmp.resolve("m.png")));
    }

    /**
     * {@code eval --run} of a coupled run: the feature metrics are those of domain A (the same as {@code eval --samples}
     * of {@code sample --domain a}'s export), and the pair agreement is PairAgreement of both domains of the same z.
     */
    @Test
    void evalScoresDomainAAndReportsThePairAgreement() throws Exception {
        Path run = coganRun();
        Path real = EvalFixtures.testSplit(Files.createDirectories(tmp.resolve("real")), 40);
        Path network = EvalFixtures.untrainedNetwork(tmp);
        String[] common = {"--dataset", "fashion-mnist", "--data", real.toString(), "--network", network.toString(),
            "--cache", tmp.resolve("cache").toString(), "--threads", "1", "--n", "30", "--seed", "5"};
        CliRun byRun = CliRun.of(concat(new String[] {"eval", "--run", run.toString()}, common));
        assertEquals(ExitCodes.OK, byRun.exitCode(), byRun.toString());
        assertTrue(byRun.out().contains("pair-mae"), byRun.out());
        assertTrue(byRun.out().contains("pair-agree"), byRun.out());

        Path export = tmp.resolve("a-idx3-ubyte.gz");
        idx(run, "a", 30, export);
        CliRun bySamples = CliRun.of(concat(new String[] {"eval", "--samples", export.toString(), "--out",
            tmp.resolve("a.json").toString()}, common));
        assertEquals(ExitCodes.OK, bySamples.exitCode(), bySamples.toString());

        ObjectMapper json = new ObjectMapper();
        JsonNode m = json.readTree(run.resolve("eval.json").toFile()).get("metrics");
        JsonNode ofA = json.readTree(tmp.resolve("a.json").toFile()).get("metrics");
        assertEquals(ofA.get("fid-fmnist"), m.get("fid-fmnist"), "FID is domain A's");
        assertEquals(ofA.get("kid-fmnist"), m.get("kid-fmnist"));
        assertFalse(ofA.has("pair-agreement"), "samples of any tool have no pairs");

        JsonNode pairs = m.get("pair-agreement");
        assertEquals("negative", pairs.get("domain-b").asText());
        assertEquals(30, pairs.get("pairs").asInt());
        assertEquals(0.1, pairs.get("tolerance").asDouble());
        TrainedGenerator g = TrainedGenerator.load(run);
        PairAgreement.Result expected;
        try (PointerScope scope = new PointerScope()) {
            expected = PairAgreement.measure(Tensors.fromFloats(g.domain(0).sample(30, 5), 30, 1, 28, 28),
                    Tensors.fromFloats(g.domain(1).sample(30, 5), 30, 1, 28, 28), DomainTransforms.NEGATIVE);
        }
        assertEquals(expected.meanAbsoluteError(), pairs.get("mae").asDouble(), 1e-12);
        assertEquals(expected.withinTolerance(), pairs.get("within-tolerance").asDouble(), 1e-12);
        assertTrue(expected.meanAbsoluteError() > 0 && expected.meanAbsoluteError() < 1, "mae " + expected.meanAbsoluteError());
        assertTrue(expected.withinTolerance() >= 0 && expected.withinTolerance() <= 1, "within " + expected.withinTolerance());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
