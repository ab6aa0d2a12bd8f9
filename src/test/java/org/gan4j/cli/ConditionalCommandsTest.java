package org.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `sample --class`, the class grid and `traverse` on tiny conditional and InfoGAN runs. */
class ConditionalCommandsTest {
    @TempDir
    Path tmp;

    /** A folder dataset with two classes (sub-folders), 16 images each. */
    private Path twoClasses() throws Exception {
        Path root = tmp.resolve("data");
        CliRun.tinyImageFolder(root.resolve("dots"));
        CliRun.tinyImageFolder(root.resolve("more-dots"));
        return root;
    }

    private CliRun train(Path data, Path out, String... extra) {
        String[] base = {"train", "--model", "mlp", "--dataset", "folder", "--data", data.toString(), "--image-size", "28",
                "--channels", "1", "--steps", "4", "--batch", "8", "--threads", "1", "--out", out.toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    @Test
    void aConditionalRunSamplesARequestedClassAndRefusesOthers() throws Exception {
        Path data = twoClasses();
        Path run = tmp.resolve("cond");
        CliRun trained = train(data, run, "--conditional", "--conditioning", "concat");
        assertEquals(0, trained.exitCode(), trained.toString());
        assertTrue(Files.isRegularFile(run.resolve("samples/step-000004.png")), "the class grid of the last step");

        Path png = tmp.resolve("class1.png");
        CliRun ok = CliRun.of("sample", "--run", run.toString(), "--class", "1", "--n", "4", "--out", png.toString());
        assertEquals(0, ok.exitCode(), ok.toString());
        assertTrue(Files.size(png) > 0);

        Path bad = tmp.resolve("class5.png");
        CliRun refused = CliRun.of("sample", "--run", run.toString(), "--class", "5", "--out", bad.toString());
        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("classes 0 to 1"), refused.err());
        assertEquals(1, refused.err().strip().lines().count(), "one line: " + refused.err());
        assertFalse(Files.exists(bad));

        CliRun notInfo = CliRun.of("traverse", "--run", run.toString(), "--out", tmp.resolve("t.png").toString());
        assertEquals(2, notInfo.exitCode(), notInfo.toString());
        assertTrue(notInfo.err().contains("InfoGAN"), notInfo.err());
    }

    @Test
    void anInfoGanRunWritesItsTraversalsAndTraverseRedrawsThem() throws Exception {
        Path data = twoClasses();
        Path run = tmp.resolve("info");
        CliRun trained = CliRun.of("train", "--model", "infogan", "--dataset", "folder", "--data", data.toString(),
                "--image-size", "28", "--channels", "1", "--steps", "2", "--batch", "8", "--width", "8", "--threads", "1",
                "--out", run.toString());
        assertEquals(0, trained.exitCode(), trained.toString());
        assertTrue(Files.isRegularFile(run.resolve("traversal-cat.png")), "categorical code traversal");
        assertTrue(Files.isRegularFile(run.resolve("traversal-c1.png")), "first continuous code traversal");

        Path png = tmp.resolve("cat.png");
        CliRun ok = CliRun.of("traverse", "--run", run.toString(), "--out", png.toString());
        assertEquals(0, ok.exitCode(), ok.toString());
        assertTrue(Files.size(png) > 0);

        CliRun unconditional = CliRun.of("sample", "--run", run.toString(), "--class", "0", "--out", tmp.resolve("x.png").toString());
        assertEquals(2, unconditional.exitCode(), unconditional.toString());
        assertTrue(unconditional.err().contains("--conditional"), unconditional.err());
    }
}
