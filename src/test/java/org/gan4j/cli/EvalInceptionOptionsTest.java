package org.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gan4j.eval.EvalFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eval --features} / {@code --inception}: bad choices and weights that are not pytorch-fid's are one line, exit 2, nothing written. */
class EvalInceptionOptionsTest {
    @TempDir
    Path tmp;
    Path real;
    Path out;

    @BeforeEach
    void fixtures() throws Exception {
        real = EvalFixtures.testSplit(Files.createDirectories(tmp.resolve("real")), 12);
        out = tmp.resolve("eval.json");
    }

    private CliRun eval(String... args) {
        String[] common = {"--samples", real.resolve("t10k-images-idx3-ubyte.gz").toString(), "--dataset", "fashion-mnist",
            "--data", real.toString(), "--cache", tmp.resolve("cache").toString(), "--out", out.toString(), "--threads", "1"};
        String[] all = new String[1 + args.length + common.length];
        all[0] = "eval";
        System.arraycopy(args, 0, all, 1, args.length);
        System.arraycopy(common, 0, all, 1 + args.length, common.length);
        return CliRun.of(all);
    }

    private void assertRefused(CliRun r, String expected) {
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
        assertTrue(r.err().contains(expected), r.toString());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void weightsWithAnotherDigestAreRefused() throws Exception {
        Path fake = Files.write(tmp.resolve("pt_inception-2015-12-05-6726825d.pth"), new byte[] {1, 2, 3});
        assertRefused(eval("--features", "inception", "--inception", fake.toString()), "not pytorch-fid's 6726825d");
        assertRefused(eval("--inception", fake.toString()), "not pytorch-fid's 6726825d");
        assertRefused(eval("--inception", tmp.resolve("absent.pth").toString()), "absent.pth: no such file");
    }

    @Test
    void featureChoicesThatContradictEachOtherOrDoNotExistAreRefused() throws Exception {
        Path fake = Files.write(tmp.resolve("w.pth"), new byte[] {1});
        assertRefused(eval("--features", "fmnist", "--inception", fake.toString()), "--inception WEIGHTS goes with --features inception");
        assertRefused(eval("--features", "vgg"), "unknown --features 'vgg' (known: inception, fmnist, mnist)");
        assertRefused(eval("--features", "mnist"), "feature network 'mnist' was trained on mnist, not on fashion-mnist");
    }

    @Test
    void trainEvalEveryWithInceptionRefusesOtherWeightsBeforeWritingTheRun() throws Exception {
        Path images = CliRun.tinyImageFolder(tmp.resolve("imgs"));
        Path fake = Files.write(tmp.resolve("w.pth"), new byte[] {1, 2});
        Path run = tmp.resolve("run");
        CliRun r = CliRun.of("train", "--model", "mlp", "--dataset", "folder", "--data", images.toString(), "--image-size", "28",
                "--channels", "1", "--steps", "2", "--batch", "8", "--width", "16", "--eval-every", "1", "--features", "inception",
                "--inception", fake.toString(), "--out", run.toString(), "--threads", "1");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
        assertTrue(r.err().contains("not pytorch-fid's 6726825d"), r.toString());
        assertFalse(Files.exists(run.resolve("metrics.csv")), "no run written");
        CliRun unknown = CliRun.of("train", "--model", "mlp", "--dataset", "folder", "--data", images.toString(), "--image-size", "28",
                "--channels", "1", "--steps", "2", "--batch", "8", "--eval-every", "1", "--features", "vgg", "--out", run.toString());
        assertEquals(ExitCodes.BAD_INPUT, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().contains("unknown 'eval-features' 'vgg' (known: inception, fmnist, mnist)"), unknown.toString());
    }
}
