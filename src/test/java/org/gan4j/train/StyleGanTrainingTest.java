package org.gan4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.TensorVector;
import org.gan4j.BadInputException;
import org.gan4j.config.TrainConfig;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Tensors;
import org.gan4j.nn.StyleGanGenerator;
import org.gan4j.report.MetricsLog;
import org.gan4j.report.MetricsTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --model stylegan} trained through the Java API on a tiny 32×32 folder: its defaults, every trick on (style
 * mixing, lazy R1, lazy path length, G's average), and a run killed after a checkpoint resuming bit for bit.
 */
class StyleGanTrainingTest {
    static final long STEPS = 8;

    @TempDir
    static Path tmp;
    static Path data;
    static float[] straight;
    static MetricsTable straightMetrics;

    @BeforeAll
    static void straightRun() throws Exception {
        Engine.init(1);
        data = SrRuns.imageFolder(tmp.resolve("images"), 16);
        TrainConfig config = config(tmp.resolve("straight"));
        try (Trainer t = Trainer.start(config, SrRuns.open(config))) {
            t.train(TrainingListener.NONE);
            straight = state(t);
        }
        straightMetrics = MetricsLog.read(new RunDirectory(tmp.resolve("straight")).metricsFile());
    }

    /** Tiny: 32×32, width 4 (8 feature maps up to 16×16, 4 at 32×32), z and w of 8, batch 8; R1 every 2 D steps and path length every 2 G steps, so both run. */
    static TrainConfig config(Path out) {
        return TrainConfig.builder().model("stylegan").dataset("folder").data(data.toString()).imageSize(32).channels(1)
                .width(4).latentDim(8).batch(8).r1Every(2).plWeight(2).plEvery(2).mixingProb(0.5).steps(STEPS).seed(7)
                .threads(1).out(out.toString()).logEvery(100).sampleEvery(1000).checkpointEvery(4).build();
    }

    /** Every parameter and buffer (w_avg, the path-length target) of G, G's average and D. */
    static float[] state(Trainer t) {
        List<Float> all = new ArrayList<>();
        for (Module m : t.game().modules().values()) {
            for (TensorVector v : List.of(m.parameters(), m.buffers())) {
                for (long i = 0; i < v.size(); i++) {
                    for (float x : Tensors.toFloats(v.get(i))) {
                        all.add(x);
                    }
                }
            }
        }
        float[] out = new float[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }

    @Test
    void theFamilyDefaultsAreStyleGan2AdaCifarsAtASmallerScale() {
        TrainConfig c = TrainConfig.builder().model("stylegan").dataset("folder").data("x").imageSize(32).steps(1).build().resolve();
        assertEquals(0.0025, c.optimiser().lrG());
        assertEquals(0.0025, c.optimiser().lrD());
        assertEquals(0.0, c.optimiser().beta1());
        assertEquals(0.99, c.optimiser().beta2());
        assertEquals(0.99, c.optimiser().emaDecay());
        assertEquals("ns", c.objective().loss());
        assertEquals(0.01, c.objective().r1Gamma());
        assertEquals(16, c.objective().r1Every());
        assertEquals(2, c.style().mappingLayers());
        assertEquals(0.9, c.style().mixingProb());
        assertEquals(0.0, c.style().plWeight());
        assertNull(c.style().plEvery());
        TrainConfig dcgan = TrainConfig.builder().model("dcgan").steps(1).build().resolve();
        assertEquals(0.0, dcgan.objective().r1Gamma(), "other families keep their own defaults");
        assertEquals(0.0, dcgan.optimiser().emaDecay());
    }

    @Test
    void otherModelsRefuseTheStyleKeysAndTheProbabilityIsInTheUnitInterval() {
        BadInputException other = assertThrows(BadInputException.class,
                () -> TrainConfig.builder().model("dcgan").mixingProb(0.5).build().resolve());
        assertTrue(other.getMessage().contains("apply only to --model stylegan"), other.getMessage());
        assertThrows(BadInputException.class, () -> TrainConfig.builder().model("mlp").plWeight(2).build().resolve());
        for (double bad : new double[] {-0.1, 1.5, Double.NaN}) {
            BadInputException e = assertThrows(BadInputException.class,
                    () -> TrainConfig.builder().model("stylegan").mixingProb(bad).steps(1).build().resolve());
            assertTrue(e.getMessage().startsWith("invalid 'mixing-prob'"), e.getMessage());
        }
        assertThrows(BadInputException.class, () -> TrainConfig.builder().model("stylegan").mappingLayers(0).steps(1).build().resolve());
        assertThrows(BadInputException.class, () -> TrainConfig.builder().model("stylegan").plEvery(4).steps(1).build().resolve(),
                "pl-every without pl-weight");
    }

    @Test
    void aStyleGanRunTrainsTracksTheAverageStyleAndRegularisesThePathLength() {
        try (Trainer t = Trainer.start(config(tmp.resolve("inspected")), SrRuns.open(config(tmp.resolve("inspected"))))) {
            t.train(TrainingListener.NONE);
            assertArrayEquals(straight, state(t), 0f, "the same config trains to the same state");
            StyleGanGenerator g = (StyleGanGenerator) t.generator();
            assertFalse(allZero(Tensors.toFloats(g.wAvg())), "w_avg moved");
            assertNotEquals(0.0, Tensors.toFloats(g.buffers().get(1))[0], "the path-length target moved");
            assertTrue(Files.isRegularFile(new RunDirectory(tmp.resolve("inspected")).generatorFile()));
        }
        assertEquals(STEPS, straightMetrics.size());
        for (double d : straightMetrics.column("d_loss")) {
            assertTrue(Double.isFinite(d), "finite losses");
        }
    }

    private static boolean allZero(float[] values) {
        for (float v : values) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    private static final class Killed extends RuntimeException {
    }

    /** Killed after the checkpoint of step 4 (between R1's and the path length's lazy steps, with mixing draws) and resumed to 8. */
    @Test
    void aRunKilledAfterACheckpointResumesBitForBit() {
        Path split = tmp.resolve("killed");
        TrainConfig config = config(split);
        try (Trainer t = Trainer.start(config, SrRuns.open(config))) {
            assertThrows(Killed.class, () -> t.train(new TrainingListener() {
                @Override
                public void onMessage(String line) {
                    if (line.startsWith("checkpoint at step 4 ")) {
                        throw new Killed();
                    }
                }
            }));
        }
        try (Trainer t = Trainer.resume(split, SrRuns.open(config), TrainConfig.builder().build())) {
            assertEquals(4, t.step());
            t.train(TrainingListener.NONE);
            assertArrayEquals(straight, state(t), 0f, "G, its average and D, parameters and buffers");
        }
        MetricsTable rows = MetricsLog.read(new RunDirectory(split).metricsFile());
        for (String column : new String[] {"d_loss", "g_loss"}) {
            assertArrayEquals(straightMetrics.column(column), rows.column(column), 0.0, column);
        }
    }
}
