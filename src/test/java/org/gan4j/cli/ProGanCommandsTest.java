package org.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gan4j.engine.Engine;
import org.gan4j.train.Checkpoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --model progan} from flags and from a config file; its options elsewhere and a bad target resolution. */
class ProGanCommandsTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    private List<String> tiny(Path data, Path out) {
        return new ArrayList<>(List.of("train", "--model", "progan", "--dataset", "folder", "--data", data.toString(),
                "--image-size", "32", "--channels", "1", "--width", "4", "--latent-dim", "8", "--batch", "4",
                "--steps", "30", "--threads", "1", "--out", out.toString()));
    }

    @Test
    void trainsFromFlagsAndFromAConfigFileToTheSameRun() throws Exception {
        Path data = CliRun.tinyImageFolder(tmp.resolve("data"));
        Path fromFlags = tmp.resolve("flags");
        List<String> args = tiny(data, fromFlags);
        args.addAll(List.of("--fade-kimg", "0.016", "--stable-kimg", "0.016"));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(Files.isRegularFile(fromFlags.resolve("growth.png")), run.toString());
        for (String r : new String[] {"004", "008", "016", "032"}) {
            assertTrue(Files.isRegularFile(fromFlags.resolve("growth").resolve(r + ".png")), r);
        }

        Path png = tmp.resolve("samples.png");
        CliRun sample = CliRun.of("sample", "--run", fromFlags.toString(), "--n", "16", "--out", png.toString());
        assertEquals(0, sample.exitCode(), sample.toString());
        java.awt.image.BufferedImage grid = javax.imageio.ImageIO.read(png.toFile());
        assertTrue(grid.getWidth() >= 4 * 32, "32x32 tiles: " + grid.getWidth());

        Path yaml = tmp.resolve("progan.yaml");
        Path fromFile = tmp.resolve("file");
        Files.writeString(yaml, String.join("\n", "model: progan", "dataset: folder", "data: " + data, "image-size: 32",
                "channels: 1", "width: 4", "latent-dim: 8", "batch: 4", "steps: 30", "threads: 1", "fade-kimg: 0.016",
                "stable-kimg: 0.016", "out: " + fromFile, ""));
        CliRun fromConfig = CliRun.of("train", "--config", yaml.toString());
        assertEquals(0, fromConfig.exitCode(), fromConfig.toString());
        String config = Files.readString(fromFile.resolve("config.json"));
        assertTrue(config.contains("\"fade-kimg\" : 0.016") && config.contains("\"drift\" : 0.001"), config);
        var flagsConfig = (com.fasterxml.jackson.databind.node.ObjectNode) org.gan4j.config.ConfigFiles.JSON
                .readTree(fromFlags.resolve("config.json").toFile()).get("config");
        var fileConfig = (com.fasterxml.jackson.databind.node.ObjectNode) org.gan4j.config.ConfigFiles.JSON
                .readTree(fromFile.resolve("config.json").toFile()).get("config");
        flagsConfig.remove("out");
        fileConfig.remove("out");
        assertEquals(flagsConfig, fileConfig, "the same resolved config");
        assertEquals(30, Checkpoint.readState(fromFile.resolve("checkpoints").resolve("last.pt")).step());
        assertTrue(Files.readString(fromFile.resolve("metrics.csv")).lines().count() > 30);
    }

    @Test
    void progressiveOptionsOnAnotherModelAreOneLineAndWriteNothing() throws Exception {
        Path data = CliRun.tinyImageFolder(tmp.resolve("data"));
        for (String[] option : new String[][] {{"--fade-kimg", "1"}, {"--stable-kimg", "2"}}) {
            Path out = tmp.resolve("dcgan" + option[0]);
            CliRun run = CliRun.of("train", "--model", "dcgan", "--dataset", "folder", "--data", data.toString(),
                    "--image-size", "32", "--steps", "2", "--out", out.toString(), option[0], option[1]);
            assertEquals(2, run.exitCode(), run.toString());
            assertEquals("gan4j: error: 'fade-kimg' and 'stable-kimg' apply only to --model progan", run.err().strip(), run.toString());
            assertFalse(Files.exists(out), "nothing written");
        }
        Path spectral = tmp.resolve("spectral");
        List<String> withNorm = tiny(data, spectral);
        withNorm.add("--spectral-norm");
        CliRun refused = CliRun.of(withNorm.toArray(String[]::new));
        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("--spectral-norm does not apply to model 'progan'"), refused.toString());
        assertFalse(Files.exists(spectral));

        Path out = tmp.resolve("negative");
        List<String> args = tiny(data, out);
        args.addAll(List.of("--fade-kimg", "-1"));
        CliRun negative = CliRun.of(args.toArray(String[]::new));
        assertEquals(2, negative.exitCode(), negative.toString());
        assertTrue(negative.firstErrorLine().contains("fade-kimg"), negative.toString());
        assertFalse(Files.exists(out));
    }

    @Test
    void aTargetResolutionThatIsNotAPowerOfTwoIsOneLineAndWritesNothing() throws Exception {
        Path data = CliRun.tinyImageFolder(tmp.resolve("data"));
        Path out = tmp.resolve("run28");
        List<String> args = tiny(data, out);
        args.set(args.indexOf("32"), "28");
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(2, run.exitCode(), run.toString());
        List<String> errors = run.err().lines().filter(l -> l.startsWith("gan4j:")).toList();
        assertEquals(1, errors.size(), run.toString());
        assertTrue(errors.get(0).contains("power of two of at least 8") && errors.get(0).contains("--image-size"), run.toString());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void infoListsTheFamily() {
        CliRun info = CliRun.of("info");
        assertEquals(0, info.exitCode(), info.toString());
        assertTrue(info.out().contains("progan   progressive growing (Karras et al. 2018)"), info.out());
    }
}
