package org.gan4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.gan4j.BadInputException;
import org.gan4j.config.ConfigFiles;
import org.gan4j.config.TrainConfig;
import org.gan4j.data.Dataset;
import org.gan4j.engine.Engine;
import org.gan4j.nn.Growing;
import org.gan4j.report.MetricsLog;
import org.gan4j.report.MetricsTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Progressive runs through the Java API: the growth they go through, their defaults, pictures and an exact resume inside a fade-in. */
class ProGanTrainingTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    @Test
    void aRunGrowsFromFourToThirtyTwoWithThePapersDefaultsAndPicturesItsGrowth() throws Exception {
        Path data = ProGanRuns.imageFolder(tmp.resolve("data"));
        TrainConfig config = ProGanRuns.builder(tmp.resolve("run"), data, 60).build();
        TrainConfig resolved = config.resolve();
        assertEquals("wgan-gp", resolved.objective().loss());
        assertEquals(0.001, resolved.objective().drift());
        assertEquals(1e-3, resolved.optimiser().lrG());
        assertEquals(0.0, resolved.optimiser().beta1());
        assertEquals(0.99, resolved.optimiser().beta2());
        assertEquals(1, resolved.optimiser().dSteps(), "one critic step, not WGAN-GP's five");
        assertEquals(0.99, resolved.optimiser().emaDecay());
        assertEquals(32, TrainConfig.builder().model("progan").dataset("fashion-mnist").build().resolve().data().imageSize(),
                "28x28 data is padded to 32 for progan unless --image-size says otherwise");
        Dataset images = ProGanRuns.open(config);
        try (Trainer t = Trainer.start(config, images)) {
            Growing g = (Growing) t.generator();
            t.train(new TrainingListener() {
                @Override
                public void onStep(StepStats stats) {
                    long played = stats.step() - 1;   // the step just played, at the schedule's stage of its images
                    Growing.Stage expected = GrowthSchedule.ofKimg(32, ProGanRuns.KIMG, ProGanRuns.KIMG).at(played * 4);
                    assertEquals(expected, g.stage(), "step " + played);
                    assertEquals(expected, ((Growing) t.discriminator()).stage());
                    assertEquals(expected, ((Growing) t.averagedGenerator()).stage(), "the average copies G's stage");
                }
            });
            assertEquals(Growing.Stage.stable(32), g.stage());
        }
        RunDirectory run = new RunDirectory(tmp.resolve("run"));
        for (int r : new int[] {4, 8, 16, 32}) {
            assertTrue(Files.isRegularFile(GrowthRecorder.row(run.root(), r)), "row " + r);
        }
        assertTrue(Files.isRegularFile(GrowthRecorder.picture(run.root())));
        java.awt.image.BufferedImage picture = javax.imageio.ImageIO.read(GrowthRecorder.picture(run.root()).toFile());
        java.awt.image.BufferedImage row = javax.imageio.ImageIO.read(GrowthRecorder.row(run.root(), 4).toFile());
        assertEquals(4 * row.getHeight(), picture.getHeight(), "one row per resolution");
        JsonNode state = ConfigFiles.JSON.readTree(Checkpoint.readState(run.checkpoint()).game());
        assertEquals(32, state.get("resolution").asInt());
        assertEquals(1.0, state.get("alpha").asDouble());
        assertEquals(240, state.get("images").asLong());
        assertEquals(0.24, state.get("kimg").asDouble(), 1e-12);
        // generator.pt keeps the stage with the weights: the exported generator makes 32×32 images at 32×32
        TrainedGenerator product = TrainedGenerator.load(run.root());
        assertEquals(Growing.Stage.stable(32), ((Growing) product.generator()).stage());
    }

    @Test
    void aRunKilledInsideAFadeInResumesBitIdentically() throws Exception {
        Path data = ProGanRuns.imageFolder(tmp.resolve("data"));
        Path straight = tmp.resolve("straight");
        float[] expected;
        TrainConfig config = ProGanRuns.builder(straight, data, 30).build();
        try (Trainer t = Trainer.start(config, ProGanRuns.open(config))) {
            t.train(TrainingListener.NONE);
            expected = TrainerTest.weights(t.generator(), t.averagedGenerator(), t.discriminator());
        }

        // killed (SIGKILL) at step 14; its last checkpoint is step 12, in the middle of 8×8's fade-in (steps 8-15)
        Path killed = tmp.resolve("killed");
        Process child = new ProcessBuilder(ChildProcessMain.command("train-progan", killed.toString(), data.toString(), "30", "14"))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String line = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertEquals("at 14", line);
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        RunDirectory run = new RunDirectory(killed);
        Checkpoint.State saved = Checkpoint.readState(run.checkpoint());
        assertEquals(12, saved.step());
        JsonNode stage = ConfigFiles.JSON.readTree(saved.game());
        assertEquals(8, stage.get("resolution").asInt());
        assertEquals((11 * 4 - 32) / 32.0, stage.get("alpha").asDouble(), 0.0, "the stage of step 11, the last one played");

        float[] resumed;
        try (Trainer t = Trainer.resume(killed, ProGanRuns.open(config), TrainConfig.builder().build())) {
            assertEquals(12, t.step());
            assertEquals(new Growing.Stage(8, (11 * 4 - 32) / 32.0), ((Growing) t.generator()).stage(), "the checkpoint holds the networks' stage");
            t.train(TrainingListener.NONE);
            resumed = TrainerTest.weights(t.generator(), t.averagedGenerator(), t.discriminator());
        }
        assertArrayEquals(expected, resumed, 0f, "the same weights (G, its average, D) as the run never interrupted, bit for bit");
        MetricsTable rows = MetricsLog.read(run.metricsFile());
        MetricsTable straightRows = MetricsLog.read(new RunDirectory(straight).metricsFile());
        assertEquals(30, rows.size());
        for (String column : new String[] {"d_loss", "g_loss", "d_real", "d_fake", "grad_norm_d", "grad_norm_g"}) {
            assertArrayEquals(straightRows.column(column), rows.column(column), 0.0, column);
        }
        for (int r : new int[] {4, 8, 16}) {
            assertArrayEquals(Files.readAllBytes(GrowthRecorder.row(straight, r)), Files.readAllBytes(GrowthRecorder.row(killed, r)), "row " + r);
        }
        assertArrayEquals(Files.readAllBytes(GrowthRecorder.picture(straight)), Files.readAllBytes(GrowthRecorder.picture(killed)));
    }

    /** Every parameter of a module by name. */
    private static java.util.Map<String, float[]> named(org.bytedeco.pytorch.Module m) {
        java.util.Map<String, float[]> out = new java.util.LinkedHashMap<>();
        var dict = m.named_parameters();
        for (long i = 0; i < dict.size(); i++) {
            out.put(dict.get(i).key().getString(), org.gan4j.engine.Tensors.toFloats(dict.get(i).access()));
        }
        return out;
    }

    /** Whether a parameter belongs to a block of a resolution above 4×4 (not in use before the first growth). */
    private static boolean grownLater(String name) {
        return name.matches("(block|to_rgb|from_rgb)(8|16|32)(_.*)?\\..*");
    }

    @Test
    void blocksNotYetInUseGetNoGradientSoNeitherOptimiserMovesThem() throws Exception {
        Path data = ProGanRuns.imageFolder(tmp.resolve("data"));
        org.gan4j.nn.NetworkSpec spec = new org.gan4j.nn.NetworkSpec(org.gan4j.data.SampleShape.image(1, 32, 32), 8, 4);
        org.gan4j.nn.Architecture progan = org.gan4j.nn.Architectures.get("progan");
        java.util.Map<String, float[]> initialG;
        java.util.Map<String, float[]> initialD;
        synchronized (Engine.randomness()) {
            Engine.seed(11);   // the run's seed: the game builds G, then D
            org.gan4j.nn.Generator g = progan.generator(spec);
            org.gan4j.nn.Discriminator d = progan.discriminator(spec);
            initialG = named(g);
            initialD = named(d);
            g.release();
            d.release();
        }
        for (String optimizer : new String[] {"adam", "rmsprop"}) {
            TrainConfig.Builder b = ProGanRuns.builder(tmp.resolve(optimizer), data, 8).optimizer(optimizer);
            TrainConfig config = (optimizer.equals("adam") ? b : b.lrG(1e-3).lrD(1e-3)).build();
            try (Trainer t = Trainer.start(config, ProGanRuns.open(config))) {
                t.train(TrainingListener.NONE);   // 8 steps of 4: all at 4×4
                assertEquals(Growing.Stage.stable(4), ((Growing) t.generator()).stage());
                int still = 0;
                for (var pair : java.util.List.of(java.util.Map.entry(initialG, named(t.generator())),
                        java.util.Map.entry(initialD, named(t.discriminator())))) {
                    assertEquals(pair.getKey().keySet(), pair.getValue().keySet());
                    for (String name : pair.getKey().keySet()) {
                        boolean same = java.util.Arrays.equals(pair.getKey().get(name), pair.getValue().get(name));
                        if (grownLater(name)) {
                            assertTrue(same, optimizer + ": " + name + " is not in use yet");
                            still++;
                        } else if (name.endsWith("weight")) {
                            assertFalse(same, optimizer + ": " + name + " trains");
                        }
                    }
                }
                assertEquals(3 * (2 + 1) * 2 + 3 * (2 + 1) * 2, still, "G: 3 blocks of 2 convs and a toRGB, D the same, weight and bias each");
            }
        }
    }

    @Test
    void aCheckpointFromAnotherScheduleIsRefusedInOneLine() throws Exception {
        Path data = ProGanRuns.imageFolder(tmp.resolve("data"));
        TrainConfig config = ProGanRuns.builder(tmp.resolve("run"), data, 12).build();
        try (Trainer t = Trainer.start(config, ProGanRuns.open(config))) {
            t.train(TrainingListener.NONE);
            JsonNode state = t.game().state();
            ((com.fasterxml.jackson.databind.node.ObjectNode) state).put("alpha", 0.75);
            BadInputException e = assertThrows(BadInputException.class, () -> t.game().restore(state));
            assertTrue(e.getMessage().startsWith("the checkpoint's growth stage 8x8 alpha 0.75"), e.getMessage());
            ((com.fasterxml.jackson.databind.node.ObjectNode) state).put("alpha", (11 * 4 - 32) / 32.0);
            t.game().restore(state);   // the true one passes
        }
    }
}
