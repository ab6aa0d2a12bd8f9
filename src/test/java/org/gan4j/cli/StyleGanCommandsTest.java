package org.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.gan4j.config.ConfigFiles;
import org.gan4j.train.RunDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --model stylegan} from the command line and a config file, and its pictures: {@code sample --truncation},
 * {@code style-mix}, {@code truncation}, {@code interpolate --space w}; bad input is one line, exit 2, nothing written.
 */
class StyleGanCommandsTest {
    @TempDir
    static Path tmp;
    static Path images;
    static Path run;

    /** A 32×32 run of 4 steps, width 4, z of 8, on sixteen tiny images. */
    @BeforeAll
    static void trainFromTheCommandLine() throws Exception {
        images = CliRun.tinyImageFolder(tmp.resolve("images"));
        run = tmp.resolve("cli-run");
        CliRun train = CliRun.of("train", "--model", "stylegan", "--dataset", "folder", "--data", images.toString(),
                "--image-size", "32", "--channels", "1", "--steps", "4", "--batch", "8", "--width", "4", "--latent-dim", "8",
                "--mapping-layers", "3", "--mixing-prob", "1", "--out", run.toString(), "--threads", "1");
        assertEquals(ExitCodes.OK, train.exitCode(), train.toString());
        var config = ConfigFiles.JSON.readTree(Files.readString(new RunDirectory(run).root().resolve("config.json"))).get("config");
        assertEquals(3, config.get("mapping-layers").asInt());
        assertEquals(1.0, config.get("mixing-prob").asDouble());
        assertEquals(0.01, config.get("r1-gamma").asDouble());
    }

    private static void assertBadInput(CliRun r, String start) {
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("gan4j: error: " + start)), r.toString());
        assertFalse(r.err().contains("\tat "), r.toString());
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("gan4j: error: ")).count(), r.toString());
    }

    @Test
    void aConfigFileTrainsAStyleGanRun() throws Exception {
        Path yaml = tmp.resolve("stylegan.yaml");
        Path out = tmp.resolve("file-run");
        Files.writeString(yaml, String.join("\n", "model: stylegan", "dataset: folder", "data: " + images, "image-size: 32",
                "channels: 1", "steps: 2", "batch: 4", "width: 4", "latent-dim: 8", "mixing-prob: 0.5", "pl-weight: 2",
                "pl-every: 1", "threads: 1", "out: " + out, ""));
        CliRun train = CliRun.of("train", "--config", yaml.toString());
        assertEquals(ExitCodes.OK, train.exitCode(), train.toString());
        assertTrue(Files.isRegularFile(new RunDirectory(out).generatorFile()));
        String config = Files.readString(out.resolve("config.json"));
        assertTrue(config.contains("\"pl-weight\" : 2.0"), config);
    }

    @Test
    void samplesWithTruncationAndTheStylePictures() throws Exception {
        Path plain = tmp.resolve("plain.png");
        Path truncated = tmp.resolve("truncated.png");
        Path average = tmp.resolve("average.png");
        assertEquals(ExitCodes.OK, CliRun.of("sample", "--run", run.toString(), "--n", "4", "--out", plain.toString()).exitCode());
        CliRun t = CliRun.of("sample", "--run", run.toString(), "--n", "4", "--truncation", "0.5", "--out", truncated.toString());
        assertEquals(ExitCodes.OK, t.exitCode(), t.toString());
        assertTrue(t.out().contains("truncation 0.5"), t.out());
        assertEquals(ExitCodes.OK, CliRun.of("sample", "--run", run.toString(), "--n", "4", "--truncation", "0", "--out",
                average.toString()).exitCode());
        assertFalse(Arrays.equals(Files.readAllBytes(plain), Files.readAllBytes(truncated)), "ψ = 0.5 changes the samples");

        Path mix = tmp.resolve("mix.png");
        CliRun m = CliRun.of("style-mix", "--run", run.toString(), "--rows", "2", "--columns", "3", "--out", mix.toString());
        assertEquals(ExitCodes.OK, m.exitCode(), m.toString());
        BufferedImage grid = ImageIO.read(mix.toFile());
        BufferedImage sample = ImageIO.read(plain.toFile());
        assertTrue(grid.getWidth() > sample.getWidth() && grid.getHeight() > 0, grid.getWidth() + " wide");

        Path strip = tmp.resolve("strip.png");
        CliRun s = CliRun.of("truncation", "--run", run.toString(), "--rows", "2", "--steps", "5", "--out", strip.toString());
        assertEquals(ExitCodes.OK, s.exitCode(), s.toString());
        assertTrue(Files.size(strip) > 0);

        Path walk = tmp.resolve("walk.png");
        CliRun w = CliRun.of("interpolate", "--run", run.toString(), "--space", "w", "--rows", "2", "--steps", "4",
                "--out", walk.toString());
        assertEquals(ExitCodes.OK, w.exitCode(), w.toString());
        assertTrue(w.out().contains("linear w paths"), w.out());
    }

    @Test
    void badStyleInputIsOneLineExitTwoAndWritesNothing() throws Exception {
        Path out = tmp.resolve("refused.png");
        assertBadInput(CliRun.of("sample", "--run", run.toString(), "--truncation", "1.5", "--out", out.toString()),
                "invalid --truncation: 1.5");
        assertBadInput(CliRun.of("sample", "--run", run.toString(), "--truncation", "-0.1", "--out", out.toString()),
                "invalid --truncation");
        assertBadInput(CliRun.of("style-mix", "--run", run.toString(), "--truncation", "2", "--out", out.toString()),
                "invalid --truncation");
        assertBadInput(CliRun.of("style-mix", "--run", run.toString(), "--crossover", "99", "--out", out.toString()),
                "invalid --crossover");
        assertBadInput(CliRun.of("interpolate", "--run", run.toString(), "--space", "x", "--out", out.toString()), "invalid --space");
        assertFalse(Files.exists(out));

        Path dcgan = tmp.resolve("dcgan-run");
        CliRun d = CliRun.of("train", "--model", "dcgan", "--dataset", "folder", "--data", images.toString(), "--image-size", "28",
                "--channels", "1", "--steps", "1", "--batch", "4", "--width", "4", "--out", dcgan.toString(), "--threads", "1");
        assertEquals(ExitCodes.OK, d.exitCode(), d.toString());
        assertBadInput(CliRun.of("truncation", "--run", dcgan.toString(), "--out", out.toString()), "truncation needs a style-based run");
        assertBadInput(CliRun.of("sample", "--run", dcgan.toString(), "--truncation", "0.7", "--out", out.toString()),
                "--truncation needs a style-based run");
        assertFalse(Files.exists(out));

        for (String[] bad : new String[][] {{"--mixing-prob", "1.5"}, {"--mixing-prob", "-1"}, {"--mapping-layers", "0"}}) {
            Path refused = tmp.resolve("refused-run-" + bad[0] + bad[1]);
            assertBadInput(CliRun.of("train", "--model", "stylegan", "--dataset", "folder", "--data", images.toString(),
                    "--image-size", "32", "--steps", "1", "--out", refused.toString(), bad[0], bad[1]), "invalid '" + bad[0].substring(2) + "'");
            assertFalse(Files.exists(refused), "nothing written for " + String.join(" ", bad));
        }
        Path other = tmp.resolve("refused-dcgan");
        assertBadInput(CliRun.of("train", "--model", "dcgan", "--dataset", "folder", "--data", images.toString(), "--image-size", "28",
                "--steps", "1", "--mixing-prob", "0.5", "--out", other.toString()), "'mapping-layers', 'mixing-prob'");
        assertFalse(Files.exists(other));
        Path spectral = tmp.resolve("refused-spectral");
        assertBadInput(CliRun.of("train", "--model", "stylegan", "--dataset", "folder", "--data", images.toString(), "--image-size", "32",
                "--steps", "1", "--spectral-norm", "--out", spectral.toString()), "--spectral-norm is not available for model 'stylegan'");
        assertFalse(Files.exists(spectral));
        Path small = tmp.resolve("refused-28");
        assertBadInput(CliRun.of("train", "--model", "stylegan", "--dataset", "folder", "--data", images.toString(), "--image-size", "28",
                "--steps", "1", "--out", small.toString()), "model 'stylegan' needs square");
        assertFalse(Files.exists(small));
    }
}
