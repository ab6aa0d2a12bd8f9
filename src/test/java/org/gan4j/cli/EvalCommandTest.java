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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gan4j eval} on tiny data, with an untrained feature network (the metrics' properties hold for any network). */
class EvalCommandTest {
    @TempDir
    Path tmp;
    Path real;
    Path network;
    Path cache;

    @BeforeEach
    void fixtures() throws Exception {
        real = EvalFixtures.testSplit(Files.createDirectories(tmp.resolve("real")), 40);
        network = EvalFixtures.untrainedNetwork(tmp);
        cache = tmp.resolve("cache");
    }

    private CliRun eval(String... args) {
        String[] common = {"--dataset", "fashion-mnist", "--data", real.toString(), "--network", network.toString(),
            "--cache", cache.toString(), "--threads", "1"};
        String[] all = new String[1 + args.length + common.length];
        all[0] = "eval";
        System.arraycopy(args, 0, all, 1, args.length);
        System.arraycopy(common, 0, all, 1 + args.length, common.length);
        return CliRun.of(all);
    }

    @Test
    void theRealSplitAgainstItselfScoresPerfectlyAndEvalJsonSaysSo() throws Exception {
        Path samples = real.resolve("t10k-images-idx3-ubyte.gz");
        Path json = tmp.resolve("self.json");
        CliRun r = eval("--samples", samples.toString(), "--out", json.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.out().contains("fid-fmnist"), r.out());
        assertTrue(r.out().contains("precision-fmnist     1.0000"), r.out());
        assertTrue(r.err().contains("computed and cached"), r.err());
        JsonNode m = new ObjectMapper().readTree(json.toFile()).get("metrics");
        assertEquals(0.0, m.get("fid-fmnist").asDouble(), 1e-6);
        assertEquals(1.0, m.get("precision-fmnist").asDouble());
        assertEquals(1.0, m.get("recall-fmnist").asDouble());
        assertEquals(1.0, m.get("coverage-fmnist").asDouble());
        assertEquals(40, m.get("kid-fmnist").get("subset-size").asInt());
        assertEquals(0.0, m.get("kid-fmnist").get("std").asDouble(), 1e-12, "every subset is the whole set");
        assertFalse(m.has("fid"), "metric names carry the feature network's name");

        // other samples: positive FID; the real features now come from the cache
        Path other = tmp.resolve("other-idx3-ubyte");
        IdxFormat.writeImages(other, EvalFixtures.images(30, 5), 30, 1, 28, 28);
        CliRun o = eval("--samples", other.toString(), "--out", tmp.resolve("other.json").toString());
        assertEquals(ExitCodes.OK, o.exitCode(), o.toString());
        assertTrue(o.err().contains("from the cache"), o.err());
        JsonNode om = new ObjectMapper().readTree(tmp.resolve("other.json").toFile());
        assertTrue(om.get("metrics").get("fid-fmnist").asDouble() > 1e-3, om.toString());
        assertEquals(30, om.get("samples").get("n").asInt());
        assertEquals(40, om.get("real").get("n").asInt());
    }

    @Test
    void aRunAndItsIdxExportGiveTheSameNumbers() throws Exception {
        Path images = CliRun.tinyImageFolder(tmp.resolve("imgs"));
        Path run = tmp.resolve("run");
        CliRun train = CliRun.of("train", "--model", "mlp", "--dataset", "folder", "--data", images.toString(),
                "--image-size", "28", "--channels", "1", "--steps", "2", "--batch", "8", "--width", "16",
                "--out", run.toString(), "--threads", "1");
        assertEquals(ExitCodes.OK, train.exitCode(), train.toString());
        CliRun byRun = eval("--run", run.toString(), "--n", "25", "--seed", "4");
        assertEquals(ExitCodes.OK, byRun.exitCode(), byRun.toString());
        Path idx = tmp.resolve("fake-idx3-ubyte.gz");
        assertEquals(ExitCodes.OK, CliRun.of("sample", "--run", run.toString(), "--n", "25", "--seed", "4", "--out", idx.toString()).exitCode());
        CliRun bySamples = eval("--samples", idx.toString(), "--n", "25", "--out", tmp.resolve("s.json").toString());
        assertEquals(ExitCodes.OK, bySamples.exitCode(), bySamples.toString());
        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(run.resolve("eval.json").toFile()).get("metrics");
        JsonNode b = json.readTree(tmp.resolve("s.json").toFile()).get("metrics");
        assertEquals(a, b);
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws Exception {
        Path big = tmp.resolve("big-idx3-ubyte");
        IdxFormat.writeImages(big, new byte[3 * 30 * 30], 3, 1, 30, 30);   // 32x32 would be cropped (a padded dataset's)
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        String[][] cases = {
            {"eval", "--samples", big.toString(), "--dataset", "fashion-mnist", "--network", network.toString()},
            {"eval", "--samples", empty.toString(), "--dataset", "fashion-mnist", "--network", network.toString()},
            {"eval", "--samples", big.toString(), "--dataset", "cifar10"},
            {"eval", "--samples", big.toString()},
            {"eval", "--samples", big.toString(), "--run", tmp.toString(), "--dataset", "mnist"},
            {"eval", "--samples", big.toString(), "--dataset", "mnist", "--split", "valid"},
            {"eval", "--samples", big.toString(), "--dataset", "mnist", "--n", "1"},
            {"eval", "--samples", big.toString(), "--dataset", "mnist", "--network", network.toString()},
        };
        String[] expected = {
            "samples " + big + " are 1x30x30 images; the feature networks take 1x28x28",
            "samples folder " + empty + " holds no .png files",
            "no feature network for dataset 'cifar10'",
            "--samples needs --dataset NAME",
            "",
            "invalid --split 'valid'",
            "invalid --n: 1",
            "feature network 'fmnist' was trained on fashion-mnist, not on mnist",
        };
        for (int i = 0; i < cases.length; i++) {
            CliRun r = CliRun.of(cases[i]);
            assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), String.join(" ", cases[i]) + "\n" + r);
            assertTrue(r.firstErrorLine().contains(expected[i]), r.firstErrorLine());
            assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        }
    }
}
