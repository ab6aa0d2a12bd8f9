package org.gan4j.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gan4j.data.SampleShape;
import org.gan4j.engine.Engine;
import org.gan4j.eval.EvalImages;
import org.gan4j.eval.EvalReport;
import org.gan4j.eval.Evaluation;
import org.gan4j.eval.RealReference;
import org.gan4j.metrics.Features;
import org.gan4j.metrics.InceptionScore;
import org.gan4j.metrics.KernelDistance;
import org.gan4j.metrics.MeanStd;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * gan4j's Inception-v3 against PyTorch's: {@code src/test/python/inception_reference.py} builds
 * pytorch-fid's FID variant on torchvision's Inception3 with seeded random weights, saves its state
 * dict with {@code torch.save} (zip and legacy formats) and writes the pool3 features and logits of
 * fixed images and FID / KID / IS computed in NumPy. gan4j loads that state dict and must give the
 * same features (1e-4) and metrics. Skipped where no python3 imports torch, torchvision and numpy
 * (Debian: {@code apt-get install python3-torch python3-torchvision}; .ci/run tries). The script's
 * output is kept under {@code target/inception-reference/} keyed by the script's digest, since it
 * takes PyTorch a minute on two cores.
 */
class InceptionV3CrossCheckTest {
    static final Path SCRIPT = Path.of("src", "test", "python", "inception_reference.py");
    static final double FEATURE_TOLERANCE = 1e-4;

    static Path ref;
    static JsonNode json;

    /** A python3 that imports torch, torchvision and numpy, or null. */
    static String python() {
        for (String candidate : List.of("python3", "/usr/bin/python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import torch, torchvision, numpy").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
                p.destroyForcibly();
            } catch (IOException e) {
                // not this one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    @BeforeAll
    static void reference() throws Exception {
        String script = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(SCRIPT)));
        Path dir = Path.of("target", "inception-reference", script.substring(0, 12));
        if (!Files.isRegularFile(dir.resolve("reference.json"))) {
            String python = python();
            Assumptions.assumeTrue(python != null, "no python3 with torch, torchvision and numpy (apt-get install python3-torch python3-torchvision)");
            Path tmp = Files.createDirectories(dir.resolveSibling(dir.getFileName() + ".tmp"));
            Process p = new ProcessBuilder(python, SCRIPT.toString(), tmp.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(600, TimeUnit.SECONDS), "reference script did not finish");
            assertEquals(0, p.exitValue(), out);
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        }
        ref = dir;
        json = new ObjectMapper().readTree(Files.readString(dir.resolve("reference.json")));
        Engine.ensureLoaded();
    }

    static float[] floats(String file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(ref.resolve(file))).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[b.remaining() / 4];
        b.asFloatBuffer().get(v);
        return v;
    }

    static float[] images(String file) throws IOException {
        byte[] b = Files.readAllBytes(ref.resolve(file));
        float[] v = new float[b.length];
        for (int i = 0; i < b.length; i++) {
            v[i] = (b[i] & 0xff) / 255f;
        }
        return v;
    }

    static void assertClose(float[] expected, float[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs(expected[i] - actual[i]);
            if (d > worst) {
                worst = d;
                at = i;
            }
        }
        System.out.println(what + ": largest |PyTorch - gan4j| = " + worst);
        assertTrue(worst <= tolerance, what + ": largest difference " + worst + " at " + at + " (PyTorch " + (at < 0 ? 0 : expected[at])
                + ", gan4j " + (at < 0 ? 0 : actual[at]) + ")");
    }

    @Test
    void zipAndLegacyStateDictsHoldTheSameTensors() {
        Map<String, TorchStateDict.Stored> zip = TorchStateDict.read(ref.resolve("weights.pth"));
        Map<String, TorchStateDict.Stored> legacy = TorchStateDict.read(ref.resolve("weights-legacy.pth"));
        assertEquals(zip.keySet(), legacy.keySet());
        for (String k : zip.keySet()) {
            assertArrayEquals(zip.get(k).shape(), legacy.get(k).shape(), k);
            assertArrayEquals(zip.get(k).values(), legacy.get(k).values(), k);
        }
        // torchvision's BatchNorm2d writes num_batches_tracked (int64): 1 after the calibration batch
        assertArrayEquals(new float[] {1f}, zip.get("Mixed_7c.branch_pool.bn.num_batches_tracked").values());
        assertTrue(zip.keySet().containsAll(InceptionV3.expectedShapes().keySet()));
    }

    @Test
    void truncatedStateDictsAreOneLineErrors(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        for (String name : List.of("weights.pth", "weights-legacy.pth")) {
            byte[] all = Files.readAllBytes(ref.resolve(name));
            Path cut = Files.write(tmp.resolve("cut-" + name), java.util.Arrays.copyOf(all, all.length * 3 / 5));
            String m = org.junit.jupiter.api.Assertions.assertThrows(org.gan4j.BadInputException.class, () -> InceptionV3.load(cut)).getMessage();
            assertTrue(m.startsWith(cut.toString()) && !m.contains("\n"), m);
        }
    }

    @Test
    void featuresAndLogitsMatchPyTorch() throws IOException {
        FeatureNetwork net = InceptionWeights.load(ref.resolve("weights.pth"));
        assertTrue(net.name().startsWith("inception-"), "random weights must not be named plain 'inception': " + net.name());
        InceptionV3 inception = InceptionV3.load(ref.resolve("weights-legacy.pth"));
        for (String set : List.of("a", "b", "gray")) {
            int n = json.path("n").path(set).asInt();
            SampleShape shape = set.equals("gray") ? SampleShape.image(1, 28, 28) : SampleShape.image(3, 32, 32);
            float[] x = images(set.equals("gray") ? "gray.u8" : "images-" + set + ".u8");
            InceptionV3.Output out = inception.apply(org.gan4j.engine.Tensors.fromFloats(x, n, shape.channels(), shape.height(), shape.width()));
            assertClose(floats(set + ".features.f32"), out.features(), FEATURE_TOLERANCE, set + " pool3 features");
            assertClose(floats(set + ".unbiased.f32"), out.unbiasedLogits(), FEATURE_TOLERANCE * 10, set + " unbiased logits");
            assertClose(floats(set + ".logits.f32"), out.logits(), FEATURE_TOLERANCE * 10, set + " logits");
            // the FeatureNetwork path (batches, softmax) gives the same features
            FeatureNetwork.Output viaNetwork = net.apply(x, n, shape);
            assertClose(floats(set + ".features.f32"), toFloats(viaNetwork.features()), FEATURE_TOLERANCE, set + " features via FeatureNetwork");
        }
    }

    @Test
    void fidKidAndIsMatchNumPy() throws IOException {
        FeatureNetwork net = InceptionWeights.load(ref.resolve("weights.pth"));
        int na = json.path("n").path("a").asInt();
        int nb = json.path("n").path("b").asInt();
        double fid = json.path("fid").asDouble();
        double kid = json.path("kid").asDouble();
        // KID's formula alone, on PyTorch's own features (with m = both set sizes every subset is the whole set)
        Features pa = Features.ofFloats(floats("a.features.f32"), na, InceptionV3.FEATURES);
        Features pb = Features.ofFloats(floats("b.features.f32"), nb, InceptionV3.FEATURES);
        assertEquals(kid, new KernelDistance(1, Math.min(na, nb), 0).compute(pa, pb).mean(), 1e-9 + 1e-6 * Math.abs(kid),
                "KID of PyTorch's features");
        // end to end as gan4j eval computes them: set a as the real reference, set b as the samples
        RealReference real = org.gan4j.eval.ReferenceCache.compute(setA(images("images-a.u8"), na), na, net);
        EvalImages b = new EvalImages(images("images-b.u8"), nb, "set-b", null, SampleShape.image(3, 32, 32));
        EvalReport r = Evaluation.all(net, real, b);
        assertEquals(fid, r.fid(), 1e-4 * Math.max(1, fid), "FID (NumPy " + fid + ")");
        assertEquals(kid, r.kid().mean(), 1e-6 + 1e-4 * Math.abs(kid), "KID (NumPy " + kid + ")");
        @SuppressWarnings("unchecked")
        Map<String, Object> metrics = (Map<String, Object>) r.toJson().get("metrics");
        assertTrue(metrics.containsKey("fid-" + net.name()) && !metrics.containsKey("fid"), "random weights name their metrics: " + metrics.keySet());
        assertTrue(!metrics.containsKey("class-coverage-" + net.name()), "no class coverage from ImageNet's 1008 classes");
        FeatureNetwork.Output viaNetwork = net.apply(b.pixels(), nb, b.shape());
        MeanStd is = InceptionScore.compute(viaNetwork.probabilities(), json.path("is-splits").asInt());
        assertEquals(json.path("is-mean").asDouble(), is.mean(), 1e-5, "IS mean");
        assertEquals(json.path("is-std").asDouble(), is.std(), 1e-5, "IS std");
        assertTrue(json.path("is-mean").asDouble() > 1.01, "the reference IS is not trivially 1");
    }

    /** An RGB 32×32 dataset of the reference's set a, as a named dataset would hand it over. */
    static org.gan4j.data.Dataset setA(float[] pixels, int n) {
        return new org.gan4j.data.Dataset() {
            public String name() { return "set-a/test"; }
            public SampleShape shape() { return SampleShape.image(3, 32, 32); }
            public int size() { return n; }
            public int numClasses() { return 10; }
            public int label(int index) { return index % 10; }
            public void copyTo(int index, float[] dst, int offset) { System.arraycopy(pixels, index * 3072, dst, offset, 3072); }
            public String digest() { return "0123"; }
        };
    }

    @Test
    void realStatisticsOfAnRgbDatasetAreCachedPerNetwork(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        FeatureNetwork net = InceptionWeights.load(ref.resolve("weights.pth"));
        int na = json.path("n").path("a").asInt();
        org.gan4j.eval.ReferenceCache cache = new org.gan4j.eval.ReferenceCache(tmp);
        List<String> messages = new java.util.ArrayList<>();
        RealReference first = cache.get(setA(images("images-a.u8"), na), na, net, messages::add);
        assertClose(floats("a.features.f32"), toFloats(first.features()), FEATURE_TOLERANCE, "cached reference features");
        RealReference again = cache.get(setA(images("images-a.u8"), na), na, net, messages::add);
        assertEquals(first.features(), again.features());
        assertTrue(messages.get(0).contains("computed and cached") && messages.get(1).contains("from the cache"), messages.toString());
        try (var files = Files.list(tmp)) {
            assertTrue(files.allMatch(f -> f.getFileName().toString().contains("-" + net.name() + "-")), "keyed by the network's name");
        }
    }

    static float[] toFloats(Features f) {
        double[] v = f.values();
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }
}
