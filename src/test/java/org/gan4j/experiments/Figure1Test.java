package org.gan4j.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.data.SampleShape;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Tensors;
import org.gan4j.nn.Architectures;
import org.gan4j.nn.Discriminator;
import org.gan4j.config.ConfigFiles;
import org.gan4j.nn.NetworkSpec;
import org.gan4j.report.Figure1Chart;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Figure1Test {
    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    private static Discriminator tinyD() {
        Engine.seed(3);
        return Architectures.get("mlp").discriminator(new NetworkSpec(SampleShape.vector(1), 4, 8));
    }

    /** Grid [0, 4] in 4 bins of width 1; seven samples, two of them off the grid. */
    @Test
    void aSnapshotHoldsTheHistogramThePdfAndDOverTheGrid() {
        Discriminator d = tinyD();
        Figure1.Grid grid = new Figure1.Grid(0, 4, 4);
        float[] samples = {0.5f, 0.5f, 1.5f, 3.9f, 4.0f, 5.0f, -1f};
        Figure1Chart.Snapshot s = Figure1.capture(7, samples, d, grid, 0.5, 1.0);
        assertEquals(7, s.step());
        assertArrayEquals(new double[] {0.5, 1.5, 2.5, 3.5}, s.x(), 0);
        // counts 2, 1, 0, 2 (histc's last bin is closed: 4.0 counts) over n = 7 and width 1
        assertArrayEquals(new double[] {2 / 7.0, 1 / 7.0, 0, 2 / 7.0}, s.generator(), 1e-7);
        assertEquals(5 / 7.0, s.inside(), 1e-12);
        // N(0.5, 1) at 0.5 and 2.5: 1/sqrt(2 pi) and exp(-2)/sqrt(2 pi)
        assertEquals(0.3989422804, s.data()[0], 1e-9);
        assertEquals(0.0539909665, s.data()[2], 1e-9);
        assertTrue(d.is_training(), "D's mode is restored");
        try (PointerScope scope = new PointerScope(); NoGradGuard guard = new NoGradGuard()) {
            d.eval();
            for (int i = 0; i < s.x().length; i++) {
                float direct = Tensors.toFloats(torch.sigmoid(d.forward(Tensors.fromFloats(new float[] {(float) s.x()[i]}, 1, 1))))[0];
                assertEquals(direct, s.discriminator()[i], 1e-6, "D(" + s.x()[i] + ")");
            }
            d.train(true);
        }
    }

    @Test
    void bothDensitiesIntegrateToOneOnACoveringGrid() {
        float[] samples = new float[20_000];
        Random r = new Random(1);
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (4 + 0.5 * r.nextGaussian());
        }
        Figure1.Grid grid = Figure1.Grid.covering(samples, 4, 0.5, Figure1.BINS);
        Figure1Chart.Snapshot s = Figure1.capture(0, samples, tinyD(), grid, 4, 0.5);
        double pg = 0;
        double pdata = 0;
        for (int i = 0; i < s.x().length; i++) {
            pg += s.generator()[i] * grid.width();
            pdata += s.data()[i] * grid.width();
        }
        assertEquals(1.0, s.inside(), 0);
        assertEquals(1.0, pg, 1e-6);
        assertEquals(1.0, pdata, 1e-4);   // midpoint rule on a grid reaching past ±5σ
    }

    @Test
    void theGridCoversDataAndSamplesOutToWholeNumbers() {
        // data 4 ± 5·0.5 = [1.5, 6.5]; samples reach −1; span 7.5, margin 0.75 → [−1.75, 7.25] → [−2, 8]
        Figure1.Grid g = Figure1.Grid.covering(new float[] {-1f, 2f, Float.NaN}, 4, 0.5, 10);
        assertEquals(-2, g.low(), 0);
        assertEquals(8, g.high(), 0);
        assertEquals(1.0, g.width(), 0);
        assertEquals(-1.5, g.centres()[0], 0);
    }

    @Test
    void stepsAreSpreadEvenlyFromZeroToTheEnd() {
        assertEquals(List.of(0L, 5L, 10L), Figure1.Options.evenly(10, 3));
        assertEquals(List.of(0L, 1L, 2L), Figure1.Options.evenly(2, 6));
        assertEquals(List.of(0L, 333L, 667L, 1000L), Figure1.Options.evenly(1000, 4));
    }

    @Test
    void aShortRunWritesThePanelsTheAnimationAndTheValues() throws Exception {
        Path out = tmp.resolve("fig");
        Figure1.Result r = Figure1.run(new Figure1.Options(6, 3, 4, 500, 5, "ns", 1, out), line -> { });
        assertEquals(List.of(0L, 3L, 6L), r.panels().stream().map(Figure1Chart.Snapshot::step).toList());
        assertEquals(List.of(0L, 2L, 4L, 6L), r.frames().stream().map(Figure1Chart.Snapshot::step).toList());
        BufferedImage png = ImageIO.read(r.png().toFile());
        assertEquals(3 * Figure1Chart.PANEL_WIDTH, png.getWidth());
        assertEquals(Figure1Chart.PANEL_HEIGHT, png.getHeight());
        try (ImageInputStream in = ImageIO.createImageInputStream(r.gif().toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertEquals(4, reader.getNumImages(true));
        }
        JsonNode json = ConfigFiles.JSON.readTree(r.json().toFile());
        assertEquals(3, json.get("panels").size());
        assertEquals(6, json.get("panels").get(2).get("step").asLong());
        assertEquals(Figure1.BINS, json.get("panels").get(2).get("d").size());
        assertEquals(r.panels().get(2).discriminator()[10], json.get("panels").get(2).get("d").get(10).asDouble(), 0);
        assertTrue(Files.isRegularFile(out.resolve("config.json")), "the figure sits beside a real run");
        try (Stream<Path> files = Files.list(out)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }
}
