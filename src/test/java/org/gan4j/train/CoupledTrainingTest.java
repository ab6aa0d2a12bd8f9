package org.gan4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.gan4j.config.TrainConfig;
import org.gan4j.data.Dataset;
import org.gan4j.data.DomainTransforms;
import org.gan4j.data.IdxDataset;
import org.gan4j.data.SampleShape;
import org.gan4j.engine.ComputeDevice;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Tensors;
import org.gan4j.eval.EvalFixtures;
import org.gan4j.metrics.PairAgreement;
import org.gan4j.nn.CoupledDiscriminators;
import org.gan4j.nn.CoupledGenerators;
import org.gan4j.nn.Prior;
import org.gan4j.report.MetricsLog;
import org.gan4j.report.MetricsTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CoGAN runs ({@code --model cogan}) on tiny data: exact resume of all four networks, and the pair agreement each step reports. */
class CoupledTrainingTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    /** 64 dark 28×28 images with a bright square each (position and size vary): domain A; B is their negatives. */
    static Dataset squares() {
        return new IdxDataset("tiny-squares", EvalFixtures.images(64, 1), 64, SampleShape.image(1, 28, 28), null);
    }

    static TrainConfig.Builder tiny(Path out, long steps) {
        return TrainConfig.builder().model("cogan").domainB("negative").dataset("tiny-squares").steps(steps).batch(8)
                .seed(3).threads(1).out(out.toString()).latentDim(8).width(8).logEvery(5).sampleEvery(10).checkpointEvery(5);
    }

    private static CoupledGenerators generators(Trainer t) {
        return (CoupledGenerators) t.game().modules().get("generator");
    }

    private static CoupledDiscriminators discriminators(Trainer t) {
        return (CoupledDiscriminators) t.game().modules().get("discriminator");
    }

    /** Every part of the four networks: G's trunk, G₀'s and G₁'s output layers, D₀'s and D₁'s input layers, D's body, and the BatchNorm statistics. */
    private static List<float[]> parts(Trainer t) {
        CoupledGenerators g = generators(t);
        CoupledDiscriminators d = discriminators(t);
        List<float[]> parts = new ArrayList<>();
        for (TensorVector v : List.of(g.sharedParameters(), g.domainParameters(0), g.domainParameters(1),
                d.sharedParameters(), d.domainParameters(0), d.domainParameters(1), g.buffers(), d.buffers())) {
            parts.add(flat(v));
        }
        return parts;
    }

    private static float[] flat(TensorVector v) {
        List<float[]> each = new ArrayList<>();
        int n = 0;
        for (long i = 0; i < v.size(); i++) {
            float[] x = Tensors.toFloats(v.get(i).to(org.bytedeco.pytorch.global.torch.ScalarType.Float));
            each.add(x);
            n += x.length;
        }
        float[] out = new float[n];
        int at = 0;
        for (float[] x : each) {
            System.arraycopy(x, 0, out, at, x.length);
            at += x.length;
        }
        return out;
    }

    @Test
    void aRunStoppedAndResumedEqualsTheUninterruptedOneInAllFourNetworksAndEveryMetricsRow() {
        Dataset data = squares();
        List<float[]> expected;
        Path straight = tmp.resolve("straight");
        try (Trainer t = Trainer.start(tiny(straight, 12).build(), data)) {
            t.train(TrainingListener.NONE);
            expected = parts(t);
        }
        Path split = tmp.resolve("split");
        try (Trainer t = Trainer.start(tiny(split, 5).build(), data)) {
            t.train(TrainingListener.NONE);
        }
        List<float[]> resumed;
        try (Trainer t = Trainer.resume(split, data, TrainConfig.builder().steps(12L).build())) {
            assertEquals(5, t.step());
            t.train(TrainingListener.NONE);
            resumed = parts(t);
        }
        String[] names = {"G trunk", "G0 output", "G1 output", "D body", "D0 input", "D1 input", "G buffers", "D buffers"};
        for (int i = 0; i < names.length; i++) {
            assertTrue(expected.get(i).length > 0, names[i] + " is empty");
            assertArrayEquals(expected.get(i), resumed.get(i), 0f, names[i]);
        }
        MetricsTable a = MetricsLog.read(new RunDirectory(straight).metricsFile());
        MetricsTable b = MetricsLog.read(new RunDirectory(split).metricsFile());
        assertEquals(12, a.size());
        assertEquals(12, b.size(), "one row per step, none repeated");
        for (String column : CoupledGame.SCALARS) {
            assertArrayEquals(a.column(column), b.column(column), 0.0, column);
        }
        assertArrayEquals(a.column("step"), b.column("step"), 0.0);
    }

    /**
     * Step 1's reported pair_mae and pair_agree are PairAgreement of that step's fakes: G₀(z), G₁(z) of the z the
     * step draws first after seeding libtorch from (seed, 0), from the initial weights in training mode.
     */
    @Test
    void theReportedPairAgreementIsThatOfTheStepsFakes() {
        Dataset data = squares();
        List<StepStats> steps = new ArrayList<>();
        RunListener record = e -> {
            if (e instanceof RunEvent.StepEnded s) {
                steps.add(s.stats());
            }
        };
        try (Trainer t = Trainer.start(tiny(tmp.resolve("played"), 1).build(), data)) {
            t.train(record);
        }
        PairAgreement.Result expected;
        try (Trainer t = Trainer.start(tiny(tmp.resolve("replayed"), 1).build(), data);
             PointerScope scope = new PointerScope();
             NoGradGuard guard = new NoGradGuard()) {
            TrainConfig c = t.config();
            Tensor z;
            synchronized (Engine.randomness()) {
                Engine.seed(Trainer.mix(c.run().seed(), 0));
                z = Prior.of(c.networks().latentNoise(), c.networks().latentDim(), 0, null).draw(c.optimiser().batch(), ComputeDevice.CPU).input();
            }
            CoupledGenerators.Pair fakes = generators(t).both(z);
            expected = PairAgreement.measure(fakes.a(), fakes.b(), DomainTransforms.NEGATIVE);
        }
        assertEquals(1, steps.size());
        assertEquals(expected.meanAbsoluteError(), steps.get(0).scalars().get("pair_mae"), 0.0);
        assertEquals(expected.withinTolerance(), steps.get(0).scalars().get("pair_agree"), 0.0);
        MetricsTable row = MetricsLog.read(new RunDirectory(tmp.resolve("played")).metricsFile());
        assertEquals(MetricsLog.format(expected.withinTolerance()), MetricsLog.format(row.column("pair_agree")[0]), "metrics.csv holds it");
    }

    /**
     * A learning test: 200 steps on the squares and their negatives couple the generators. The pair agreement
     * each step reports stays in [0, 1] and rises (from generators that both start near grey), and G₁(z) agrees
     * with T(G₀(z)) of its own z far better than with T(G₀(z')) of another z, so the two domains share content,
     * not only their backgrounds. Measured: the first ten steps' mean 0.92, the last ten's 0.96; 0.97 paired
     * against 0.48 shuffled.
     */
    @Test
    void trainingOnNegativesRaisesThePairAgreementAndCouplesTheContent() {
        Path out = tmp.resolve("learn");
        try (Trainer t = Trainer.start(tiny(out, 200).batch(16).build(), squares())) {
            t.train(TrainingListener.NONE);
            MetricsTable m = MetricsLog.read(new RunDirectory(out).metricsFile());
            double[] agree = m.column("pair_agree");
            double[] mae = m.column("pair_mae");
            for (int i = 0; i < agree.length; i++) {
                assertTrue(agree[i] >= 0 && agree[i] <= 1, "pair_agree of step " + (i + 1) + ": " + agree[i]);
                assertTrue(mae[i] >= 0 && mae[i] <= 1, "pair_mae of step " + (i + 1) + ": " + mae[i]);
            }
            double first = mean(agree, 0, 10);
            double last = mean(agree, agree.length - 10, agree.length);
            assertTrue(last > first + 0.02, "pair_agree rises: first ten steps " + first + ", last ten " + last);
            try (PointerScope scope = new PointerScope()) {
                Engine.seed(11);
                Tensor z = org.bytedeco.pytorch.global.torch.randn(256, 8);
                CoupledGenerators.Pair p = generators(t).generateBoth(z);
                double paired = PairAgreement.measure(p.a(), p.b(), DomainTransforms.NEGATIVE).withinTolerance();
                double shuffled = PairAgreement.measure(p.a(), p.b().roll(new long[] {1}, new long[] {0}),
                        DomainTransforms.NEGATIVE).withinTolerance();
                assertTrue(paired > 0.9 && paired > shuffled + 0.2, "paired " + paired + ", shuffled " + shuffled);
            }
        }
    }

    private static double mean(double[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += v[i];
        }
        return s / (to - from);
    }
}
