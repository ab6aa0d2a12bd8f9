package org.gan4j.train;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Watches a run for two classic failure modes and warns once about each, with the numbers and a remedy.
 * Pure Java: it is fed {@link StepStats} and sample arrays, so it is testable without libtorch.
 *
 * <ul>
 *   <li><b>Vanishing generator gradient</b> (Goodfellow et al. 2014, §3; Arjovsky &amp; Bottou 2017, §2.2):
 *       the discriminator wins outright, mean D(G(z)) stays below {@value #PINNED_D_FAKE} for
 *       {@value #VANISHING_WINDOW} consecutive steps while G's gradient norm is under
 *       {@value #COLLAPSED_GRADIENT_FRACTION} of its median over the first {@value #BASELINE_STEPS} steps
 *       seen (for a resumed run, the first steps after the resume). Only for losses whose D outputs logits
 *       (ns, minimax), where D(G(z)) is a probability.</li>
 *   <li><b>Mode collapse</b>: the spread of generated samples (the mean over features of the standard
 *       deviation across the batch, in G's output space) falls below {@value #COLLAPSE_SPREAD_RATIO} of the
 *       same spread of real data, at {@value #COLLAPSE_CHECKS} consecutive sample grids after step 0 (one low
 *       reading can be an untrained G).</li>
 * </ul>
 */
public final class Diagnostics implements RunListener {
    /** Consecutive steps D(G(z)) must stay pinned (with a collapsed G gradient) before the warning. */
    public static final int VANISHING_WINDOW = 200;
    /** Mean D(G(z)) below this counts as pinned at 0. */
    public static final double PINNED_D_FAKE = 0.01;
    /** Steps whose G gradient norms give the baseline median. */
    public static final int BASELINE_STEPS = 50;
    /** G's gradient norm below this fraction of the baseline counts as collapsed. */
    public static final double COLLAPSED_GRADIENT_FRACTION = 0.01;
    /** Generated spread below this fraction of the real spread counts as collapsed. */
    public static final double COLLAPSE_SPREAD_RATIO = 0.10;
    /** Consecutive sample checks below the ratio before the warning. */
    public static final int COLLAPSE_CHECKS = 2;

    private final boolean logitOutputs;
    private final String lossName;
    private final Consumer<String> warn;
    private final double[] baseline = new double[BASELINE_STEPS];
    private int baselineCount;
    private double baselineMedian = Double.NaN;
    private int pinnedSteps;
    private boolean warnedVanishing;
    private double realSpread = Double.NaN;
    private int collapsedChecks;
    private boolean warnedCollapse;

    /**
     * @param logitOutputs whether D's outputs are logits, so that D(G(z)) is a probability (ns, minimax)
     * @param lossName     the run's loss, for the remedy
     * @param warn         receives each warning (once per kind)
     */
    public Diagnostics(boolean logitOutputs, String lossName, Consumer<String> warn) {
        this.logitOutputs = logitOutputs;
        this.lossName = lossName;
        this.warn = warn;
    }

    /** Feeds one iteration's numbers. */
    /** Watches steps and sample pictures of a run's event stream. */
    @Override
    public void on(RunEvent event) {
        if (event instanceof RunEvent.StepEnded s) {
            onStep(s.stats());
        } else if (event instanceof RunEvent.SamplesWritten w) {
            onSamples(w.step(), w.samples(), w.count());
        }
    }

    public void onStep(StepStats s) {
        if (!logitOutputs || warnedVanishing) {
            return;
        }
        if (baselineCount < BASELINE_STEPS) {
            if (Double.isFinite(s.gradNormG())) {
                baseline[baselineCount++] = s.gradNormG();
                if (baselineCount == BASELINE_STEPS) {
                    baselineMedian = median(baseline);
                }
            }
            return;
        }
        boolean pinned = s.dFake() < PINNED_D_FAKE && s.gradNormG() < COLLAPSED_GRADIENT_FRACTION * baselineMedian;
        pinnedSteps = pinned ? pinnedSteps + 1 : 0;
        if (pinnedSteps >= VANISHING_WINDOW) {
            warnedVanishing = true;
            String remedy = lossName.equals("minimax")
                    ? "try --loss ns (the non-saturating loss keeps G's gradient when D wins), a lower --lr-d or --instance-noise 0.1"
                    : "try a lower --lr-d, --real-label 0.9 (label smoothing) or --instance-noise 0.1";
            warn.accept(String.format(Locale.ROOT, "warning: vanishing generator gradient at step %d: mean D(G(z)) has stayed "
                    + "below %s for %d steps (now %.3g) and G's gradient norm is %.3g, under %s%% of its early median %.3g; "
                    + "the discriminator wins outright; %s", s.step(), PINNED_D_FAKE, VANISHING_WINDOW, s.dFake(), s.gradNormG(),
                    percent(COLLAPSED_GRADIENT_FRACTION), baselineMedian, remedy));
        }
    }

    /** Sets the real data's spread (see {@link #spread}) from {@code count} real samples in G's output space. */
    public void realSamples(float[] samples, int count) {
        realSpread = spread(samples, count);
    }

    /** Feeds the {@code count} samples G drew at {@code step}; step 0 (an untrained G) is not judged. */
    public void onSamples(long step, float[] samples, int count) {
        if (warnedCollapse || step == 0 || !(realSpread > 0)) {
            return;
        }
        double ratio = spread(samples, count) / realSpread;
        collapsedChecks = ratio < COLLAPSE_SPREAD_RATIO ? collapsedChecks + 1 : 0;
        if (collapsedChecks >= COLLAPSE_CHECKS) {
            warnedCollapse = true;
            warn.accept(String.format(Locale.ROOT, "warning: possible mode collapse at step %d: generated samples spread %.3g "
                    + "of the real data's spread (below %s); G may be producing nearly one output; try --loss wgan-gp, "
                    + "--r1-gamma 10, --instance-noise 0.1, a lower --lr-g or --ema-decay 0.999", step, ratio,
                    COLLAPSE_SPREAD_RATIO));
        }
    }

    /**
     * The spread of a batch: the standard deviation of each feature across the {@code count} samples
     * (row-major, {@code samples.length / count} features each), averaged over the features.
     */
    public static double spread(float[] samples, int count) {
        if (count < 2) {
            return 0;
        }
        int features = samples.length / count;
        double total = 0;
        for (int f = 0; f < features; f++) {
            double mean = 0;
            for (int i = 0; i < count; i++) {
                mean += samples[i * features + f];
            }
            mean /= count;
            double ss = 0;
            for (int i = 0; i < count; i++) {
                double d = samples[i * features + f] - mean;
                ss += d * d;
            }
            total += Math.sqrt(ss / (count - 1));
        }
        return total / features;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f", fraction * 100);
    }
}
