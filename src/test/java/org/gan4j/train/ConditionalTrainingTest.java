package org.gan4j.train;

import org.gan4j.loss.Losses;
import org.gan4j.loss.Term;
import org.gan4j.loss.Terms;
import org.gan4j.nn.Conditioning;
import org.gan4j.nn.Discriminator;
import org.gan4j.nn.Latent;

import org.gan4j.config.TrainConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.BadInputException;
import org.gan4j.data.BatchLoader;
import org.gan4j.data.Dataset;
import org.gan4j.data.IdxDataset;
import org.gan4j.data.SampleShape;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Tensors;
import org.gan4j.nn.Architectures;
import org.gan4j.nn.Conditioning;
import org.gan4j.nn.Generator;
import org.gan4j.nn.LatentCodes;
import org.gan4j.nn.LatentNoise;
import org.gan4j.nn.NetworkSpec;
import org.gan4j.nn.Networks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Class-conditional GANs (concat, projection, AC-GAN) and InfoGAN: networks, extra loss terms, training, resume. */
class ConditionalTrainingTest {
    static final int CLASSES = 4;
    static final SampleShape MNIST_LIKE = SampleShape.image(1, 28, 28);

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    /** 64 random 28×28 images with labels 0..3 in turn. */
    static Dataset labelled() {
        Random r = new Random(5);
        int n = 64;
        byte[] pixels = new byte[n * 784];
        r.nextBytes(pixels);
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % CLASSES);
        }
        return new IdxDataset("tiny-labelled", pixels, n, MNIST_LIKE, labels);
    }

    static TrainConfig.Builder tiny(Path out, long steps) {
        return TrainConfig.builder().model("mlp").dataset("tiny-labelled").steps(steps).batch(16).seed(3).threads(1)
                .out(out.toString()).latentDim(8).width(16).logEvery(5).sampleEvery(10).checkpointEvery(5);
    }

    static TrainConfig conditional(Path out, long steps, String conditioning) {
        return tiny(out, steps).conditional(true).conditioning(conditioning).build();
    }

    @ParameterizedTest
    @EnumSource(Conditioning.class)
    void theConditionalGeneratorDrawsTheRequestedShapeAndDependsOnTheLabel(Conditioning conditioning) {
        NetworkSpec spec = new NetworkSpec(MNIST_LIKE, 16, 8).conditional(CLASSES, conditioning);
        try (PointerScope scope = new PointerScope(); NoGradGuard guard = new NoGradGuard()) {
            Engine.seed(1);
            Generator g = Networks.generator(Architectures.get("dcgan"), spec);
            g.eval();
            Tensor z = torch.randn(3, 16).repeat(2, 1);                                        // 6×16: rows i and i+3 equal
            Tensor labels = torch.tensor(new long[] {0, 1, 2, 3, 3, 3});
            float[] x = Tensors.toFloats(g.forward(z, labels));
            assertEquals(6 * 784, x.length, "B×1×28×28");
            float[] first = Arrays.copyOfRange(x, 0, 784);           // z₀ with class 0
            float[] again = Arrays.copyOfRange(x, 3 * 784, 4 * 784);  // z₀ with class 3
            if (conditioning == Conditioning.PROJECTION) {
                // conditional BatchNorm starts as plain BatchNorm (γ_y = 1, β_y = 0 for every y): the class acts once trained
                assertArrayEquals(first, again, 0f, "untrained conditional BatchNorm ignores the class");
            } else {
                assertFalse(Arrays.equals(first, again), conditioning + ": the class must change G(z, y)");
            }
            float[] z1y3 = Tensors.toFloats(g.forward(z.narrow(0, 1, 1), torch.tensor(new long[] {3})));
            assertArrayEquals(Arrays.copyOfRange(x, 4 * 784, 5 * 784), z1y3, 1e-5f, "G(z, y) does not depend on the rest of the batch in eval mode");
        }
    }

    @Test
    void acGansAuxiliaryTermIsTheCrossEntropyOfTheClassLogits() {
        try (PointerScope scope = new PointerScope()) {
            Tensor logits = Tensors.fromFloats(new float[] {1, 2, 3, 0}, 2, 2);
            Tensor labels = torch.tensor(new long[] {1, 0});
            // (log(e + e²) − 2 + log(e³ + 1) − 3) / 2
            double expected = (Math.log(Math.E + Math.exp(2)) - 2 + Math.log(Math.exp(3) + 1) - 3) / 2;
            Term acgan = term("acgan-ce", new Terms.Settings(Losses.get("ns"), 0, 1, Conditioning.ACGAN, LatentCodes.NONE, 0));
            var judged = new Term.Judgement(0, null, null, null, null, new Discriminator.Output(null, logits), null,
                    new Latent(null, labels, null, null));
            assertEquals(expected, acgan.generator(judged).item_double(), 1e-6);
            assertEquals(0.1809245, expected, 1e-6);
        }
    }

    /** The one term named {@code name} among those that apply to {@code settings}. */
    private static Term term(String name, Terms.Settings settings) {
        return Terms.of(settings).stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void infoGansMutualInformationTermOnHandComputedInputs() {
        try (PointerScope scope = new PointerScope()) {
            Term info = term("info-mi", new Terms.Settings(Losses.get("ns"), 0, 1, null, new LatentCodes(3, 1), 2.0));
            Tensor q = Tensors.fromFloats(new float[] {2, 0, 0, 0.5f, 0, 1, 0, -0.5f}, 2, 4);   // 3 logits, 1 mean per row
            Tensor categories = torch.tensor(new long[] {0, 2});
            Tensor continuous = Tensors.fromFloats(new float[] {1, 0}, 2, 1);
            var latent = new Latent(null, null, categories, continuous);
            var judged = new Term.Judgement(0, null, null, null, null, new Discriminator.Output(null, q), null, latent);
            double ce = (Math.log(Math.exp(2) + 2) - 2 + Math.log(2 + Math.E)) / 2;   // mean −log q(c|x)
            double gaussian = 0.5 * (0.25 + 0.25) / 2;                                // ½·mean squared error, n = 1
            assertEquals(2.0 * (ce + gaussian), info.generator(judged).item_double(), 1e-6);
            assertEquals(2.0409895, 2.0 * (ce + gaussian), 1e-6);
        }
    }

    @ParameterizedTest
    @EnumSource(Conditioning.class)
    void eachStepMovesEveryParameterOfItsPlayerIncludingTheConditioningOnes(Conditioning conditioning) {
        Dataset data = labelled();
        try (Trainer t = Trainer.start(conditional(tmp.resolve("run"), 10, conditioning.key()), data);
             BatchLoader batches = new BatchLoader(data, 16, 1, 1f, 0f, 0, 0, 1);
             PointerScope scope = new PointerScope()) {
            float[][] g0 = perTensor(t.generator());
            float[][] d0 = perTensor(t.discriminator());
            AdversarialGame.DiscriminatorStep d = t.updateDiscriminator(batches, true);
            assertAllMoved(d0, perTensor(t.discriminator()), conditioning + ": D step");
            assertUnmoved(g0, perTensor(t.generator()), "a D step must not move G");
            float[][] d1 = perTensor(t.discriminator());
            t.updateGenerator(d.fake(), d.latent());
            assertAllMoved(g0, perTensor(t.generator()), conditioning + ": G step");
            assertUnmoved(d1, perTensor(t.discriminator()), "a G step must not move D");
        }
    }

    @Test
    void infoGansQHeadIsTrainedByBothSteps() {
        Dataset data = labelled();
        TrainConfig config = tiny(tmp.resolve("info"), 10).model("infogan").width(8).build();
        try (Trainer t = Trainer.start(config, data);
             BatchLoader batches = new BatchLoader(data, 16, 1, 1f, 0f, 0, 0, 1);
             PointerScope scope = new PointerScope()) {
            TensorVector q = t.discriminator().sharedWithGenerator();
            assertTrue(q.size() > 0, "InfoGAN's D shares its Q head with G's objective");
            float[][] q0 = values(q);
            AdversarialGame.DiscriminatorStep d = t.updateDiscriminator(batches, true);
            float[][] q1 = values(q);
            assertAllMoved(q0, q1, "D's step trains Q");
            t.updateGenerator(d.fake(), d.latent());
            assertAllMoved(q1, values(q), "G's step trains Q");
        }
    }

    @Test
    void aConditionalRunResumesExactly() {
        Dataset data = labelled();
        float[] expected;
        try (Trainer t = Trainer.start(conditional(tmp.resolve("straight"), 12, "acgan"), data)) {
            t.train(TrainingListener.NONE);
            expected = TrainerTest.weights(t.generator(), t.discriminator());
        }
        Path split = tmp.resolve("split");
        try (Trainer t = Trainer.start(conditional(split, 5, "acgan"), data)) {
            t.train(TrainingListener.NONE);
        }
        try (Trainer t = Trainer.resume(split, data, TrainConfig.builder().steps(12).build())) {
            assertEquals(5, t.step());
            t.train(TrainingListener.NONE);
            assertArrayEquals(expected, TrainerTest.weights(t.generator(), t.discriminator()), 0f);
        }
    }

    @Test
    void aConditionalRunNeedsLabelledData() {
        byte[] pixels = new byte[16 * 784];
        Dataset unlabelled = new IdxDataset("tiny-unlabelled", pixels, 16, MNIST_LIKE, null);
        var e = assertThrows(BadInputException.class,
                () -> Trainer.start(conditional(tmp.resolve("r"), 5, "concat"), unlabelled));
        assertTrue(e.getMessage().contains("--conditional needs labelled data"), e.getMessage());
    }

    private static float[][] perTensor(Module m) {
        return values(m.parameters());
    }

    private static float[][] values(TensorVector params) {
        float[][] out = new float[(int) params.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = Tensors.toFloats(params.get(i));
        }
        return out;
    }

    private static void assertAllMoved(float[][] before, float[][] after, String what) {
        for (int i = 0; i < before.length; i++) {
            assertFalse(Arrays.equals(before[i], after[i]), what + ": parameter tensor " + i + " did not move");
        }
    }

    private static void assertUnmoved(float[][] before, float[][] after, String what) {
        for (int i = 0; i < before.length; i++) {
            assertArrayEquals(before[i], after[i], 0f, what + " (tensor " + i + ")");
        }
    }
}
