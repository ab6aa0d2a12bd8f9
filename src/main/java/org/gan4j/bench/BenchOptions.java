package org.gan4j.bench;

/**
 * How to run the benchmarks.
 *
 * @param threads intra-op CPU threads (SPEC: 2)
 * @param iters   counted iterations of B1 and B2 and the cap of B4; null for the SPEC's (200, 50, 300)
 * @param warmup  iterations (B3: batches) run before counting (SPEC: 20)
 * @param device  {@code cpu}, {@code cuda} or {@code cuda:N}
 * @param bare    whether B1 and B2 are also timed as a {@link BareLoop}, the yardstick without the trainer
 */
public record BenchOptions(int threads, Integer iters, int warmup, String device, boolean bare) {
    /** SPEC's intra-op threads. */
    public static final int SPEC_THREADS = 2;
    /** SPEC's warm-up iterations. */
    public static final int SPEC_WARMUP = 20;

    public BenchOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        if (iters != null && iters < 1) {
            throw new IllegalArgumentException("iters must be positive, got " + iters);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("warmup must not be negative, got " + warmup);
        }
    }

    /** The SPEC's settings on the CPU. */
    public static BenchOptions spec() {
        return new BenchOptions(SPEC_THREADS, null, SPEC_WARMUP, "cpu", false);
    }

    /** Counted iterations: {@code iters} when given, else {@code specDefault}. */
    int itersOr(int specDefault) {
        return iters != null ? iters : specDefault;
    }
}
