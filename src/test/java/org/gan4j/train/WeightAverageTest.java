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
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.BadInputException;
import org.gan4j.data.SampleShape;
import org.gan4j.engine.ComputeDevice;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Optimizers;
import org.gan4j.engine.ParameterOptimizer;
import org.gan4j.engine.Tensors;
import org.gan4j.nn.Architectures;
import org.gan4j.nn.Discriminator;
import org.gan4j.nn.Generator;
import org.gan4j.nn.LatentNoise;
import org.gan4j.nn.NetworkSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The moving average of G's weights: its arithmetic, and a run that keeps one. */
class WeightAverageTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    private static final NetworkSpec POINTS = new NetworkSpec(SampleShape.vector(2), 3, 4);
    private static final NetworkSpec IMAGES = new NetworkSpec(SampleShape.image(1, 28, 28), 16, 8);

    /** Writes {@code values[i]} into the i-th tensor of {@code tensors}. */
    private static void setAll(TensorVector tensors, float[][] values) {
        try (NoGradGuard guard = new NoGradGuard()) {
            for (int i = 0; i < values.length; i++) {
                Tensors.copyInto(tensors.get(i), values[i]);
            }
        }
    }

    private static float[][] snapshot(TensorVector tensors) {
        float[][] out = new float[(int) tensors.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = Tensors.toFloats(tensors.get(i).to(torch.ScalarType.Float)); // BatchNorm counts are longs
        }
        return out;
    }

    private static float[][] plus(float[][] base, float delta) {
        float[][] out = new float[base.length][];
        for (int i = 0; i < base.length; i++) {
            out[i] = base[i].clone();
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] += delta;
            }
        }
        return out;
    }

    @Test
    void twoUpdatesGiveTheBetaWeightedValues() {
        double beta = 0.9;
        try (PointerScope scope = new PointerScope()) {
            Engine.seed(3);
            Generator g = Architectures.get("mlp").generator(POINTS);
            Engine.seed(4);
            Generator ema = Architectures.get("mlp").generator(POINTS);
            float[][] p0 = snapshot(g.parameters());
            WeightAverage average = new WeightAverage(g, ema, beta);
            assertArrayEquals(p0, snapshot(ema.parameters()), "the average starts as a copy of G");

            float[][] p1 = plus(p0, 1f);
            setAll(g.parameters(), p1);
            average.update();
            float[][] p2 = plus(p0, 3f);
            setAll(g.parameters(), p2);
            average.update();

            float[][] got = snapshot(ema.parameters());
            int checked = 0;
            for (int i = 0; i < p0.length; i++) {
                for (int j = 0; j < p0[i].length; j++) {
                    double e1 = beta * p0[i][j] + (1 - beta) * p1[i][j];      // = p0 + 0.1
                    double e2 = beta * e1 + (1 - beta) * p2[i][j];            // = p0 + 0.39
                    assertEquals(e2, got[i][j], 1e-5, "parameter " + i + "[" + j + "]");
                    assertEquals(p0[i][j] + 0.39, got[i][j], 1e-5);
                    checked++;
                }
            }
            assertTrue(checked > 10, "a real network was averaged");
            assertArrayEquals(p2, snapshot(g.parameters()), "averaging leaves G alone");
            for (long i = 0; i < ema.parameters().size(); i++) {
                assertFalse(ema.parameters().get(i).requires_grad(), "the average needs no gradients");
            }
        }
    }

    @Test
    void buffersAreCopiedNotAveraged() {
        try (PointerScope scope = new PointerScope()) {
            Engine.seed(1);
            Generator g = Architectures.get("dcgan").generator(IMAGES);
            Generator ema = Architectures.get("dcgan").generator(IMAGES);
            WeightAverage average = new WeightAverage(g, ema, 0.99);
            assertTrue(g.buffers().size() > 0, "dcgan's G has BatchNorm statistics");
            // a training-mode forward pass moves G's running statistics
            g.forward(LatentNoise.NORMAL.sample(8, 16, ComputeDevice.CPU));
            float[][] moved = snapshot(g.buffers());
            assertFalse(java.util.Arrays.deepEquals(moved, snapshot(ema.buffers())), "G's statistics moved");
            average.update();
            assertArrayEquals(moved, snapshot(ema.buffers()));
            assertFalse(ema.is_training(), "the average stays in eval mode");
        }
    }

    @Test
    void emaDecayMustBeBelowOne() {
        for (double bad : new double[] {1.0, -0.1, 1.5}) {
            TrainConfig c = TrainConfig.builder().model("mlp").dataset("ring8").emaDecay(bad).build();
            var e = assertThrows(BadInputException.class, c::resolve);
            assertTrue(e.getMessage().contains("'ema-decay'"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
        assertEquals(0.0, TrainConfig.builder().model("mlp").build().resolve().optimiser().emaDecay(), "off by default");
    }

    private static TrainConfig withEma(Path out, long steps) {
        return ConfigFiles.merge(TrainerTest.mlpOnRing(out, steps), TrainConfig.builder().emaDecay(0.9).build());
    }

    @Test
    void aRunWritesTheAverageAsItsGenerator() {
        Path out = tmp.resolve("ema");
        float[] ema;
        float[] g;
        try (Trainer t = Trainer.start(withEma(out, 30), TrainerTest.ring8())) {
            t.train(TrainingListener.NONE);
            ema = TrainerTest.weights(t.averagedGenerator());
            g = TrainerTest.weights(t.generator());
            assertTrue(t.product() == t.averagedGenerator());
        }
        assertFalse(java.util.Arrays.equals(ema, g), "after 30 steps the average differs from G");
        RunDirectory run = new RunDirectory(out);
        try (PointerScope scope = new PointerScope()) {
            Generator loaded = Architectures.get("mlp").generator(new NetworkSpec(SampleShape.vector(2), 8, 64));
            Checkpoint.loadGenerator(run.generatorFile(), loaded);
            assertArrayEquals(ema, TrainerTest.weights(loaded), 0f, "generator.pt holds the average");
            Checkpoint.loadGenerator(run.checkpoint(), loaded);
            assertArrayEquals(ema, TrainerTest.weights(loaded), 0f, "a checkpoint's product is the average too");
        }
        assertArrayEquals(ema, TrainerTest.weights(TrainedGenerator.load(out).generator()), 0f);
    }

    @Test
    void theAverageDoesNotChangeGsTraining() {
        float[] plain;
        float[] averaged;
        try (Trainer t = Trainer.start(TrainerTest.mlpOnRing(tmp.resolve("plain"), 20), TrainerTest.ring8())) {
            t.train(TrainingListener.NONE);
            plain = TrainerTest.weights(t.generator(), t.discriminator());
        }
        try (Trainer t = Trainer.start(withEma(tmp.resolve("ema"), 20), TrainerTest.ring8())) {
            t.train(TrainingListener.NONE);
            averaged = TrainerTest.weights(t.generator(), t.discriminator());
        }
        assertArrayEquals(plain, averaged, 0f);
    }

    /** N steps straight against N/2 + resume + N/2 with the average on: G, D and the average bit for bit. */
    @Test
    void resumingWithTheAverageContinuesExactly() {
        Path straight = tmp.resolve("straight");
        float[] expected;
        try (Trainer t = Trainer.start(withEma(straight, 40), TrainerTest.ring8())) {
            t.train(TrainingListener.NONE);
            expected = TrainerTest.weights(t.generator(), t.discriminator(), t.averagedGenerator());
        }
        Path split = tmp.resolve("split");
        try (Trainer t = Trainer.start(withEma(split, 20), TrainerTest.ring8())) {
            t.train(TrainingListener.NONE);
        }
        float[] resumed;
        try (Trainer t = Trainer.resume(split, TrainerTest.ring8(), TrainConfig.builder().steps(40).build())) {
            assertEquals(20, t.step());
            t.train(TrainingListener.NONE);
            resumed = TrainerTest.weights(t.generator(), t.discriminator(), t.averagedGenerator());
        }
        assertArrayEquals(expected, resumed, 0f);
        var e = assertThrows(BadInputException.class,
                () -> Trainer.resume(split, TrainerTest.ring8(), TrainConfig.builder().emaDecay(0.99).build()));
        assertTrue(e.getMessage().contains("'ema-decay'"), e.getMessage());
    }

    @Test
    void aCheckpointWithoutTheAverageStillLoads() {
        Path file = tmp.resolve("old.pt");
        try (PointerScope scope = new PointerScope()) {
            Engine.seed(1);
            Generator g = Architectures.get("mlp").generator(POINTS);
            Discriminator d = Architectures.get("mlp").discriminator(POINTS);
            ParameterOptimizer og = Optimizers.create("adam", g.parameters(), 1e-3, 0.5, 0.999);
            ParameterOptimizer od = Optimizers.create("adam", d.parameters(), 1e-3, 0.5, 0.999);
            Checkpoint.save(file, g, null, d, og, od, new Checkpoint.State(Checkpoint.FORMAT, 5, 0, 5, "{}"));
            float[] saved = TrainerTest.weights(g);

            Engine.seed(2);
            Generator g2 = Architectures.get("mlp").generator(POINTS);
            Discriminator d2 = Architectures.get("mlp").discriminator(POINTS);
            ParameterOptimizer og2 = Optimizers.create("adam", g2.parameters(), 1e-3, 0.5, 0.999);
            ParameterOptimizer od2 = Optimizers.create("adam", d2.parameters(), 1e-3, 0.5, 0.999);
            assertEquals(5, Checkpoint.load(file, g2, null, d2, og2, od2).step());
            assertArrayEquals(saved, TrainerTest.weights(g2), 0f);
            Generator loaded = Architectures.get("mlp").generator(POINTS);
            Checkpoint.loadGenerator(file, loaded);
            assertArrayEquals(saved, TrainerTest.weights(loaded), 0f, "without an average the product is G");

            Generator ema = Architectures.get("mlp").generator(POINTS);
            var e = assertThrows(BadInputException.class, () -> Checkpoint.load(file, g2, ema, d2, og2, od2));
            assertTrue(e.getMessage().contains("generator_ema"), e.getMessage());
        }
    }
}
