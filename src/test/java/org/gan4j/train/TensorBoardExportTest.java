package org.gan4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.gan4j.config.TrainConfig;
import org.gan4j.data.Dataset;
import org.gan4j.engine.Engine;
import org.gan4j.report.MetricsLog;
import org.gan4j.report.MetricsTable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --tensorboard}: a tiny run's event files read back by TensorBoard's own reader
 * ({@code EventAccumulator}, through {@code python3}); skipped when the {@code tensorboard} package is
 * not installed ({@code .ci/run} installs it). The run is the MLP on 64 random 28×28 images, so a
 * sample grid is written, resumed once so its directory holds two files.
 */
class TensorBoardExportTest {
    /** A virtual environment .ci/run may have made, else the python3 on the PATH. */
    static final Path VENV_PYTHON = Path.of("target", "tensorboard-venv", "bin", "python3");

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    static String python() {
        return Files.isExecutable(VENV_PYTHON) ? VENV_PYTHON.toString() : "python3";
    }

    /** Null when python3 imports tensorboard, else why not. */
    static String tensorboardMissing() {
        try {
            Process p = new ProcessBuilder(python(), "-c", "import tensorboard").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return python() + " -c 'import tensorboard' did not finish in 60 s";
            }
            return p.exitValue() == 0 ? null : python() + " cannot import tensorboard (pip install tensorboard): " + out.strip();
        } catch (IOException e) {
            return "no " + python() + " to run TensorBoard's reader: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Reads every event file of {@code logdir} with EventAccumulator; image bytes go to files beside the JSON. */
    static final String READER = """
            import json, sys, os
            from tensorboard.backend.event_processing import event_accumulator as ea
            logdir, out = sys.argv[1], sys.argv[2]
            acc = ea.EventAccumulator(logdir, size_guidance={ea.SCALARS: 0, ea.IMAGES: 0, ea.HISTOGRAMS: 0})
            acc.Reload()
            tags = acc.Tags()
            result = {"scalars": {}, "images": [], "histograms": {}}
            for t in tags["scalars"]:
                result["scalars"][t] = [[e.step, e.value] for e in acc.Scalars(t)]
            for t in tags["images"]:
                for i, e in enumerate(acc.Images(t)):
                    f = os.path.join(out, "%s-%d-%d.png" % (t.replace("/", "_"), e.step, i))
                    open(f, "wb").write(e.encoded_image_string)
                    result["images"].append({"tag": t, "step": e.step, "width": e.width, "height": e.height, "file": f})
            for t in tags["histograms"]:
                result["histograms"][t] = [{"step": e.step, "num": e.histogram_value.num, "min": e.histogram_value.min,
                    "max": e.histogram_value.max, "buckets": sum(e.histogram_value.bucket)} for e in acc.Histograms(t)]
            print(json.dumps(result))
            """;

    static JsonNode read(Path logdir, Path out) throws Exception {
        Files.createDirectories(out);
        Process p = new ProcessBuilder(python(), "-c", READER, logdir.toString(), out.toString()).start();
        byte[] stdout = p.getInputStream().readAllBytes();
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the reader did not finish");
        assertEquals(0, p.exitValue(), "EventAccumulator failed: " + stderr);
        return new ObjectMapper().readTree(stdout);
    }

    /** Records every step's scalars as the trainer published them. */
    static final class Steps implements RunListener {
        final Map<Long, Map<String, Double>> scalars = new HashMap<>();

        @Override
        public void on(RunEvent event) {
            if (event instanceof RunEvent.StepEnded s) {
                scalars.put(s.step(), s.stats().scalars().asMap());
            }
        }
    }

    @Test
    void tensorBoardReadsTheRunsScalarsSamplesAndHistograms() throws Exception {
        String missing = tensorboardMissing();
        Assumptions.assumeTrue(missing == null, missing);
        Path run = tmp.resolve("run");
        Path tb = tmp.resolve("tb");
        Dataset data = NativeMemoryTest.images();
        Steps steps = new Steps();
        TrainConfig config = TrainConfig.builder().model("mlp").dataset("tiny-labelled").steps(10).batch(16).seed(3).threads(1)
                .out(run.toString()).latentDim(8).width(16).logEvery(4).sampleEvery(5).checkpointEvery(5)
                .tensorboard(tb.toString()).build();
        try (Trainer t = Trainer.start(config, data)) {
            t.train(steps);
        }
        try (Trainer t = Trainer.resume(run, data, TrainConfig.builder().steps(15).build())) {
            t.train(steps);
        }
        try (Stream<Path> files = Files.list(tb)) {
            assertEquals(2, files.filter(f -> f.getFileName().toString().startsWith("events.out.tfevents.")).count(),
                    "a resumed run adds a second event file");
        }

        JsonNode read = read(tb, tmp.resolve("read"));

        // Scalars: the values each step published, as float32, and metrics.csv's (six significant digits), by tag.
        MetricsTable metrics = MetricsLog.read(run.resolve("metrics.csv"));
        Map<String, String> tags = Map.of("d_loss", "loss/d_loss", "g_loss", "loss/g_loss", "d_real", "d/d_real",
                "d_fake", "d/d_fake", "grad_norm_d", "grad/grad_norm_d", "grad_norm_g", "grad/grad_norm_g",
                "images_per_s", "train/images_per_s");
        assertEquals(new java.util.TreeSet<>(tags.values()), fieldNames(read.get("scalars")));
        double[] stepColumn = metrics.column("step");
        assertEquals(15, stepColumn.length);
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            JsonNode events = read.get("scalars").get(tag.getValue());
            assertEquals(15, events.size(), tag.getValue() + ": one value per step");
            double[] csv = metrics.column(tag.getKey());
            for (int i = 0; i < events.size(); i++) {
                long step = events.get(i).get(0).asLong();
                double value = events.get(i).get(1).asDouble();
                assertEquals(i + 1, step);
                assertEquals(stepColumn[i], step);
                double published = steps.scalars.get(step).get(tag.getKey());
                assertEquals((float) published, (float) value, tag.getValue() + " at step " + step);
                assertEquals(csv[i], value, Math.abs(csv[i]) * 6e-6 + 1e-30, tag.getValue() + " at step " + step + " against metrics.csv");
            }
        }

        // Images: the sample grid of steps 0, 5, 10 and 15 (the resumed run draws no step 0), decoded as PNG at the grid's size.
        JsonNode images = read.get("images");
        List<Long> imageSteps = new ArrayList<>();
        for (JsonNode image : images) {
            assertEquals("samples", image.get("tag").asText());
            long step = image.get("step").asLong();
            imageSteps.add(step);
            Path grid = new RunDirectory(run).sampleGrid(step);
            BufferedImage onDisk = ImageIO.read(grid.toFile());
            Path file = Path.of(image.get("file").asText());
            BufferedImage decoded = ImageIO.read(file.toFile());
            assertTrue(decoded != null, "TensorBoard's image of step " + step + " is not a PNG");
            assertEquals(onDisk.getWidth(), decoded.getWidth());
            assertEquals(onDisk.getHeight(), decoded.getHeight());
            assertEquals(decoded.getWidth(), image.get("width").asInt());
            assertEquals(decoded.getHeight(), image.get("height").asInt());
            assertArrayEquals(Files.readAllBytes(grid), Files.readAllBytes(file), "the grid's own PNG");
        }
        assertEquals(List.of(0L, 5L, 10L, 15L), imageSteps);

        // Histograms of D's outputs at the log cadence (4, 8, the first run's last step 10, 12, and 15), a batch each.
        for (String tag : List.of("d/real_outputs", "d/fake_outputs")) {
            JsonNode histograms = read.get("histograms").get(tag);
            assertTrue(histograms != null, tag + " missing: " + read.get("histograms"));
            List<Long> at = new ArrayList<>();
            for (JsonNode h : histograms) {
                at.add(h.get("step").asLong());
                assertEquals(16, h.get("num").asInt(), tag + ": one value per sample of the batch");
                assertEquals(16, h.get("buckets").asInt(), tag + ": the buckets count every value");
                assertTrue(h.get("min").asDouble() <= h.get("max").asDouble());
            }
            assertEquals(List.of(4L, 8L, 10L, 12L, 15L), at, tag);
        }
    }

    @Test
    void aRunWithoutTheKeyWritesNoEventsAndAsksForNoDistributions() {
        Path run = tmp.resolve("plain");
        List<RunEvent> seen = new ArrayList<>();
        TrainConfig config = TrainConfig.builder().model("mlp").dataset("tiny-labelled").steps(4).batch(16).seed(3).threads(1)
                .out(run.toString()).latentDim(8).width(16).logEvery(2).build();
        try (Trainer t = Trainer.start(config, NativeMemoryTest.images())) {
            t.train(seen::add);
            assertTrue(t.game().distributions().isEmpty(), "no step copied D's outputs");
        }
        assertFalse(seen.stream().anyMatch(e -> e instanceof RunEvent.Distributions));
        assertEquals(null, config.resolve().run().tensorboard());
    }

    @Test
    void evaluationsGoUnderEvalAndUnmeasuredScalarsAreLeftOut() throws Exception {
        String missing = tensorboardMissing();
        Assumptions.assumeTrue(missing == null, missing);
        Path tb = tmp.resolve("eval");
        TensorBoardRecorder recorder = TensorBoardRecorder.open(tb);
        RunEvents events = new RunEvents().add(recorder);
        events.publish(new RunEvent.Evaluated(5, Map.of("fid_fmnist", 123.25, "kid_fmnist", 0.0125), "fid 123.25"));
        events.publish(new RunEvent.StepEnded(new StepStats(5, StepScalars.of("d_loss", 0.75, "psnr", Double.NaN)), 5, true));
        events.publish(new RunEvent.RunEnded(null));
        JsonNode scalars = read(tb, tmp.resolve("eval-read")).get("scalars");
        assertEquals(new java.util.TreeSet<>(List.of("eval/fid_fmnist", "eval/kid_fmnist", "loss/d_loss")), fieldNames(scalars));
        assertEquals(5, scalars.get("eval/fid_fmnist").get(0).get(0).asLong());
        assertEquals(123.25, scalars.get("eval/fid_fmnist").get(0).get(1).asDouble());
        assertEquals((float) 0.0125, (float) scalars.get("eval/kid_fmnist").get(0).get(1).asDouble());
    }

    @Test
    void anUnwritableDirectoryFailsBeforeTheRunStarts() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Path run = tmp.resolve("never");
        TrainConfig config = TrainConfig.builder().model("mlp").dataset("tiny-labelled").steps(2).batch(16).threads(1)
                .out(run.toString()).latentDim(8).width(16).tensorboard(file.resolve("tb").toString()).build();
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.gan4j.io.UnwritableOutputException.class,
                () -> Trainer.start(config, NativeMemoryTest.images()));
        assertTrue(e.getMessage().startsWith("cannot write " + file.resolve("tb")), e.getMessage());
        assertFalse(Files.exists(run), "nothing of the run is written");
    }

    @Test
    void aCheckpointsFlushHoldsEverythingOfItsStep() throws Exception {
        Path tb = tmp.resolve("flush");
        TensorBoardRecorder recorder = TensorBoardRecorder.open(tb);
        RunEvents events = new RunEvents();
        events.add(new RunListener() {   // as CheckpointRecorder: saves on the step's StepEnded, then says so
            @Override
            public void on(RunEvent e) {
                if (e instanceof RunEvent.StepEnded s) {
                    events.publish(new RunEvent.CheckpointSaved(s.step(), tmp.resolve("last.pt")));
                }
            }

            @Override
            public Stage stage() {
                return Stage.PERSIST;
            }
        }).add(recorder);
        events.publish(new RunEvent.StepEnded(new StepStats(7, StepScalars.of("g_loss", 0.5)), 100, false));   // not a logged step
        String written = new String(Files.readAllBytes(recorder.file()), StandardCharsets.ISO_8859_1);
        assertTrue(written.contains("loss/g_loss"), "the checkpoint's step is on disk before the writer closes");
        recorder.close();
    }

    @Test
    void scalarsAreGroupedByName() {
        assertEquals("loss/content_loss", TensorBoardRecorder.tag("content_loss"));
        assertEquals("d/d_real_a", TensorBoardRecorder.tag("d_real_a"));
        assertEquals("d/d_fake", TensorBoardRecorder.tag("d_fake"));
        assertEquals("grad/grad_norm_d", TensorBoardRecorder.tag("grad_norm_d"));
        assertEquals("eval/fid_fmnist", TensorBoardRecorder.tag("fid_fmnist"));
        assertEquals("eval/kid_fmnist", TensorBoardRecorder.tag("kid_fmnist"));
        assertEquals("train/psnr", TensorBoardRecorder.tag("psnr"));
        assertEquals("train/pair_agreement", TensorBoardRecorder.tag("pair_agreement"));
        assertEquals("train/images_per_s", TensorBoardRecorder.tag("images_per_s"));
    }

    private static java.util.TreeSet<String> fieldNames(JsonNode node) {
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
