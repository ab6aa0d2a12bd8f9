package org.gan4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchResultTest {
    @Test
    void anIterationLineHasTheSpecKeysInOrderAndParsesBack() {
        var r = new BenchResult.Iterations("B1", "gan4j", 200, 4.25, 4.0, 5.5, 75.125);
        Map<String, String> f = BenchResult.parse(r.line());
        assertEquals(List.of("bench", "impl", "iters", "median_ms_per_iter", "p10", "p90", "gflops"), List.copyOf(f.keySet()));
        assertEquals("B1", f.get("bench"));
        assertEquals("gan4j", f.get("impl"));
        assertEquals(200, Integer.parseInt(f.get("iters")));
        assertEquals(4.25, Double.parseDouble(f.get("median_ms_per_iter")), 1e-9);
        assertEquals(4.0, Double.parseDouble(f.get("p10")), 1e-9);
        assertEquals(5.5, Double.parseDouble(f.get("p90")), 1e-9);
        assertEquals(75.13, Double.parseDouble(f.get("gflops")), 1e-9);
    }

    @Test
    void throughputAndPeakLinesParseBack() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("batch", "1000");
        details.put("mode", "inference_mode");
        var b3 = BenchResult.parse(new BenchResult.Throughput("B3", "gan4j", 3512.34, 50.5, details).line());
        assertEquals(List.of("bench", "impl", "images_per_s", "gflops", "batch", "mode"), List.copyOf(b3.keySet()));
        assertEquals(3512.3, Double.parseDouble(b3.get("images_per_s")), 1e-9);
        var peak = BenchResult.parse(new BenchResult.Peak("gan4j", 101.5, 2048, 2).line());
        assertEquals("PEAK", peak.get("bench"));
        assertEquals(101.5, Double.parseDouble(peak.get("gemm_gflops")), 1e-9);
    }

    /** A decimal comma would break every reader of the lines. */
    @Test
    void numbersUseADotInAnyLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            String line = new BenchResult.Iterations("B2", "gan4j", 50, 140.5, 130.25, 150.75, 70.0).line();
            assertEquals(140.5, Double.parseDouble(BenchResult.parse(line).get("median_ms_per_iter")), 1e-9);
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void malformedLinesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> BenchResult.parse("bench=B1 impl"));
        assertThrows(IllegalArgumentException.class, () -> BenchResult.parse("impl=gan4j bench=B1"));
        assertThrows(IllegalArgumentException.class, () -> BenchResult.parse("bench=B1 bench=B2"));
    }

    @Test
    void percentilesInterpolateBetweenOrderStatistics() {
        double[] v = {5, 1, 4, 2, 3};
        assertEquals(3.0, Benchmark.percentile(v, 50), 0.0);
        assertEquals(1.4, Benchmark.percentile(v, 10), 1e-12);
        assertEquals(4.6, Benchmark.percentile(v, 90), 1e-12);
    }
}
