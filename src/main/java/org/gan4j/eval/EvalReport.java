package org.gan4j.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gan4j.features.FeatureNetwork;
import org.gan4j.metrics.ClassCoverage;
import org.gan4j.metrics.MeanStd;
import org.gan4j.metrics.PairAgreement;

/**
 * The metrics of one set of samples against one real reference, under one feature network. Metric
 * names carry the network's name ({@code fid-fmnist}), because the numbers are comparable only
 * between evaluations with the same network, real data and sample counts. Metrics that need more
 * samples than were given are null.
 *
 * @param network          feature network name, e.g. {@code fmnist}
 * @param networkDigest    SHA-256 of its weights
 * @param networkAccuracy  its test accuracy, from its card
 * @param real             the real data, e.g. {@code fashion-mnist/test}
 * @param realDigest       SHA-256 of the real split
 * @param realN            real images used
 * @param samples          where the samples came from
 * @param samplesN         samples used
 * @param fid              Fréchet distance of the features
 * @param kid              kernel distance, mean ± std over subsets
 * @param kidSubsets       KID's subset pairs
 * @param kidSubsetSize    KID's rows per subset (after capping)
 * @param inceptionScore   classifier score, mean ± std over 10 splits (null below 10 samples)
 * @param precision        improved precision, k = 3 (null at 3 samples or fewer)
 * @param recall           improved recall, k = 3
 * @param density          density, k = 5 (null at 5 real samples or fewer)
 * @param coverage         coverage, k = 5
 * @param classes          predicted-class histogram of the samples against the real labels (null when not computed)
 * @param seconds          time the evaluation took
 * @param pairs            a coupled run's pair agreement over the evaluated samples (null for other samples)
 * @param preprocessing    what made the samples 28×28 ({@link SampleCrop#description()}), null when they were
 */
public record EvalReport(String network, String networkDigest, double networkAccuracy, String real, String realDigest, int realN,
                         String samples, int samplesN, double fid, MeanStd kid, int kidSubsets, int kidSubsetSize,
                         MeanStd inceptionScore, Double precision, Double recall, Double density, Double coverage,
                         ClassCoverage classes, double seconds, PairScores pairs, String preprocessing) {

    /** A report of samples that were 28×28 as they came. */
    public EvalReport(String network, String networkDigest, double networkAccuracy, String real, String realDigest, int realN,
                      String samples, int samplesN, double fid, MeanStd kid, int kidSubsets, int kidSubsetSize,
                      MeanStd inceptionScore, Double precision, Double recall, Double density, Double coverage,
                      ClassCoverage classes, double seconds, PairScores pairs) {
        this(network, networkDigest, networkAccuracy, real, realDigest, realN, samples, samplesN, fid, kid, kidSubsets,
                kidSubsetSize, inceptionScore, precision, recall, density, coverage, classes, seconds, pairs, null);
    }

    /** A report without pair agreement. */
    public EvalReport(String network, String networkDigest, double networkAccuracy, String real, String realDigest, int realN,
                      String samples, int samplesN, double fid, MeanStd kid, int kidSubsets, int kidSubsetSize,
                      MeanStd inceptionScore, Double precision, Double recall, Double density, Double coverage,
                      ClassCoverage classes, double seconds) {
        this(network, networkDigest, networkAccuracy, real, realDigest, realN, samples, samplesN, fid, kid, kidSubsets,
                kidSubsetSize, inceptionScore, precision, recall, density, coverage, classes, seconds, null);
    }

    /**
     * How well a coupled GAN's two domains of the same z agree with the transform between them
     * ({@link PairAgreement}: T(G₀(z)) against G₁(z) on [0, 1] images). It needs no feature network,
     * so its names carry none.
     *
     * @param transform         T, the run's {@code domain-b}
     * @param pairs             pairs scored: the evaluated samples of domain A and domain B of the same z
     * @param tolerance         the largest difference that counts as agreement
     * @param meanAbsoluteError mean |T(G₀(z)) − G₁(z)|, in [0, 1] (lower is better)
     * @param withinTolerance   share of pixels within the tolerance, in [0, 1] (higher is better)
     */
    public record PairScores(String transform, int pairs, double tolerance, double meanAbsoluteError, double withinTolerance) {
        public static PairScores of(String transform, PairAgreement.Result r) {
            return new PairScores(transform, r.pairs(), PairAgreement.DEFAULT_TOLERANCE, r.meanAbsoluteError(), r.withinTolerance());
        }
    }

    /** This report with a coupled run's pair agreement. */
    public EvalReport withPairs(PairScores p) {
        return new EvalReport(network, networkDigest, networkAccuracy, real, realDigest, realN, samples, samplesN, fid, kid,
                kidSubsets, kidSubsetSize, inceptionScore, precision, recall, density, coverage, classes, seconds, p, preprocessing);
    }

    /** The report as {@code eval.json} holds it. */
    public Map<String, Object> toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> net = new LinkedHashMap<>();
        net.put("name", network);
        net.put("weights-sha256", networkDigest);
        if (!Double.isNaN(networkAccuracy)) {
            net.put("test-accuracy", networkAccuracy);
        }
        root.put("feature-network", net);
        root.put("real", Map.of("data", real, "sha256", realDigest, "n", realN));
        Map<String, Object> sampled = new LinkedHashMap<>();
        sampled.put("source", samples);
        sampled.put("n", samplesN);
        if (preprocessing != null) {
            sampled.put("preprocessing", preprocessing);
        }
        root.put("samples", sampled);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(name("fid"), fid);
        m.put(name("kid"), Map.of("mean", kid.mean(), "std", kid.std(), "subsets", kidSubsets, "subset-size", kidSubsetSize));
        if (inceptionScore != null) {
            m.put(name("is"), Map.of("mean", inceptionScore.mean(), "std", inceptionScore.std(), "splits", inceptionScore.count()));
        }
        putIfPresent(m, name("precision"), precision);
        putIfPresent(m, name("recall"), recall);
        putIfPresent(m, name("density"), density);
        putIfPresent(m, name("coverage"), coverage);
        if (classes != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("covered", classes.covered());
            c.put("classes", classes.classes());
            c.put("kl", classes.kl());
            c.put("histogram", classes.histogram());
            m.put(name("class-coverage"), c);
        }
        if (pairs != null) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("domain-b", pairs.transform());
            p.put("pairs", pairs.pairs());
            p.put("tolerance", pairs.tolerance());
            p.put("mae", pairs.meanAbsoluteError());
            p.put("within-tolerance", pairs.withinTolerance());
            m.put("pair-agreement", p);
        }
        root.put("metrics", m);
        root.put("seconds", Math.round(seconds * 10) / 10.0);
        return root;
    }

    /** A metric's name: {@code fid} with pytorch-fid's Inception-v3, {@code fid-fmnist} with gan4j's classifiers. */
    private String name(String base) {
        return FeatureNetwork.metricName(base, network, "-");
    }

    private static void putIfPresent(Map<String, Object> m, String key, Double v) {
        if (v != null) {
            m.put(key, v);
        }
    }

    /** A table for the terminal: one metric a line. */
    public List<String> table() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%d samples of %s against %d real images of %s, features: %s", samplesN, samples, realN,
                real, network) + (Double.isNaN(networkAccuracy) ? " (pytorch-fid's Inception-v3 pool3)"
                : String.format(Locale.ROOT, " (test accuracy %.2f%%)", 100 * networkAccuracy)));
        if (preprocessing != null) {
            lines.add("  samples " + preprocessing);
        }
        lines.add(row(name("fid"), String.format(Locale.ROOT, "%.4f", fid), "Fréchet distance of the features (lower is better)"));
        lines.add(row(name("kid"), String.format(Locale.ROOT, "%.5f ± %.5f", kid.mean(), kid.std()),
                "kernel distance, " + kidSubsets + " subsets of " + kidSubsetSize + " (lower is better)"));
        lines.add(row(name("is"), inceptionScore == null ? "-" : String.format(Locale.ROOT, "%.3f ± %.3f", inceptionScore.mean(),
                inceptionScore.std()), inceptionScore == null ? "needs 10 samples" : "classifier score, 10 splits (higher is better)"));
        lines.add(row(name("precision"), fmt(precision), "share of samples on the real manifold (k=3)"));
        lines.add(row(name("recall"), fmt(recall), "share of real images on the samples' manifold (k=3)"));
        lines.add(row(name("density"), fmt(density), "real neighbourhoods per sample, ~1 when matched (k=5)"));
        lines.add(row(name("coverage"), fmt(coverage), "share of real neighbourhoods holding a sample (k=5)"));
        if (classes != null) {
            lines.add(row(name("classes"), String.format(Locale.ROOT, "%d of %d", classes.covered(), classes.classes()),
                    String.format(Locale.ROOT, "classes predicted; KL(samples || real) %.4f nats", classes.kl())));
        }
        if (pairs != null) {
            lines.add(row("pair-mae", String.format(Locale.ROOT, "%.4f", pairs.meanAbsoluteError()),
                    String.format(Locale.ROOT, "mean |T(A) - B| of %d pairs of one z on [0, 1], T = %s (lower is better)",
                            pairs.pairs(), pairs.transform())));
            lines.add(row("pair-agree", String.format(Locale.ROOT, "%.4f", pairs.withinTolerance()),
                    String.format(Locale.ROOT, "share of pixels of T(A) and B within %s (higher is better)",
                            pairs.tolerance())));
        }
        return lines;
    }

    private static String fmt(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String row(String name, String value, String note) {
        return String.format(Locale.ROOT, "  %-20s %-22s %s", name, value, note);
    }
}
