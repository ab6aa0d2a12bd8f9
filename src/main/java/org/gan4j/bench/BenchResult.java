package org.gan4j.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One benchmark's result, printed as one machine-readable line of space-separated {@code key=value}
 * pairs that starts with {@code bench=<id> impl=<name>} (../shared/bench/SPEC.md). Numbers use a dot
 * as decimal separator whatever the locale; {@link #parse} reads any such line back.
 */
public sealed interface BenchResult {
    /** The benchmark's id: B1, B2, B3, B4 or PEAK. */
    String bench();

    /** The implementation's name ({@value Benchmark#IMPL} for this one). */
    String impl();

    /** The SPEC line, without a trailing newline. */
    String line();

    /**
     * Timed training iterations (B1, B2): per-iteration wall time percentiles.
     *
     * @param iters  counted iterations (after warm-up)
     * @param medianMs median milliseconds per iteration
     * @param p10Ms  10th percentile
     * @param p90Ms  90th percentile
     * @param gflops achieved rate at the median, from {@link FlopCounter#iterationFlops}
     */
    record Iterations(String bench, String impl, int iters, double medianMs, double p10Ms, double p90Ms, double gflops)
            implements BenchResult {
        /** Real samples per second at the median iteration time. */
        public double imagesPerSecond(int batch) {
            return batch * 1000.0 / medianMs;
        }

        @Override
        public String line() {
            return String.format(Locale.ROOT, "bench=%s impl=%s iters=%d median_ms_per_iter=%.3f p10=%.3f p90=%.3f gflops=%.2f",
                    bench, impl, iters, medianMs, p10Ms, p90Ms, gflops);
        }
    }

    /**
     * A throughput (B3 generation, B4 end-to-end training).
     *
     * @param imagesPerSecond images generated (B3) or real images trained on (B4) per second
     * @param gflops          achieved rate
     * @param details         further {@code key=value} pairs in order (B3: the faster guard; B4: iterations,
     *                        dataset load time); values must not contain spaces
     */
    record Throughput(String bench, String impl, double imagesPerSecond, double gflops, Map<String, String> details)
            implements BenchResult {
        public Throughput {
            details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details)); // keeps the order
        }

        @Override
        public String line() {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "bench=%s impl=%s images_per_s=%.1f gflops=%.2f",
                    bench, impl, imagesPerSecond, gflops));
            details.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
            return b.toString();
        }
    }

    /**
     * The rate of a large float matrix product through the same engine and threads: what the
     * machine can reach, to read the other lines' {@code gflops} against.
     *
     * @param size    n of the n×n by n×n product
     * @param threads cores in force
     */
    record Peak(String impl, double gemmGflops, int size, int threads) implements BenchResult {
        @Override
        public String bench() {
            return "PEAK";
        }

        @Override
        public String line() {
            return String.format(Locale.ROOT, "bench=PEAK impl=%s gemm_gflops=%.2f n=%d threads=%d", impl, gemmGflops, size, threads);
        }
    }

    /**
     * The pairs of a result line, in order.
     *
     * @throws IllegalArgumentException when a token is not {@code key=value} or the line does not start with
     *                                  {@code bench=...}
     */
    static Map<String, String> parse(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String token : line.trim().split("\\s+")) {
            int eq = token.indexOf('=');
            if (eq <= 0 || eq == token.length() - 1) {
                throw new IllegalArgumentException("not a key=value pair: '" + token + "' in: " + line);
            }
            if (fields.put(token.substring(0, eq), token.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("key " + token.substring(0, eq) + " repeated in: " + line);
            }
        }
        if (!fields.keySet().iterator().next().equals("bench")) {
            throw new IllegalArgumentException("a result line starts with bench=: " + line);
        }
        return fields;
    }
}
