package org.gan4j.metrics;

import java.util.Arrays;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.engine.Engine;

/**
 * The first two moments of a feature set, all the Fréchet distance needs: the mean and the unbiased
 * sample covariance (divisor {@code n - 1}, as {@code numpy.cov} in pytorch-fid). Computing them is
 * the expensive part for a large real set, so they are a value of their own that can be cached; a
 * cache should be keyed by dataset, feature network, sample count and seed.
 *
 * @param n          number of samples the statistics were computed from (at least 2)
 * @param d          feature dimension
 * @param mean       the {@code d} means
 * @param covariance the {@code d × d} covariance, row-major, symmetric
 */
public record FeatureStatistics(int n, int d, double[] mean, double[] covariance) {
    public FeatureStatistics {
        if (n < 2 || d < 1) {
            throw new IllegalArgumentException("statistics need n >= 2 samples and d >= 1, got n=" + n + ", d=" + d);
        }
        if (mean.length != d || covariance.length != (long) d * d) {
            throw new IllegalArgumentException("d=" + d + " needs " + d + " means and " + (long) d * d
                    + " covariances, got " + mean.length + " and " + covariance.length);
        }
        mean = mean.clone();
        covariance = covariance.clone();
    }

    /** Mean and unbiased covariance of {@code features} (needs at least 2 rows), in double precision. */
    public static FeatureStatistics of(Features features) {
        if (features.n() < 2) {
            throw new IllegalArgumentException("a covariance needs at least 2 samples, got " + features.n());
        }
        Engine.ensureLoaded();
        try (PointerScope scope = new PointerScope()) {
            Tensor x = features.toTensor();
            Tensor mu = x.mean(0);
            Tensor centred = x.sub(mu);
            Tensor cov = centred.t().matmul(centred).div(new Scalar((double) (features.n() - 1)));
            return new FeatureStatistics(features.n(), features.d(), DoubleTensors.toDoubles(mu),
                    DoubleTensors.toDoubles(cov));
        }
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] covariance() {
        return covariance.clone();
    }

    /** Direct read access for this package. */
    double[] rawMean() {
        return mean;
    }

    double[] rawCovariance() {
        return covariance;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureStatistics s && s.n == n && s.d == d && Arrays.equals(s.mean, mean)
                && Arrays.equals(s.covariance, covariance);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * n + d) + Arrays.hashCode(mean)) + Arrays.hashCode(covariance);
    }

    @Override
    public String toString() {
        return "FeatureStatistics[n=" + n + ", d=" + d + "]";
    }
}
