package org.gan4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gan4j.BadInputException;
import org.gan4j.data.Dataset;
import org.gan4j.data.SampleShape;
import org.gan4j.train.StepStats;
import org.gan4j.train.TrainingListener;
import org.junit.jupiter.api.Test;

class BenchmarkTest {
    /** A short B1 through the real trainer: one well-formed line with positive numbers. */
    @Test
    void aShortB1RunGivesAWellFormedLine() {
        List<String> lines = new ArrayList<>();
        new Benchmark(new BenchOptions(1, 5, 2, "cpu", false), note -> { }).run(List.of("b1"), r -> lines.add(r.line()));
        assertEquals(2, lines.size(), "a PEAK line, then B1");
        Map<String, String> peak = BenchResult.parse(lines.get(0));
        assertEquals("PEAK", peak.get("bench"));
        assertTrue(Double.parseDouble(peak.get("gemm_gflops")) > 0);
        Map<String, String> b1 = BenchResult.parse(lines.get(1));
        assertEquals("B1", b1.get("bench"));
        assertEquals(Benchmark.IMPL, b1.get("impl"));
        assertEquals("5", b1.get("iters"));
        double p10 = Double.parseDouble(b1.get("p10"));
        double median = Double.parseDouble(b1.get("median_ms_per_iter"));
        double p90 = Double.parseDouble(b1.get("p90"));
        assertTrue(p10 > 0 && p10 <= median && median <= p90, lines.get(1));
        assertTrue(Double.parseDouble(b1.get("gflops")) > 0, lines.get(1));
    }

    /** --bare adds a bare-loop line after B1's, timing the same work: same iterations, same FLOPs per iteration. */
    @Test
    void theBareLoopFollowsB1AndTimesTheSameWork() {
        List<String> lines = new ArrayList<>();
        new Benchmark(new BenchOptions(1, 4, 1, "cpu", true), note -> { }).run(List.of("B1"), r -> lines.add(r.line()));
        assertEquals(3, lines.size(), "PEAK, B1, then B1's bare loop: " + lines);
        Map<String, String> gan4j = BenchResult.parse(lines.get(1));
        Map<String, String> bare = BenchResult.parse(lines.get(2));
        assertEquals("B1", bare.get("bench"));
        assertEquals(BareLoop.IMPL, bare.get("impl"));
        assertEquals(gan4j.get("iters"), bare.get("iters"));
        double median = Double.parseDouble(bare.get("median_ms_per_iter"));
        assertTrue(median > 0, lines.get(2));
        double flopsGan4j = Double.parseDouble(gan4j.get("gflops")) * Double.parseDouble(gan4j.get("median_ms_per_iter"));
        double flopsBare = Double.parseDouble(bare.get("gflops")) * median;
        assertEquals(flopsGan4j, flopsBare, 0.01 * flopsGan4j, "GFLOP per iteration of the two lines");
    }

    @Test
    void benchmarkNamesAreCheckedAndAllExpands() {
        assertEquals(List.of("B1", "B2", "B3", "B4"), Benchmark.normalise(List.of("all")));
        assertEquals(List.of("B1", "B2", "B3", "B4"), Benchmark.normalise(List.of()));
        assertEquals(List.of("B3", "B1"), Benchmark.normalise(List.of("b3", "B1", "b3")));
        assertThrows(BadInputException.class, () -> Benchmark.normalise(List.of("B5")));
    }

    @Test
    void uniformImagesAreFixedByTheirSeedAndInTheUnitInterval() {
        SampleShape shape = SampleShape.image(1, 28, 28);
        Dataset a = UniformImages.create(shape, 64, 1);
        assertEquals(a.digest(), UniformImages.create(shape, 64, 1).digest());
        assertTrue(!a.digest().equals(UniformImages.create(shape, 64, 2).digest()));
        float[] x = new float[64 * 784];
        double sum = 0;
        for (int i = 0; i < 64; i++) {
            a.copyTo(i, x, i * 784);
        }
        for (float v : x) {
            assertTrue(v >= 0 && v <= 1);
            sum += v;
        }
        assertEquals(0.5, sum / x.length, 0.01);
    }
}
