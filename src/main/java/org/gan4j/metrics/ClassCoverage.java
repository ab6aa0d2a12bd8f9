package org.gan4j.metrics;

import java.util.Arrays;

/**
 * Which classes a generator produces, judged by a classifier's predicted class for each generated
 * sample, against the class distribution of the real data: the histogram of predictions, the
 * number of classes predicted at least once (mode collapse shows as a small number), and
 *
 * <pre>
 *   KL(q ‖ p) = Σ_{c : q_c > 0} q_c · log(q_c / max(p_c, ε)),   ε = {@value #EPSILON}
 * </pre>
 *
 * in nats, with {@code q} the generated class frequencies and {@code p} the real distribution.
 * Classes the generator never produces contribute 0 ({@code 0 log 0 = 0}); the floor ε keeps the
 * value finite when the generator produces a class that the real data lacks, which then adds about
 * {@code q_c · 23} nats. The real distribution may be given as counts or weights; it is normalised.
 * Plain Java: the work is a histogram.
 *
 * @param histogram  generated samples predicted as each class
 * @param covered    classes predicted at least once
 * @param kl         KL(generated ‖ real) in nats, as above
 */
public record ClassCoverage(long[] histogram, int covered, double kl) {
    /** Floor on the real probability of a class inside the logarithm. */
    public static final double EPSILON = 1e-10;

    public ClassCoverage {
        histogram = histogram.clone();
    }

    /**
     * @param predicted        predicted class of each generated sample, each in [0, classes)
     * @param realDistribution non-negative weight (probability or count) of each class in the real
     *                         data, not all 0; its length is the number of classes
     */
    public static ClassCoverage of(int[] predicted, double[] realDistribution) {
        int classes = realDistribution.length;
        if (predicted.length == 0) {
            throw new IllegalArgumentException("no predictions");
        }
        double total = 0;
        for (double w : realDistribution) {
            if (!(w >= 0) || !Double.isFinite(w)) {
                throw new IllegalArgumentException("real class weights must be finite and non-negative, got " + w);
            }
            total += w;
        }
        if (total <= 0) {
            throw new IllegalArgumentException("real class weights are all 0");
        }
        long[] histogram = new long[classes];
        for (int c : predicted) {
            if (c < 0 || c >= classes) {
                throw new IllegalArgumentException("predicted class " + c + " is outside [0, " + classes + ")");
            }
            histogram[c]++;
        }
        int covered = 0;
        double kl = 0;
        for (int c = 0; c < classes; c++) {
            if (histogram[c] > 0) {
                covered++;
                double q = (double) histogram[c] / predicted.length;
                double p = Math.max(realDistribution[c] / total, EPSILON);
                kl += q * Math.log(q / p);
            }
        }
        return new ClassCoverage(histogram, covered, kl);
    }

    /** The class frequencies of integer labels in [0, classes), e.g. of the real data set. */
    public static double[] distribution(int[] labels, int classes) {
        double[] p = new double[classes];
        for (int c : labels) {
            if (c < 0 || c >= classes) {
                throw new IllegalArgumentException("label " + c + " is outside [0, " + classes + ")");
            }
            p[c]++;
        }
        for (int c = 0; c < classes; c++) {
            p[c] /= labels.length;
        }
        return p;
    }

    /** Number of classes. */
    public int classes() {
        return histogram.length;
    }

    @Override
    public long[] histogram() {
        return histogram.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassCoverage c && c.covered == covered && Double.compare(c.kl, kl) == 0
                && Arrays.equals(c.histogram, histogram);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(histogram) + covered) + Double.hashCode(kl);
    }

    @Override
    public String toString() {
        return "ClassCoverage[covered=" + covered + "/" + histogram.length + ", kl=" + kl
                + ", histogram=" + Arrays.toString(histogram) + "]";
    }
}
