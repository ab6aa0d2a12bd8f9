package org.gan4j.train;

import org.gan4j.config.TrainConfig;
import org.gan4j.config.ConfigFiles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gan4j.BadInputException;
import org.gan4j.data.Dataset;
import org.gan4j.data.DatasetRequest;
import org.gan4j.data.Datasets;
import org.gan4j.data.IdxFormat;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.data.Split;
import org.gan4j.engine.ComputeDevice;
import org.gan4j.engine.Engine;
import org.gan4j.eval.EvalFixtures;
import org.gan4j.eval.EvalImages;
import org.gan4j.eval.Evaluation;
import org.gan4j.eval.GeneratorSamples;
import org.gan4j.eval.RealReference;
import org.gan4j.eval.ReferenceCache;
import org.gan4j.features.FeatureNetwork;
import org.gan4j.features.FeatureNetworks;
import org.gan4j.metrics.KernelDistance;
import org.gan4j.nn.Latent;
import org.gan4j.nn.Prior;
import org.gan4j.report.MetricsLog;
import org.gan4j.report.MetricsTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code eval-every}: FID/KID rows, the best checkpoint, and no effect on the run itself (exact resume). */
class TrainingEvaluationTest {
    @TempDir
    Path tmp;
    Path data;
    String previousCache;

    @BeforeEach
    void tinyFashionMnist() {
        previousCache = System.getProperty("gan4j.cache");
        System.setProperty("gan4j.cache", tmp.resolve("cache").toString());
        data = EvalFixtures.testSplit(tmp.resolve("data"), 30);
        byte[] labels = new byte[48];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) (i % 10);   // ten classes, for the conditional runs
        }
        IdxFormat.writeImages(data.resolve("train-images-idx3-ubyte.gz"), EvalFixtures.images(48, 9), 48, 1, 28, 28);
        IdxFormat.writeLabels(data.resolve("train-labels-idx1-ubyte.gz"), labels);
    }

    @AfterEach
    void restore() {
        if (previousCache == null) {
            System.clearProperty("gan4j.cache");
        } else {
            System.setProperty("gan4j.cache", previousCache);
        }
    }

    private TrainConfig config(Path out, long steps, int evalEvery) {
        return TrainConfig.builder().model("mlp").dataset("fashion-mnist").data(data.toString()).steps(steps).batch(16)
                .width(16).latentDim(8).evalEvery(evalEvery).evalSamples(20).logEvery(2).sampleEvery(100).checkpointEvery(2)
                .threads(1).out(out.toString()).build();
    }

    private Dataset train() {
        return Datasets.open(DatasetRequest.of("fashion-mnist").withDataDir(data).withDownload(false));
    }

    @Test
    void logsFidAndKidAtEvaluatedStepsKeepsTheBestAndResumesExactly() throws Exception {
        Path straight = tmp.resolve("straight");
        try (Trainer t = Trainer.start(config(straight, 6, 2), train())) {
            t.train(TrainingListener.NONE);
        }
        MetricsTable m = MetricsLog.read(straight.resolve("metrics.csv"));
        assertEquals(List.of("fid_fmnist", "kid_fmnist"), m.columns().subList(m.columns().size() - 2, m.columns().size()));
        double[] fid = m.column("fid_fmnist");
        double[] kid = m.column("kid_fmnist");
        assertEquals(6, fid.length);
        int best = -1;
        for (int i = 0; i < 6; i++) {
            boolean evaluated = (i + 1) % 2 == 0;
            assertEquals(evaluated, Double.isFinite(fid[i]), "row " + (i + 1));
            assertEquals(evaluated, Double.isFinite(kid[i]), "row " + (i + 1));
            if (evaluated) {
                assertTrue(fid[i] > 0, "an untrained MLP's samples are far from the data: " + fid[i]);
                best = best < 0 || fid[i] < fid[best] ? i : best;
            }
        }
        assertTrue(Files.isRegularFile(straight.resolve("checkpoints/best.pt")));
        JsonNode record = ConfigFiles.JSON.readTree(straight.resolve("checkpoints/best.json").toFile());
        assertEquals(best + 1, record.get("step").asInt());
        assertEquals(Float.parseFloat(MetricsLog.format(fid[best])), record.get("fid-fmnist").floatValue(), 1e-4 * fid[best]);
        assertEquals(best + 1, Checkpoint.readState(straight.resolve("checkpoints/best.pt")).step());
        assertTrue(Files.isRegularFile(straight.resolve("losses.png")));

        // 2 steps, then resume to 6: the same FID values and the same best
        Path split = tmp.resolve("split");
        try (Trainer t = Trainer.start(config(split, 2, 2), train())) {
            t.train(TrainingListener.NONE);
        }
        try (Trainer t = Trainer.resume(split, train(), TrainConfig.builder().steps(6).build())) {
            t.train(TrainingListener.NONE);
        }
        MetricsTable r = MetricsLog.read(split.resolve("metrics.csv"));
        assertArrayEquals(fid, r.column("fid_fmnist"), 0.0);
        assertArrayEquals(m.column("g_loss"), r.column("g_loss"), 0.0);
        assertEquals(best + 1, ConfigFiles.JSON.readTree(split.resolve("checkpoints/best.json").toFile()).get("step").asInt());
    }

    /**
     * {@code --tensorboard} on an evaluated run: FID and KID under {@code eval/} at the evaluated steps,
     * as metrics.csv has them, and the run itself unchanged by the export (copying D's outputs on
     * logged steps draws nothing): every column of metrics.csv but the timing one equals, as written,
     * that of the same run without it.
     */
    @Test
    void tensorBoardGetsTheEvaluationsAndLeavesTheRunAsItIs() throws Exception {
        String missing = TensorBoardExportTest.tensorboardMissing();
        Assumptions.assumeTrue(missing == null, missing);
        Path plain = tmp.resolve("plain");
        try (Trainer t = Trainer.start(config(plain, 4, 2), train())) {
            t.train(TrainingListener.NONE);
        }
        Path exported = tmp.resolve("exported");
        Path tb = tmp.resolve("tb");
        TrainConfig withTb = ConfigFiles.merge(config(exported, 4, 2), TrainConfig.builder().tensorboard(tb.toString()).build());
        try (Trainer t = Trainer.start(withTb, train())) {
            t.train(TrainingListener.NONE);
        }
        MetricsTable a = MetricsLog.read(plain.resolve("metrics.csv"));
        MetricsTable b = MetricsLog.read(exported.resolve("metrics.csv"));
        for (String column : a.columns()) {
            if (!column.equals(StepStats.IMAGES_PER_S)) {
                assertArrayEquals(a.column(column), b.column(column), 0.0, column);
            }
        }
        JsonNode scalars = TensorBoardExportTest.read(tb, tmp.resolve("read")).get("scalars");
        for (String name : List.of("fid_fmnist", "kid_fmnist")) {
            JsonNode events = scalars.get("eval/" + name);
            assertEquals(2, events.size(), name + " at steps 2 and 4");
            double[] csv = b.column(name);
            for (JsonNode e : events) {
                int step = e.get(0).asInt();
                assertEquals(0, step % 2, name + " at step " + step);
                assertEquals(csv[step - 1], e.get(1).asDouble(), Math.abs(csv[step - 1]) * 6e-6, name + " at step " + step);
            }
        }
    }

    /**
     * A conditional run and an InfoGAN run are evaluated on samples drawn from their own prior, with
     * labels or codes (before the training core of 2026-12 the conditional one failed with "a
     * conditional generator needs labels", and InfoGAN's codes were not drawn as the run draws them):
     * the FID in metrics.csv at the last step is the one computed here from the run's generator.pt
     * through its Sampler, with the same latent batch drawn from (seed, −2); the same z with the
     * labels or codes replaced gives another FID, so the match depends on them.
     */
    @ParameterizedTest
    @ValueSource(strings = {"conditional", "infogan"})
    void conditionalAndInfoGanRunsAreEvaluatedOnTheirPriorsLabelsAndCodes(String kind) {
        Path out = tmp.resolve(kind);
        TrainConfig base = config(out, 4, 2);
        TrainConfig c = ConfigFiles.merge(base, kind.equals("conditional")
                ? TrainConfig.builder().conditional(true).conditioning("concat").build()
                : TrainConfig.builder().model("infogan").width(8).build());
        try (Trainer t = Trainer.start(c, train())) {
            t.train(TrainingListener.NONE);
        }
        MetricsTable m = MetricsLog.read(out.resolve("metrics.csv"));
        double[] fid = m.column("fid_fmnist");
        assertEquals(4, fid.length);
        assertTrue(Double.isFinite(fid[1]) && Double.isFinite(fid[3]), java.util.Arrays.toString(fid));

        TrainedGenerator g = TrainedGenerator.load(out);
        TrainConfig resolved = g.config();
        int n = resolved.run().evalSamples();
        FeatureNetwork net = FeatureNetworks.get("fmnist");
        Dataset test = Datasets.open(DatasetRequest.of("fashion-mnist").withDataDir(data).withSplit(Split.TEST).withDownload(false));
        RealReference real = ReferenceCache.standard().get(test, n, net, line -> { });
        KernelDistance kid = new KernelDistance(TrainingEvaluation.KID_SUBSETS, KernelDistance.DEFAULT_SUBSET_SIZE,
                KernelDistance.DEFAULT_SEED);
        double recomputed;
        double withOtherCodes;
        try (PointerScope scope = new PointerScope()) {
            Engine.seed(Trainer.mix(resolved.run().seed(), -2));
            Latent latent = g.sampler().prior().draw(n, ComputeDevice.CPU);
            if (kind.equals("conditional")) {
                assertEquals(n, latent.labels().size(0), "a conditional run's evaluation draws labels");
            } else {
                assertTrue(latent.categories() != null || latent.continuous() != null, "InfoGAN's evaluation draws codes");
            }
            recomputed = fid(g, latent, n, net, real, kid);
            Latent other = kind.equals("conditional")
                    ? new Latent(latent.input(), torch.zeros_like(latent.labels()), null, null)
                    : ((Prior.Codes) g.sampler().prior()).withCodes(latent.input().narrow(1, 0, resolved.networks().latentDim()),
                            latent.categories() == null ? null : torch.zeros_like(latent.categories()),
                            latent.continuous() == null ? null : torch.zeros_like(latent.continuous()), ComputeDevice.CPU);
            withOtherCodes = fid(g, other, n, net, real, kid);
        }
        assertEquals(Double.parseDouble(MetricsLog.format(recomputed)), fid[3], 0.0,
                "the evaluated samples are the run's generator on its prior's draw");
        assertNotEquals(fid[3], Double.parseDouble(MetricsLog.format(withOtherCodes)), "the labels or codes matter");
    }

    private static double fid(TrainedGenerator g, Latent latent, int n, FeatureNetwork net, RealReference real, KernelDistance kid) {
        float[] outputs = g.sampler().generate(latent);
        EvalImages images = GeneratorSamples.fromOutputs(outputs, n, g.generator().outputRange(), "recomputed");
        return Evaluation.distances(net, real, images, kid).fid();
    }

    @Test
    void offByDefaultAndRefusedWithoutAFeatureNetwork() {
        assertEquals(0, TrainConfig.defaults().resolve().run().evalEvery());
        assertEquals(2000, TrainConfig.defaults().resolve().run().evalSamples());
        assertEquals(List.of(), TrainingEvaluation.columns(TrainConfig.defaults().resolve()));
        TrainConfig ring = TrainConfig.builder().model("mlp").dataset("ring8").evalEvery(10).build().resolve();
        BadInputException e = assertThrows(BadInputException.class, () -> TrainingEvaluation.columns(ring));
        assertEquals("'eval-every' needs a dataset with a feature network (fashion-mnist or mnist), not ring8;"
                + " --features inception judges any images", e.getMessage());
        assertThrows(BadInputException.class, () -> TrainConfig.builder().evalEvery(-1).build().resolve());
        assertThrows(BadInputException.class, () -> TrainConfig.builder().evalSamples(1).build().resolve());
    }
}
