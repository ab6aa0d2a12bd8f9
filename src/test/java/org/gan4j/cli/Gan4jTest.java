package org.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.gan4j.data.IdxFormat;
import org.gan4j.train.RunDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Gan4jTest {
    @TempDir
    Path tmp;

    @Test
    void versionAndInfoSucceed() {
        CliRun version = CliRun.of("--version");
        assertEquals(ExitCodes.OK, version.exitCode(), version.toString());
        assertTrue(version.out().contains("gan4j ") && version.out().contains("libtorch ") && version.out().contains("java "),
                version.toString());

        CliRun info = CliRun.of("info");
        assertEquals(ExitCodes.OK, info.exitCode(), info.toString());
        for (String expected : List.of("libtorch:", "threads:", "cuda:", "parallel:", "mlp", "dcgan", "minimax",
                "fashion-mnist:", "mnist:", "cifar10:", "ring8:", "built in")) {
            assertTrue(info.out().contains(expected), "info shows " + expected + "\n" + info);
        }
    }

    @Test
    void everyThreadsWhoseZeroMeansAllCoresSaysSoInItsHelp() {
        int commands = 0;
        for (var sub : Gan4j.commandLine().getSubcommands().values()) {
            var threads = sub.getCommandSpec().findOption("--threads");
            if (threads == null || sub.getCommandName().equals("bench")) { // bench: the SPEC's 2, must be positive
                continue;
            }
            commands++;
            String help = String.join(" ", threads.description());
            assertTrue(help.contains("0, the default, means all the cores this JVM may use"), sub.getCommandName() + ": " + help);
            CliRun usage = CliRun.of(sub.getCommandName(), "--help");
            assertTrue(usage.out().replaceAll("\\s+", " ").contains("0, the default, means all the cores"),
                    sub.getCommandName() + " --help\n" + usage);
        }
        assertTrue(commands >= 8, commands + " commands with --threads");
    }

    @Test
    void noCommandIsBadInput() {
        CliRun r = CliRun.of();
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("Usage:"), r.toString());
    }

    @Test
    void sampleRejectsWhatIsNotARun() throws Exception {
        Path notARun = Files.createDirectories(tmp.resolve("not-a-run"));
        for (List<String> args : List.of(
                List.of("sample", "--run", notARun.toString(), "--out", tmp.resolve("s.png").toString()),
                List.of("sample", "--run", tmp.resolve("missing").toString(), "--out", tmp.resolve("s.png").toString()),
                List.of("sample", "--run", notARun.toString()),
                List.of("sample", "--run", notARun.toString(), "--n", "0", "--out", tmp.resolve("s.png").toString()))) {
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), args + ": " + r);
            assertTrue(r.firstErrorLine().startsWith("gan4j: error: "), args + ": " + r);
            assertTrue(!r.err().contains("\tat "), r.toString());
        }
        assertTrue(Files.notExists(tmp.resolve("s.png")));
    }

    @Test
    void trainThenSampleEndToEnd() throws Exception {
        Path run = tmp.resolve("run");
        CliRun train = CliRun.of("train", "--model", "mlp", "--dataset", "ring8", "--steps", "30", "--batch", "64",
                "--out", run.toString(), "--log-every", "10", "--sample-every", "10", "--checkpoint-every", "10",
                "--threads", "1");
        assertEquals(ExitCodes.OK, train.exitCode(), train.toString());
        RunDirectory dir = new RunDirectory(run);
        for (Path p : List.of(dir.configFile(), dir.metricsFile(), dir.sampleGrid(30), dir.checkpoint(), dir.generatorFile(),
                dir.lossPlot())) {
            assertTrue(Files.isRegularFile(p), "missing " + p);
        }
        assertEquals(3, train.out().lines().filter(l -> l.startsWith("step ")).count(), train.toString());
        assertTrue(train.out().contains("step 30/30  d_loss "), train.toString());
        assertTrue(train.out().contains(dir.generatorFile().toString()), "says where the generator is");

        CliRun again = CliRun.of("train", "--model", "mlp", "--dataset", "ring8", "--out", run.toString());
        assertEquals(ExitCodes.BAD_INPUT, again.exitCode(), "an existing run is never overwritten: " + again);

        Path png = run.resolve("s.png");
        CliRun sample = CliRun.of("sample", "--run", run.toString(), "--out", png.toString());
        assertEquals(ExitCodes.OK, sample.exitCode(), sample.toString());
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image.getWidth() > 100 && image.getHeight() > 100, "a scatter plot");

        Files.delete(dir.lossPlot());
        CliRun plot = CliRun.of("plot", "--run", run.toString());
        assertEquals(ExitCodes.OK, plot.exitCode(), plot.toString());
        assertTrue(Files.isRegularFile(dir.lossPlot()), "plot redraws losses.png on demand");
        assertEquals(ExitCodes.BAD_INPUT, CliRun.of("plot", "--run", tmp.toString()).exitCode());

        CliRun idx = CliRun.of("sample", "--run", run.toString(), "--out", run.resolve("fake-idx3-ubyte").toString());
        assertEquals(ExitCodes.BAD_INPUT, idx.exitCode(), idx.toString());
        assertTrue(idx.err().contains("IDX export needs an image run"), idx.toString());
        assertTrue(Files.notExists(run.resolve("fake-idx3-ubyte")));
    }

    @Test
    void anImageRunSamplesToPngAndIdx() throws Exception {
        Path images = CliRun.tinyImageFolder(tmp.resolve("images"));
        Path run = tmp.resolve("run");
        CliRun train = CliRun.of("train", "--model", "mlp", "--dataset", "folder", "--data", images.toString(),
                "--image-size", "28", "--channels", "1", "--steps", "2", "--batch", "8", "--width", "16",
                "--out", run.toString(), "--threads", "1");
        assertEquals(ExitCodes.OK, train.exitCode(), train.toString());

        Path png = run.resolve("grid.png");
        CliRun grid = CliRun.of("sample", "--run", run.toString(), "--n", "16", "--out", png.toString());
        assertEquals(ExitCodes.OK, grid.exitCode(), grid.toString());
        assertEquals(4 * (28 + 2) + 2, ImageIO.read(png.toFile()).getWidth() / 2, "a 4x4 grid of 28x28 tiles, doubled");

        Path idx = run.resolve("fake-idx3-ubyte.gz");
        CliRun raw = CliRun.of("sample", "--run", run.toString(), "--n", "10", "--seed", "3", "--out", idx.toString());
        assertEquals(ExitCodes.OK, raw.exitCode(), raw.toString());
        IdxFormat.Images read = IdxFormat.readImages(idx);
        assertEquals(10, read.count());
        assertEquals(1, read.channels());
        assertEquals(28, read.height());
    }
}
