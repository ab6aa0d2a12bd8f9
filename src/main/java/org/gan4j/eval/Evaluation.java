package org.gan4j.eval;

import org.gan4j.BadInputException;
import org.gan4j.features.FeatureNetwork;
import org.gan4j.metrics.ClassCoverage;
import org.gan4j.metrics.DensityCoverage;
import org.gan4j.metrics.FrechetDistance;
import org.gan4j.metrics.InceptionScore;
import org.gan4j.metrics.KernelDistance;
import org.gan4j.metrics.MeanStd;
import org.gan4j.metrics.PrecisionRecall;

/**
 * Evaluates samples against a real reference with a feature network: the samples go through the
 * network once, then every metric of {@code org.gan4j.metrics} is computed from the two feature
 * matrices (FID, KID with {@link KernelDistance#defaults()}, IS over 10 splits, precision/recall
 * k = 3, density/coverage k = 5, class coverage against the real labels).
 */
public final class Evaluation {
    private Evaluation() {
    }

    /** All metrics. */
    public static EvalReport all(FeatureNetwork net, RealReference real, EvalImages samples) {
        return evaluate(net, real, samples, KernelDistance.defaults(), true);
    }

    /**
     * FID and KID only, for evaluations during training; KID with {@code kid}'s subsets.
     */
    public static EvalReport distances(FeatureNetwork net, RealReference real, EvalImages samples, KernelDistance kid) {
        return evaluate(net, real, samples, kid, false);
    }

    private static EvalReport evaluate(FeatureNetwork net, RealReference real, EvalImages samples, KernelDistance kid, boolean all) {
        if (!net.digest().equals(real.networkDigest())) {
            throw new IllegalArgumentException("the real reference was computed with another feature network");
        }
        if (samples.n() < 2) {
            throw new BadInputException("samples " + samples.source() + " hold " + samples.n()
                    + " image; the metrics need at least 2");
        }
        long started = System.nanoTime();
        FeatureNetwork.Output out = net.apply(samples.pixels(), samples.n(), samples.shape());
        double fid = FrechetDistance.between(real.features(), out.features());
        MeanStd k = kid.compute(real.features(), out.features());
        int kidSize = Math.min(kid.subsetSize(), Math.min(real.n(), samples.n()));
        MeanStd is = null;
        Double precision = null;
        Double recall = null;
        Double density = null;
        Double coverage = null;
        ClassCoverage classes = null;
        if (all) {
            if (samples.n() >= InceptionScore.DEFAULT_SPLITS) {
                is = InceptionScore.compute(out.probabilities());
            }
            if (samples.n() > PrecisionRecall.DEFAULT_K && real.n() > PrecisionRecall.DEFAULT_K) {
                PrecisionRecall.Result pr = PrecisionRecall.defaults().compute(real.features(), out.features());
                precision = pr.precision();
                recall = pr.recall();
            }
            if (real.n() > DensityCoverage.DEFAULT_K) {
                DensityCoverage.Result dc = DensityCoverage.defaults().compute(real.features(), out.features());
                density = dc.density();
                coverage = dc.coverage();
            }
            if (!net.isInception()) { // Inception's 1008 ImageNet classes are not the dataset's
                classes = ClassCoverage.of(out.predicted(), real.classDistribution());
            }
        }
        return new EvalReport(net.name(), net.digest(), net.card().testAccuracy(), real.data(), real.dataDigest(), real.n(),
                samples.source(), samples.n(), fid, k, kid.subsets(), kidSize, is, precision, recall, density, coverage, classes,
                (System.nanoTime() - started) / 1e9, null, samples.preprocessing());
    }
}
