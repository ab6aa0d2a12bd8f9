package org.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gan4j.config.ConfigFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --pack}, {@code --minibatch-std}, {@code --unroll} and {@code toybench --arch}: bad values are one line, exit 2, nothing written. */
class ModeCollapseCommandsTest {
    @TempDir
    Path tmp;

    private void assertBadInput(String expected, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
        // one error line (a dataset's "reading ..." progress line may come first)
        var errors = r.err().lines().filter(l -> l.startsWith("gan4j")).toList();
        assertEquals(1, errors.size(), r.toString());
        assertTrue(errors.get(0).contains(expected), r.toString());
        assertEquals(errors.get(0), r.err().lines().reduce((a, b) -> b).orElse(""), r.toString());
    }

    @Test
    void badRemediesAreOneLineErrors() {
        String out = tmp.resolve("run").toString();
        String[] ring = {"train", "--model", "mlp", "--dataset", "ring8", "--steps", "2", "--out", out};
        assertBadInput("invalid 'pack': 0", concat(ring, "--pack", "0"));
        assertBadInput("invalid 'unroll': -1", concat(ring, "--unroll", "-1"));
        assertBadInput("must divide the batch (128)", concat(ring, "--pack", "3"));
        assertBadInput("MLP discriminator", "train", "--model", "dcgan", "--dataset", "fashion-mnist", "--minibatch-std", "--out", out);
        assertBadInput("unconditional", "train", "--model", "mlp", "--dataset", "fashion-mnist", "--conditional", "--pack", "2", "--out", out);
        assertBadInput("unconditional", "train", "--model", "infogan", "--dataset", "fashion-mnist", "--minibatch-std", "--out", out);
        assertBadInput("'pack' applies to models whose D", "train", "--model", "progan", "--dataset", "fashion-mnist", "--pack", "2", "--out", out);
        assertBadInput("'pack' applies to models whose D", "train", "--model", "stylegan", "--dataset", "fashion-mnist", "--pack", "2", "--out", out);
        assertBadInput("adversarial game", "train", "--model", "srgan", "--dataset", "fashion-mnist", "--unroll", "1", "--out", out);
        assertBadInput("1-D/2-D points", "train", "--model", "pacgan-mlp", "--dataset", "fashion-mnist", "--steps", "1", "--out", out);
        String tb = tmp.resolve("tb").toString();
        assertBadInput("invalid arch", "toybench", "--dataset", "ring8", "--arch", "dcgan", "--out", tb);
        assertBadInput("invalid pack", "toybench", "--dataset", "ring8", "--pack", "0", "--out", tb);
        assertBadInput("invalid pack", "toybench", "--dataset", "ring8", "--pack", "3", "--out", tb);
        assertBadInput("invalid unroll", "toybench", "--dataset", "ring8", "--unroll", "-1", "--out", tb);
        assertFalse(Files.exists(tmp.resolve("run")));
        assertFalse(Files.exists(tmp.resolve("tb")));
    }

    /** toybench --arch pacgan --pack 2: PacGAN's networks, 100 packs of 2 a batch, recorded in toybench.json. */
    @Test
    void toybenchTrainsThePacganNetworksPacked() throws Exception {
        Path out = tmp.resolve("tb");
        CliRun r = CliRun.of("toybench", "--dataset", "ring8", "--arch", "pacgan", "--pack", "2", "--steps", "3", "--seeds", "1",
                "--samples", "100", "--threads", "1", "--out", out.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.out().contains("pacgan, pack 2, batch 200"), r.toString());
        JsonNode json = ConfigFiles.JSON.readTree(out.resolve("toybench.json").toFile());
        assertEquals("pacgan-mlp", json.get("model").asText());
        assertEquals(200, json.get("batch").asInt());
        assertEquals(2, json.get("pack").asInt());
        JsonNode config = ConfigFiles.JSON.readTree(out.resolve("seed-1").resolve("config.json").toFile()).get("config");
        assertEquals(2, config.get("pack").asInt());
        assertEquals(400, config.get("width").asInt());
        assertEquals(1e-4, config.get("lr-d").asDouble(), 0);
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
