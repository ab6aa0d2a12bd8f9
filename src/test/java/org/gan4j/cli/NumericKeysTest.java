package org.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.gan4j.BadInputException;
import org.gan4j.config.TrainConfig;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 17, item 3: every numeric key is finite and in its range before any work. */
class NumericKeysTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void nonFiniteValuesAreRefusedByTheKeyTheyAreGivenFor(double bad) {
        refused("lr-g", b -> b.lrG(bad));
        refused("lr-d", b -> b.lrD(bad));
        refused("beta1", b -> b.beta1(bad));
        refused("beta2", b -> b.beta2(bad));
        refused("ema-decay", b -> b.emaDecay(bad));
        refused("r1-gamma", b -> b.r1Gamma(bad));
        refused("real-label", b -> b.realLabel(bad));
        refused("instance-noise", b -> b.instanceNoise(bad));
        refused("info-lambda", b -> b.model("infogan").infoLambda(bad));
        refused("adversarial-weight", b -> b.model("srgan").steps(10).adversarialWeight(bad));
        refused("max-minutes", b -> b.maxMinutes(bad));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--lr-g=NaN", "--beta1=1", "--ema-decay=1", "--instance-noise=-0.1", "--lr-d=Infinity", "--max-minutes=-1"})
    void aBadNumberOnTheCommandLineIsOneLineAndWritesNothing(String flag) {
        Path out = tmp.resolve("run");
        CliRun r = CliRun.of("train", "--model", "mlp", "--dataset", "ring8", "--steps", "5", flag, "--out", out.toString());
        String text = r.err().strip();
        assertTrue(r.exitCode() == 2, flag + ": " + r);
        assertFalse(text.contains("\n"), "one line: " + text);
        assertFalse(Files.exists(out), "nothing written for " + flag);
    }

    private static void refused(String key, UnaryOperator<TrainConfig.Builder> set) {
        var e = assertThrows(BadInputException.class, () -> set.apply(TrainConfig.builder()).build().resolve(), key);
        assertTrue(e.getMessage().contains(key), key + ": " + e.getMessage());
    }
}
