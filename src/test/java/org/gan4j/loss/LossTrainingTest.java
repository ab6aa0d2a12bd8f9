package org.gan4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.data.DatasetRequest;
import org.gan4j.data.SampleShape;
import org.gan4j.data.SyntheticDatasets;
import org.gan4j.engine.ComputeDevice;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Optimizers;
import org.gan4j.engine.ParameterOptimizer;
import org.gan4j.nn.Architectures;
import org.gan4j.nn.Discriminator;
import org.gan4j.nn.Generator;
import org.gan4j.nn.LatentNoise;
import org.gan4j.nn.NetworkSpec;
import org.gan4j.train.StepStats;
import org.gan4j.config.TrainConfig;
import org.gan4j.train.Trainer;
import org.gan4j.train.TrainingListener;
import org.gan4j.train.TrainingResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every registered loss through real updates: one step moves the right network, and each trains ring8. */
class LossTrainingTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    private static float[] snapshot(TensorVector params) {
        int n = 0;
        for (long i = 0; i < params.size(); i++) {
            n += (int) params.get(i).numel();
        }
        float[] out = new float[n];
        int at = 0;
        for (long i = 0; i < params.size(); i++) {
            float[] v = org.gan4j.engine.Tensors.toFloats(params.get(i));
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ns", "minimax", "lsgan", "hinge", "wgan", "wgan-gp"})
    void theDiscriminatorStepMovesOnlyDAndTheGeneratorStepOnlyG(String name) {
        AdversarialLoss loss = Losses.get(name);
        try (PointerScope scope = new PointerScope(); Targets targets = new Targets(16, 1.0, ComputeDevice.CPU)) {
            Engine.seed(3);
            NetworkSpec spec = new NetworkSpec(SampleShape.vector(2), 4, 16);
            Generator g = Architectures.get("mlp").generator(spec);
            Discriminator d = Architectures.get("mlp").discriminator(spec);
            TensorVector gParams = g.parameters();
            TensorVector dParams = d.parameters();
            ParameterOptimizer optG = Optimizers.create("adam", gParams, 1e-2, 0.5, 0.999);
            ParameterOptimizer optD = Optimizers.create("adam", dParams, 1e-2, 0.5, 0.999);
            Tensor real = torch.randn(16, 2);
            Tensor fake = g.forward(LatentNoise.NORMAL.sample(16, 4, ComputeDevice.CPU));

            float[] g0 = snapshot(gParams);
            float[] d0 = snapshot(dParams);
            Tensor lossD = loss.discriminatorLoss(d.forward(real), d.forward(fake.detach()), targets);
            Tensor penalty = loss.penalty(d, real, fake.detach());
            if (penalty != null) {
                lossD = lossD.add(penalty);
            }
            optD.zeroGrad();
            optG.zeroGrad();
            lossD.backward();
            optD.step();
            optG.step();
            loss.afterDiscriminatorStep(d);
            float[] d1 = snapshot(dParams);
            assertFalse(java.util.Arrays.equals(d0, d1), name + ": D must move on its step");
            assertTrue(java.util.Arrays.equals(g0, snapshot(gParams)), name + ": G must not move on D's step");

            Tensor lossG = loss.generatorLoss(d.forward(fake), targets);
            optD.zeroGrad();
            optG.zeroGrad();
            lossG.backward();
            optG.step();
            assertFalse(java.util.Arrays.equals(g0, snapshot(gParams)), name + ": G must move on its step");
            assertTrue(java.util.Arrays.equals(d1, snapshot(dParams)), name + ": D must not move on G's step");
        }
    }

    /** ring8, mlp, 300 iterations from a fixed seed: every loss (and R1 + label smoothing) stays finite. */
    @ParameterizedTest
    @CsvSource({"ns, 0, 1", "minimax, 0, 1", "lsgan, 0, 1", "hinge, 0, 1", "wgan, 0, 1", "wgan-gp, 0, 1", "ns, 1, 0.9"})
    void eachLossTrainsRing8WithoutNaN(String name, double r1Gamma, double realLabel) {
        TrainConfig config = TrainConfig.builder().model("mlp").dataset("ring8").steps(300).batch(32).seed(5).threads(1)
                .noise("normal").latentDim(8).width(32).loss(name).r1Gamma(r1Gamma).realLabel(realLabel)
                .logEvery(100).sampleEvery(1000).checkpointEvery(1000)
                .out(tmp.resolve(name + "-" + r1Gamma).toString()).build();
        TrainingResult result;
        try (Trainer t = Trainer.start(config, SyntheticDatasets.open(DatasetRequest.of("ring8")))) {
            result = t.train(new TrainingListener() {
                @Override
                public void onStep(StepStats s) {
                    for (double v : s.scalars().asMap().values()) {
                        assertTrue(Double.isFinite(v), name + " at step " + s.step() + ": " + s.scalars());
                    }
                }
            });
            if (name.equals("wgan")) {
                float[] weights = snapshot(t.discriminator().parameters());
                for (float w : weights) {
                    assertTrue(Math.abs(w) <= WassersteinLoss.CLIP + 1e-7, "clipped weight " + w);
                }
            }
        }
        assertEquals(300, result.steps());
        assertTrue(Double.isFinite(result.last().dLoss()) && Double.isFinite(result.last().gLoss()));
        if (Losses.get(name).outputsProbabilityLogits()) {
            assertTrue(result.last().dReal() > 0 && result.last().dReal() < 1, "a probability");
        }
    }

    /** The WGAN runs resume bit for bit too: RMSprop's state and wgan-gp's random ε are in the checkpoint/seed. */
    @ParameterizedTest
    @ValueSource(strings = {"wgan", "wgan-gp"})
    void wassersteinRunsResumeExactly(String name) {
        java.util.function.BiFunction<Path, Long, TrainConfig> config = (out, steps) -> TrainConfig.builder()
                .model("mlp").dataset("ring8").steps(steps).batch(32).seed(9).threads(1).width(16).latentDim(4)
                .loss(name).logEvery(10).sampleEvery(1000).checkpointEvery(1000).out(out.toString()).build();
        float[] expected;
        try (Trainer t = Trainer.start(config.apply(tmp.resolve("straight"), 10L), SyntheticDatasets.open(DatasetRequest.of("ring8")))) {
            t.train(TrainingListener.NONE);
            expected = snapshot(t.discriminator().parameters());
        }
        Path split = tmp.resolve("split");
        try (Trainer t = Trainer.start(config.apply(split, 4L), SyntheticDatasets.open(DatasetRequest.of("ring8")))) {
            t.train(TrainingListener.NONE);
        }
        try (Trainer t = Trainer.resume(split, SyntheticDatasets.open(DatasetRequest.of("ring8")),
                TrainConfig.builder().steps(10).build())) {
            t.train(TrainingListener.NONE);
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected, snapshot(t.discriminator().parameters()), 0f);
        }
    }
}
