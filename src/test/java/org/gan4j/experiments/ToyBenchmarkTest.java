package org.gan4j.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.gan4j.BadInputException;
import org.gan4j.config.ConfigFiles;
import org.gan4j.metrics.ModeCoverage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToyBenchmarkTest {
    @TempDir
    Path tmp;

    @Test
    void aTinyRing8RunGivesWellFormedAggregatesAndWritesJsonAndScatter() throws Exception {
        Path out = tmp.resolve("tb");
        List<String> notes = new ArrayList<>();
        ToyBenchmark.Result r = ToyBenchmark.run(new ToyBenchmark.Options("ring8", "ns", List.of(1L, 2L), 100, 500, 1, out),
                notes::add);
        assertEquals(8, r.modes());
        assertEquals(2, r.seeds().size());
        assertEquals(2, notes.size(), notes.toString());
        for (ToyBenchmark.SeedResult s : r.seeds()) {
            ModeCoverage c = s.coverage();
            assertEquals(500, c.samples());
            assertTrue(c.captured() >= 0 && c.captured() <= 8, "captured " + c.captured());
            assertTrue(c.highQuality() >= 0 && c.highQuality() <= 1, "hq " + c.highQuality());
            assertTrue(Double.isNaN(c.kl()) || (c.kl() >= 0 && c.kl() <= Math.log(8) + 1e-9), "kl " + c.kl());
            assertTrue(Files.isRegularFile(out.resolve("seed-" + s.seed()).resolve("generator.pt")));
        }
        assertEquals(2, r.captured().count());
        assertTrue(r.captured().mean() >= 0 && r.captured().mean() <= 8, r.captured().toString());
        assertTrue(r.captured().std() >= 0 && r.captured().std() <= 4, r.captured().toString());
        assertTrue(r.highQuality().mean() >= 0 && r.highQuality().mean() <= 1, r.highQuality().toString());

        assertEquals(out.resolve("toybench.json"), r.json());
        JsonNode json = ConfigFiles.JSON.readTree(Files.readString(r.json()));
        assertEquals("ring8", json.get("dataset").asText());
        assertEquals(100, json.get("steps").asLong());
        assertEquals(500, json.get("samples").asInt());
        assertEquals(8, json.get("modes").asInt());
        assertEquals(2, json.get("seeds").size());
        assertEquals(8, json.get("seeds").get(0).get("per_mode").size());
        JsonNode agg = json.get("aggregate").get("modes_captured");
        assertEquals(r.captured().mean(), agg.get("mean").asDouble(), 1e-12);
        assertEquals(r.captured().std(), agg.get("std").asDouble(), 1e-12);

        BufferedImage png = ImageIO.read(r.scatter().toFile());
        assertNotNull(png, "scatter.png is not a PNG");
        assertTrue(png.getWidth() > 100 && png.getHeight() > 100);
    }

    @Test
    void badOptionsAreBadInput() {
        Path out = tmp.resolve("x");
        assertThrows(BadInputException.class, () -> new ToyBenchmark.Options("gauss1d", "ns", List.of(1L), 0, 10, 1, out));
        assertThrows(BadInputException.class, () -> new ToyBenchmark.Options("ring8", "nope", List.of(1L), 0, 10, 1, out));
        assertThrows(BadInputException.class, () -> new ToyBenchmark.Options("ring8", "ns", List.of(), 0, 10, 1, out));
        assertThrows(BadInputException.class, () -> new ToyBenchmark.Options("ring8", "ns", List.of(1L), 0, 0, 1, out));
        assertThrows(BadInputException.class, () -> ToyBenchmark.Options.seeds(0));
        assertEquals(3000, new ToyBenchmark.Options("ring8", "ns", List.of(1L), 0, 10, 1, out).resolvedSteps());
        assertEquals(20_000, new ToyBenchmark.Options("GRID25", "ns", List.of(1L), 0, 10, 1, out).resolvedSteps());
    }
}
