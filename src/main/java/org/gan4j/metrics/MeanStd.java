package org.gan4j.metrics;

/**
 * A metric averaged over repetitions (KID subsets, Inception Score splits): the mean and the
 * population standard deviation (divisor {@code count}, numpy's default {@code ddof=0}, as in the
 * reference implementations), and how many values they summarise.
 */
public record MeanStd(double mean, double std, int count) {
    public MeanStd {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
    }

    /** Mean and population standard deviation of {@code values} (two-pass, for accuracy). */
    public static MeanStd of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / values.length;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return new MeanStd(mean, Math.sqrt(squares / values.length), values.length);
    }

    @Override
    public String toString() {
        return mean + " ± " + std + " (n=" + count + ")";
    }
}
