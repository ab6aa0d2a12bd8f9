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
        assertEquals(Benchmark.ALL, Benchmark.normalise(List.of("all")));
        assertEquals(List.of("B1", "B2", "B3", "B4", "B5", "B6"), Benchmark.normalise(List.of()));
        assertEquals(List.of("B3", "B1"), Benchmark.normalise(List.of("b3", "B1", "b3")));
        assertThrows(BadInputException.class, () -> Benchmark.normalise(List.of("B7")));
    }

    /** B5 and B6 give one line per registered 32×32 family, named by model=, with the family's own batch and work. */
    @Test
    void theFamilyLinesNameTheirModelAndCountItsWork() {
        Benchmark bench = new Benchmark(new BenchOptions(1, 2, 1, "cpu", false), note -> { });
        Map<String, String> train = BenchResult.parse(bench.b5("dcgan").line());
        assertEquals("B5", train.get("bench"));
        assertEquals("dcgan", train.get("model"));
        assertEquals("64", train.get("batch"), "dcgan's own default batch");
        assertEquals("2", train.get("iters"));
        assertTrue(Double.parseDouble(train.get("images_per_s")) > 0 && Double.parseDouble(train.get("gflops")) > 0, train.toString());
        assertTrue(Double.parseDouble(train.get("median_ms_per_iter")) > 0, train.toString());
        Map<String, String> generate = BenchResult.parse(bench.b6("dcgan").line());
        assertEquals("B6", generate.get("bench"));
        assertEquals("dcgan", generate.get("model"));
        // DCGAN-32's G at width 64: ConvT 100→256 on 1×1 (k4) + 256→128 on 4×4 + 128→64 on 8×8 + 64→1 on 16×16 (k4 each)
        long macs = 16L * (100 * 256 + 16 * 256 * 128 + 64 * 128 * 64 + 256 * 64);
        double seconds = 5000 / Double.parseDouble(generate.get("images_per_s"));
        assertEquals(2.0 * macs * 5000 / seconds / 1e9, Double.parseDouble(generate.get("gflops")), 0.02, generate.toString());
        assertTrue(Benchmark.families().contains("dcgan"));
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
