package org.gan4j.metrics;

/**
 * Mode coverage of generated 2-D points on a Gaussian-mixture toy distribution (the 8-Gaussian ring,
 * the 25-Gaussian grid), the protocol of the mode-collapse literature: VEEGAN (Srivastava et al.
 * 2017) and PacGAN (Lin et al. 2018).
 *
 * <ul>
 *   <li>A sample is <b>high quality</b> when its Euclidean distance to its nearest mode centre is at
 *       most 3σ (inclusive: a point at exactly 3σ counts). It is assigned to that nearest mode (on a tie,
 *       the mode with the lower index).</li>
 *   <li>A mode is <b>captured</b> when at least one high-quality sample is assigned to it.</li>
 *   <li>{@code highQuality} is the share of all samples that are high quality, in [0, 1].</li>
 *   <li>{@code kl} is the reverse KL divergence, in nats, between the distribution of high-quality
 *       samples over the modes and the uniform distribution over all K modes:
 *       <pre>
 *   q_k = n_k / Σ_j n_j        (n_k high-quality samples at mode k; Σ runs over the captured modes)
 *   KL(q ‖ uniform) = Σ_{k : n_k > 0} q_k · log(q_k · K)
 *       </pre>
 *       Modes that are not captured contribute 0 ({@code 0 log 0 = 0}). It is 0 when every mode holds the
 *       same number of high-quality samples and {@code log K} when they all sit at one mode. Without any
 *       high-quality sample q is undefined and {@code kl} is {@link Double#NaN}.</li>
 * </ul>
 *
 * @param modes       K, the number of mode centres
 * @param samples     the number of generated points scored
 * @param captured    modes with at least one high-quality sample, in [0, K]
 * @param highQuality share of the samples within 3σ of their nearest mode, in [0, 1]
 * @param kl          KL(q ‖ uniform) in nats, as above; NaN when no sample is high quality
 * @param perMode     high-quality samples assigned to each mode, indexed as the mode centres
 */
public record ModeCoverage(int modes, int samples, int captured, double highQuality, double kl, long[] perMode) {
    /** High quality means within this many σ of the nearest mode centre. */
    public static final double RADIUS_SIGMAS = 3.0;

    public ModeCoverage {
        perMode = perMode.clone();
    }

    /** High-quality samples assigned to each mode (a fresh copy). */
    @Override
    public long[] perMode() {
        return perMode.clone();
    }

    /** High-quality samples in all. */
    public long highQualityCount() {
        long n = 0;
        for (long c : perMode) {
            n += c;
        }
        return n;
    }

    /**
     * Scores {@code count} generated 2-D points.
     *
     * @param points  {@code count × 2} floats, x then y for each point (NaN or infinite points are never high quality)
     * @param count   the number of points, at least 1
     * @param centres the K mode centres, each {@code {x, y}}, K ≥ 1
     * @param sigma   the standard deviation of each mode, positive
     */
    public static ModeCoverage of(float[] points, int count, double[][] centres, double sigma) {
        if (count < 1) {
            throw new IllegalArgumentException("no points");
        }
        if (points.length < 2L * count) {
            throw new IllegalArgumentException(count + " 2-D points need " + 2L * count + " values, got " + points.length);
        }
        if (centres.length == 0) {
            throw new IllegalArgumentException("no mode centres");
        }
        for (double[] c : centres) {
            if (c.length != 2) {
                throw new IllegalArgumentException("mode centres must be 2-D, got one of dimension " + c.length);
            }
        }
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma must be positive and finite, got " + sigma);
        }
        int k = centres.length;
        double radius = RADIUS_SIGMAS * sigma;
        double radius2 = radius * radius;
        long[] hits = new long[k];
        long hq = 0;
        for (int i = 0; i < count; i++) {
            double x = points[2 * i];
            double y = points[2 * i + 1];
            int nearest = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int m = 0; m < k; m++) {
                double dx = x - centres[m][0];
                double dy = y - centres[m][1];
                double d2 = dx * dx + dy * dy;
                if (d2 < best) {
                    best = d2;
                    nearest = m;
                }
            }
            if (nearest >= 0 && best <= radius2) {
                hits[nearest]++;
                hq++;
            }
        }
        int captured = 0;
        double kl = 0;
        for (long h : hits) {
            if (h > 0) {
                captured++;
                double q = (double) h / hq;
                kl += q * Math.log(q * k);
            }
        }
        if (hq == 0) {
            kl = Double.NaN;
        } else {
            kl = Math.max(0, kl); // rounding may leave -1e-17 for a uniform q
        }
        return new ModeCoverage(k, count, captured, (double) hq / count, kl, hits);
    }
}
