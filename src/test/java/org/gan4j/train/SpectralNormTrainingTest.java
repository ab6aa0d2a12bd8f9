package org.gan4j.train;

import org.gan4j.config.TrainConfig;
import org.gan4j.config.ConfigFiles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.gan4j.BadInputException;
import org.gan4j.data.Dataset;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Tensors;
import org.gan4j.nn.Discriminator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spectral-norm} in a training run: the key, the run, and exact resume with the power iteration's state. */
class SpectralNormTrainingTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    private static TrainConfig withSn(Path out, long steps) {
        TrainConfig c = TrainerTest.mlpOnRing(out, steps);
        var tree = ConfigFiles.toTree(c);
        tree.put("spectral-norm", true);
        return ConfigFiles.fromTree(tree, "test");
    }

    /** D's power-iteration vectors u and v, in registration order. */
    private static float[] buffers(Discriminator d) {
        var named = d.named_buffers();
        float[] all = new float[0];
        for (long i = 0; i < named.size(); i++) {
            float[] b = Tensors.toFloats(named.get(i).access());
            float[] joined = Arrays.copyOf(all, all.length + b.length);
            System.arraycopy(b, 0, joined, all.length, b.length);
            all = joined;
        }
        return all;
    }

    @Test
    void theKeyIsOffByDefaultAndReadFromAConfigFile() throws Exception {
        assertFalse(TrainConfig.defaults().resolve().networks().spectralNorm());
        Path yaml = tmp.resolve("sn.yaml");
        Files.writeString(yaml, "model: mlp\nspectral-norm: true\n");
        assertTrue(ConfigFiles.read(yaml).resolve().networks().spectralNorm());
    }

    /** N steps straight against N/2 + resume + N/2: weights and the u, v buffers bit for bit. */
    @Test
    void resumingWithSpectralNormContinuesExactly() {
        float[] expected;
        float[] expectedBuffers;
        try (Trainer t = Trainer.start(withSn(tmp.resolve("straight"), 40), TrainerTest.ring8())) {
            assertTrue(t.discriminator().spectrallyNormalised());
            t.train(TrainingListener.NONE);
            expected = TrainerTest.weights(t.generator(), t.discriminator());
            expectedBuffers = buffers(t.discriminator());
        }
        Path split = tmp.resolve("split");
        try (Trainer t = Trainer.start(withSn(split, 20), TrainerTest.ring8())) {
            t.train(TrainingListener.NONE);
        }
        float[] resumed;
        try (Trainer t = Trainer.resume(split, TrainerTest.ring8(), TrainConfig.builder().steps(40).build())) {
            assertEquals(20, t.step());
            assertTrue(t.discriminator().spectrallyNormalised(), "the saved config turns it on again");
            t.train(TrainingListener.NONE);
            resumed = TrainerTest.weights(t.generator(), t.discriminator());
            assertArrayEquals(expectedBuffers, buffers(t.discriminator()), 0f);
        }
        assertArrayEquals(expected, resumed, 0f);
        // mlp D: two Linear layers, u and v each: 64 + 2 and 1 + 64 values.
        assertEquals(64 + 2 + 1 + 64, expectedBuffers.length);
        var e = assertThrows(BadInputException.class,
                () -> Trainer.resume(split, TrainerTest.ring8(), TrainConfig.builder().spectralNorm(false).build()));
        assertTrue(e.getMessage().contains("'spectral-norm'"), e.getMessage());
    }

    @Test
    void itChangesTheRunButNotTheInitialWeights() {
        float[] plainStart;
        float[] snStart;
        float[] plain;
        float[] sn;
        try (Trainer t = Trainer.start(TrainerTest.mlpOnRing(tmp.resolve("plain"), 10), TrainerTest.ring8())) {
            plainStart = TrainerTest.weights(t.generator(), t.discriminator());
            assertEquals(0, buffers(t.discriminator()).length);
            t.train(TrainingListener.NONE);
            plain = TrainerTest.weights(t.generator(), t.discriminator());
        }
        try (Trainer t = Trainer.start(withSn(tmp.resolve("sn"), 10), TrainerTest.ring8())) {
            snStart = TrainerTest.weights(t.generator(), t.discriminator());
            t.train(TrainingListener.NONE);
            sn = TrainerTest.weights(t.generator(), t.discriminator());
        }
        assertArrayEquals(plainStart, snStart, 0f);
        assertEquals(plain.length, sn.length, "no extra parameters");
        assertFalse(Arrays.equals(plain, sn), "D computes with W/sigma, so training differs");
    }

    /**
     * A projection-conditional run with spectral norm (body, ψ and the embedding normalised) resumes bit for
     * bit, u and v included; and an InfoGAN run with it trains (Q's layers normalised too) without NaN.
     */
    @Test
    void conditionalAndInfoGanRunsTrainWithSpectralNormAndResumeExactly() {
        Dataset data = ConditionalTrainingTest.labelled();
        float[] expected;
        float[] expectedBuffers;
        try (Trainer t = Trainer.start(conditionalSn(tmp.resolve("straight"), 10), data)) {
            t.train(TrainingListener.NONE);
            expected = TrainerTest.weights(t.generator(), t.discriminator());
            expectedBuffers = buffers(t.discriminator());
        }
        Path split = tmp.resolve("split");
        try (Trainer t = Trainer.start(conditionalSn(split, 5), data)) {
            t.train(TrainingListener.NONE);
        }
        try (Trainer t = Trainer.resume(split, data, TrainConfig.builder().steps(10).build())) {
            assertTrue(t.discriminator().spectrallyNormalised());
            t.train(TrainingListener.NONE);
            assertArrayEquals(expected, TrainerTest.weights(t.generator(), t.discriminator()), 0f);
            assertArrayEquals(expectedBuffers, buffers(t.discriminator()), 0f);
        }
        TrainConfig info = ConditionalTrainingTest.tiny(tmp.resolve("info"), 6).model("infogan").width(8).spectralNorm(true).build();
        try (Trainer t = Trainer.start(info, data)) {
            assertTrue(t.discriminator().spectrallyNormalised());
            TrainingResult r = t.train(TrainingListener.NONE);
            assertTrue(Double.isFinite(r.last().dLoss()) && Double.isFinite(r.last().gLoss()), "finite losses");
        }
    }

    private static TrainConfig conditionalSn(Path out, long steps) {
        return ConditionalTrainingTest.tiny(out, steps).conditional(true).conditioning("projection").spectralNorm(true).build();
    }
}
