package org.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gan4j.config.ConfigFiles;
import org.gan4j.train.StepStats;
import org.gan4j.config.TrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainCommandTest {
    @TempDir
    Path tmp;

    static TrainCommand parse(String... args) {
        TrainCommand cmd = new TrainCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd;
    }

    static Set<String> keys(TrainConfig config) {
        Set<String> keys = new HashSet<>();
        ConfigFiles.toTree(config).fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void theFlagsGivenAreExactlyTheKeysSet() {
        TrainConfig c = parse("--model", "mlp", "--dataset", "ring8", "--steps", "30", "--lr-g", "3e-4", "--d-steps", "2",
                "--no-download", "--strict", "--latent-dim", "8").flags();
        assertEquals(Set.of("model", "dataset", "steps", "lr-g", "d-steps", "download", "strict", "latent-dim"), keys(c));
        assertEquals(30L, c.run().steps());
        assertEquals(3e-4, c.optimiser().lrG());
        assertEquals(Boolean.FALSE, c.data().download());
        assertEquals(Boolean.TRUE, c.data().strict());
        assertEquals(Set.of(), keys(parse().flags()), "no flag, no key");
    }

    @Test
    void everyConfigKeyHasItsFlag() {
        Set<String> options = new HashSet<>();
        new CommandLine(new TrainCommand()).getCommandSpec().options().forEach(o -> options.addAll(List.of(o.names())));
        for (String key : ConfigFiles.toTree(TrainConfig.defaults().resolve()).properties().stream().map(e -> e.getKey()).toList()) {
            assertTrue(options.contains("--" + key), "no flag for config key " + key);
        }
    }

    @Test
    void tensorboardIsOffUnlessGivenAndMayChangeOnResume() throws Exception {
        TrainConfig c = parse("--tensorboard", "runs/tb").flags();
        assertEquals(Set.of("tensorboard"), keys(c));
        assertEquals("runs/tb", c.resolve().run().tensorboard());
        assertNull(parse().flags().resolve().run().tensorboard(), "off by default");
        assertTrue(!keys(TrainConfig.defaults().resolve()).contains("tensorboard"), "config.json of a run without it is unchanged");
        Path yaml = tmp.resolve("tb.yaml");
        Files.writeString(yaml, "model: mlp\ntensorboard: logs/tb\n");
        assertEquals("logs/tb", parse("--config", yaml.toString()).newRunConfig().run().tensorboard());
        org.gan4j.train.Trainer.checkResumable(c);   // does not throw: an output location, not part of the game
        var blank = org.junit.jupiter.api.Assertions.assertThrows(org.gan4j.BadInputException.class,
                () -> parse("--tensorboard", " ").flags().resolve());
        assertTrue(blank.getMessage().contains("'tensorboard'"), blank.getMessage());
    }

    @Test
    void spectralNormIsABooleanFlag() {
        assertEquals(Boolean.TRUE, parse("--spectral-norm").flags().networks().spectralNorm());
        assertEquals(Boolean.FALSE, parse("--no-spectral-norm").flags().networks().spectralNorm());
        assertNull(parse().flags().networks().spectralNorm());
    }

    @Test
    void gLossAndLossAreOneFlag() {
        assertEquals("minimax", parse("--g-loss", "minimax").flags().objective().loss());
        assertEquals("minimax", parse("--loss", "minimax").flags().objective().loss());
        assertNull(parse().flags().objective().loss());
    }

    @Test
    void flagsOverrideTheConfigFile() throws Exception {
        Path yaml = tmp.resolve("c.yaml");
        Files.writeString(yaml, "model: mlp\ndataset: grid25\nepochs: 3\nbatch: 32\n");
        TrainConfig c = parse("--config", yaml.toString(), "--dataset", "ring8", "--steps", "10").newRunConfig();
        assertEquals("mlp", c.networks().model());
        assertEquals("ring8", c.data().dataset());
        assertEquals(32, c.optimiser().batch());
        assertEquals(10L, c.run().steps());
        assertNull(c.run().epochs(), "--steps replaces the file's epochs");
    }

    @Test
    void badInputIsExitCodeTwoWithOneLine() throws Exception {
        Path yaml = tmp.resolve("bad.yaml");
        Files.writeString(yaml, "model: mlp\nlearning-rate: 0.1\n");
        Path run = tmp.resolve("some-run");
        Files.createDirectories(run);
        List<List<String>> cases = List.of(
                List.of("train", "--stepz", "3"),
                List.of("train", "--steps", "abc"),
                List.of("train", "--model", "foo", "--dataset", "ring8"),
                List.of("train", "--config", yaml.toString()),
                List.of("train", "--dataset", "ring8", "--steps", "3", "--epochs", "2"),
                List.of("train", "--model", "mlp", "--dataset", "ring8", "--ema-decay", "1"),
                List.of("train", "--resume", run.toString(), "--config", yaml.toString()),
                List.of("train", "--dataset", "no-such-data", "--out", tmp.resolve("x").toString()));
        for (List<String> args : cases) {
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), args + ": " + r);
            assertTrue(r.firstErrorLine().startsWith("gan4j: error: "), args + ": " + r);
            assertTrue(r.err().lines().count() <= 2, args + " prints one line (and a usage hint): " + r);
            assertTrue(!r.err().contains("\tat "), args + " prints no stack trace: " + r);
        }
        assertTrue(CliRun.of("train", "--config", yaml.toString()).err().contains("unknown key 'learning-rate'"));
        assertTrue(CliRun.of("train", "--stepz", "3").err().contains("--steps"), "suggests the flag meant");
        assertTrue(CliRun.of("train", "--model", "mlp", "--dataset", "ring8", "--ema-decay", "1").err()
                .contains("invalid 'ema-decay'"));
        for (List<String> args : List.of(
                List.of("train", "--model", "mlp", "--dataset", "ring8", "--instance-noise", "-0.1"),
                List.of("train", "--model", "mlp", "--dataset", "ring8", "--instance-noise", "0.1", "--instance-noise-schedule", "cosine"))) {
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), args + ": " + r);
            assertTrue(r.err().lines().count() <= 2 && r.firstErrorLine().contains("invalid 'instance-noise"), args + ": " + r);
        }
        assertTrue(Files.notExists(tmp.resolve("x")), "nothing is written for a run that cannot start");
    }

    @Test
    void progressLinesShowStepLossesSpeedAndEta() {
        var lines = new ConsoleProgress.Lines(new java.io.PrintWriter(new java.io.StringWriter()), "img/s");
        lines.onStart(tmp, 0, 3000);
        String line = lines.line(new StepStats(500, 1.2344, 0.9871, 0.612, 0.381, 1, 1, 1234.4), 3000, 100);
        assertEquals("step 500/3000  d_loss 1.234  g_loss 0.987  D(x) 0.61  D(G(z)) 0.38  1234 img/s  eta 8m20s", line);
        assertEquals("5m12s", ConsoleProgress.duration(312));
        assertEquals("1h02m", ConsoleProgress.duration(3720));
        assertEquals("12s", ConsoleProgress.duration(12.2));
    }
}
