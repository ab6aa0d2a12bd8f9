package org.gan4j.train;


import org.gan4j.config.ConfigFiles;
import org.gan4j.config.TrainConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.BadInputException;
import org.gan4j.data.BatchLoader;
import org.gan4j.data.Dataset;
import org.gan4j.data.SampleShape;
import org.gan4j.data.DatasetRequest;
import org.gan4j.data.SyntheticDatasets;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Optimizers;
import org.gan4j.engine.TorchOptimizer;
import org.gan4j.engine.Tensors;
import org.gan4j.nn.Architecture;
import org.gan4j.nn.Architectures;
import org.gan4j.nn.Discriminator;
import org.gan4j.nn.Generator;
import org.gan4j.nn.NetworkSpec;
import org.gan4j.nn.Networks;
import org.gan4j.report.MetricsLog;
import org.gan4j.report.MetricsTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    static Dataset ring8() {
        return SyntheticDatasets.open(DatasetRequest.of("ring8"));
    }

    static TrainConfig mlpOnRing(Path out, long steps) {
        return TrainConfig.builder().model("mlp").dataset("ring8").steps(steps).batch(64).lrG(1e-3).lrD(1e-3)
                .beta1(0.5).seed(7).threads(1).out(out.toString()).noise("normal").latentDim(8).width(64)
                .logEvery(10).sampleEvery(20).checkpointEvery(20).build();
    }

    @Test
    void aRunWritesEveryPartOfItsDirectory() {
        Path out = tmp.resolve("run");
        TrainingResult result;
        try (Trainer t = Trainer.start(mlpOnRing(out, 40), ring8())) {
            result = t.train(TrainingListener.NONE);
        }
        assertEquals(40, result.steps());
        RunDirectory run = new RunDirectory(out);
        for (Path p : List.of(run.configFile(), run.metricsFile(), run.sampleGrid(0), run.sampleGrid(20), run.sampleGrid(40),
                run.checkpoint(), run.generatorFile(), run.lossPlot())) {
            assertTrue(Files.isRegularFile(p), "missing " + p);
        }
        MetricsTable table = MetricsLog.read(run.metricsFile());
        assertEquals(40, table.size());
        assertEquals(40.0, table.column("step")[39], 0.0);
        for (double v : table.column("d_real")) {
            assertTrue(v > 0 && v < 1, "D(x) is a probability");
        }
        Provenance p = run.readProvenance();
        assertEquals(ring8().digest(), p.datasetDigest());
        assertEquals("mlp", run.readConfig().networks().model());
        assertEquals(40, Checkpoint.readState(run.checkpoint()).step());
    }

    @Test
    void aRunDirectoryIsNeverOverwritten() {
        Path out = tmp.resolve("run");
        try (Trainer t = Trainer.start(mlpOnRing(out, 2), ring8())) {
            t.train(TrainingListener.NONE);
        }
        var e = assertThrows(BadInputException.class, () -> Trainer.start(mlpOnRing(out, 2), ring8()));
        assertTrue(e.getMessage().contains("--resume"), e.getMessage());
    }

    /** N steps straight against N/2 + resume + N/2: the weights must be identical, bit for bit. */
    @Test
    void resumingContinuesExactly() {
        Path straight = tmp.resolve("straight");
        float[] expected;
        try (Trainer t = Trainer.start(mlpOnRing(straight, 60), ring8())) {
            t.train(TrainingListener.NONE);
            expected = weights(t.generator(), t.discriminator());
        }
        Path split = tmp.resolve("split");
        try (Trainer t = Trainer.start(mlpOnRing(split, 20), ring8())) {
            t.train(TrainingListener.NONE);
        }
        TrainConfig longer = TrainConfig.builder().steps(60).build();
        float[] resumed;
        try (Trainer t = Trainer.resume(split, ring8(), longer)) {
            assertEquals(20, t.step());
            t.train(TrainingListener.NONE);
            resumed = weights(t.generator(), t.discriminator());
        }
        assertArrayEquals(expected, resumed, 0f);
        MetricsTable rows = MetricsLog.read(new RunDirectory(split).metricsFile());
        assertEquals(60, rows.size(), "a resumed run has one metrics row per step, none repeated");
    }

    /** A run stopped by --max-minutes ends like a finished one at that step, and resuming it gives the straight run. */
    @Test
    void aTimeLimitEndsTheInvocationCleanlyAndResumeFinishesTheRun() {
        Path straight = tmp.resolve("straight");
        float[] expected;
        try (Trainer t = Trainer.start(mlpOnRing(straight, 30), ring8())) {
            t.train(TrainingListener.NONE);
            expected = weights(t.generator(), t.discriminator());
        }
        Path limited = tmp.resolve("limited");
        TrainConfig config = ConfigFiles.merge(mlpOnRing(limited, 30), TrainConfig.builder().maxMinutes(1e-9).build());
        List<String> messages = new ArrayList<>();
        TrainingResult result;
        try (Trainer t = Trainer.start(config, ring8())) {
            result = t.train(new TrainingListener() {
                @Override
                public void onMessage(String message) {
                    messages.add(message);
                }
            });
        }
        assertEquals(1, result.steps(), "the limit is past before the first step: that step is the last");
        RunDirectory run = new RunDirectory(limited);
        assertEquals(1, Checkpoint.readState(run.checkpoint()).step());
        assertTrue(Files.isRegularFile(run.generatorFile()) && Files.isRegularFile(run.sampleGrid(1)));
        assertTrue(messages.stream().anyMatch(m -> m.contains("time limit") && m.contains("--resume")), messages.toString());
        float[] resumed;
        try (Trainer t = Trainer.resume(limited, ring8(), TrainConfig.builder().maxMinutes(0).build())) {
            assertEquals(1, t.step());
            assertEquals(30, t.train(TrainingListener.NONE).steps());
            resumed = weights(t.generator(), t.discriminator());
        }
        assertArrayEquals(expected, resumed, 0f);
        assertEquals(30, MetricsLog.read(run.metricsFile()).size());
    }

    @Test
    void resumeRefusesToChangeTheModel() {
        Path out = tmp.resolve("run");
        try (Trainer t = Trainer.start(mlpOnRing(out, 20), ring8())) {
            t.train(TrainingListener.NONE);
        }
        TrainConfig change = TrainConfig.builder().model("dcgan").build();
        var e = assertThrows(BadInputException.class, () -> Trainer.resume(out, ring8(), change));
        assertTrue(e.getMessage().contains("'model'"), e.getMessage());
    }

    /**
     * A DCGAN-28 run written while G's first transposed convolution still had a bias (before 2026-11-22):
     * its generator is rebuilt with that bias, so it draws the same images, and the run resumes.
     */
    @Test
    void aDcgan28RunWithTheOlderGeneratorLayoutStillSamplesAndResumes() {
        Path out = tmp.resolve("older-layout");
        TrainConfig c = ConditionalTrainingTest.tiny(out, 2).model("dcgan").checkpointEvery(2).build();
        try (Trainer t = Trainer.start(c, ConditionalTrainingTest.labelled())) {
            t.train(TrainingListener.NONE);
        }
        RunDirectory run = new RunDirectory(out);
        TrainConfig resolved = run.readConfig().resolve();
        Architecture dcgan = Architectures.get("dcgan");
        NetworkSpec older = AdversarialGame.spec(resolved, SampleShape.image(1, 28, 28), 0).withBiasBeforeNorm(true);
        float[] z = new float[3 * resolved.networks().latentDim()];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) Math.sin(i);
        }
        float[] expected;
        try (PointerScope scope = new PointerScope()) {
            Engine.seed(9);
            Generator g = Networks.generator(dcgan, older);
            Discriminator d = Networks.discriminator(dcgan, older);
            try (NoGradGuard guard = new NoGradGuard()) {
                var named = g.named_parameters();
                for (long i = 0; i < named.size(); i++) {
                    if (named.get(i).key().getString().endsWith("bias")) {
                        Tensor p = named.get(i).access();
                        p.copy_(torch.randn(p.sizes().vec().get()));   // biases that show
                    }
                }
            }
            Checkpoint.State state = Checkpoint.readState(run.checkpoint());
            // an older release's checkpoint: written with libtorch's own Adam
            Checkpoint.save(run.checkpoint(), g, null, d, new TorchOptimizer(Optimizers.adam(g.parameters(), 1e-3, 0.5, 0.999)),
                    new TorchOptimizer(Optimizers.adam(d.parameters(), 1e-3, 0.5, 0.999)), state);
            Checkpoint.saveGenerator(run.generatorFile(), g);
            g.eval();
            expected = Tensors.toFloats(g.forward(Tensors.fromFloats(z, 3, resolved.networks().latentDim())));
            Generator today = Networks.generator(dcgan, older.withBiasBeforeNorm(false));
            assertEquals(Tensors.elementCount(g.parameters()) - resolved.networks().width(), Tensors.elementCount(today.parameters()),
                    "today's layout lacks exactly that bias");
        }
        TrainedGenerator loaded = TrainedGenerator.load(out);
        assertArrayEquals(expected, loaded.decode(z, 3), 1e-6f);
        try (Trainer t = Trainer.resume(out, ConditionalTrainingTest.labelled(), TrainConfig.builder().steps(4L).build())) {
            t.train(TrainingListener.NONE);
            assertEquals(4, t.step());
        }
        assertEquals(older, Checkpoint.savedLayout(run.generatorFile(), dcgan, older.withBiasBeforeNorm(false)),
                "the resumed run keeps its layout");
    }

    /** A wgan-gp DCGAN run saved before 'd-norm' existed had BatchNorm in D; it must still resume (not rebuild D with layer norm). */
    @Test
    void aRunSavedBeforeDNormExistedResumesWithBatchNorm() throws Exception {
        Path out = tmp.resolve("old");
        TrainConfig c = ConditionalTrainingTest.tiny(out, 4).model("dcgan").loss("wgan-gp").dNorm("batch").dSteps(1)
                .checkpointEvery(2).build();
        try (Trainer t = Trainer.start(c, ConditionalTrainingTest.labelled())) {
            t.train(TrainingListener.NONE);
        }
        Path config = new RunDirectory(out).configFile();
        Files.writeString(config, Files.readString(config).replace("\"d-norm\" : \"batch\",", ""));
        assertNull(new RunDirectory(out).readConfig().networks().dNorm(), "the key is gone, as in an old run");
        try (Trainer t = Trainer.resume(out, ConditionalTrainingTest.labelled(), TrainConfig.builder().steps(6L).build())) {
            assertEquals("batch", t.config().networks().dNorm());
            t.train(TrainingListener.NONE);
        }
    }

    @Test
    void aGeneratorStepLeavesTheDiscriminatorUntouchedAndViceVersa() {
        try (Trainer t = Trainer.start(mlpOnRing(tmp.resolve("run"), 10), ring8());
             BatchLoader batches = new BatchLoader(ring8(), 64, 1, 1f, 0f, 0, 0, 1);
             PointerScope scope = new PointerScope()) {
            float[] g0 = weights(t.generator());
            float[] d0 = weights(t.discriminator());
            AdversarialGame.DiscriminatorStep d = t.updateDiscriminator(batches, true);
            assertArrayEquals(g0, weights(t.generator()), 0f, "a D step must not move G");
            float[] d1 = weights(t.discriminator());
            assertFalse(java.util.Arrays.equals(d0, d1), "a D step moves D");
            t.updateGenerator(d.fake(), d.latent());
            assertArrayEquals(d1, weights(t.discriminator()), 0f, "a G step must not move D");
            assertFalse(java.util.Arrays.equals(g0, weights(t.generator())), "a G step moves G");
        }
    }

    /** ‖(‖g₁‖, ‖g₂‖)‖ of hand-set gradients (3·(1,1,1,1) and (0,4)): √(36 + 16); the gradients stay as they were. */
    @Test
    void theGradientNormIsTheNormOfAllGradientsTogetherAndLeavesThemUnchanged() {
        try (PointerScope scope = new PointerScope()) {
            Tensor a = torch.zeros(2, 2).requires_grad_(true);
            Tensor b = torch.zeros(2).requires_grad_(true);
            Tensor unused = torch.zeros(3).requires_grad_(true);     // no gradient yet: skipped
            a.mul(new org.bytedeco.pytorch.Scalar(3.0)).sum().add(b.mul(Tensors.fromFloats(new float[] {0, 4}, 2)).sum()).backward();
            double norm = AdversarialGame.gradientNorm(new TensorVector(a, b, unused));
            assertEquals(Math.sqrt(36 + 16), norm, 1e-6);
            assertArrayEquals(new float[] {3, 3, 3, 3}, Tensors.toFloats(a.grad()), 0f);
        }
    }

    static float[] weights(Module... modules) {
        List<Float> all = new ArrayList<>();
        for (Module m : modules) {
            TensorVector params = m.parameters();
            for (long i = 0; i < params.size(); i++) {
                for (float v : Tensors.toFloats(params.get(i))) {
                    all.add(v);
                }
            }
        }
        float[] out = new float[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }
}
