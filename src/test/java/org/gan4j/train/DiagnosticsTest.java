package org.gan4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DiagnosticsTest {
    private final List<String> warnings = new ArrayList<>();

    private static StepStats stats(long step, double dFake, double gradNormG) {
        return new StepStats(step, 0.1, 5.0, 0.99, dFake, 0.5, gradNormG, 1000);
    }

    @Test
    void aPinnedDiscriminatorWithCollapsedGradientWarnsOnce() {
        Diagnostics d = new Diagnostics(true, "minimax", warnings::add);
        long step = 0;
        for (int i = 0; i < Diagnostics.BASELINE_STEPS; i++) {
            d.onStep(stats(++step, 0.3, 1.0 + (i % 5) * 0.1));        // healthy start: median 1.2
        }
        for (int i = 0; i < 100; i++) {
            d.onStep(stats(++step, 0.001, 1e-4));                    // pinned, but not yet for the whole window
        }
        d.onStep(stats(++step, 0.2, 1e-4));                          // one healthy step resets the window
        assertEquals(List.of(), warnings);
        long pinnedFrom = step + 1;
        for (int i = 0; i < 3 * Diagnostics.VANISHING_WINDOW; i++) {
            d.onStep(stats(++step, 0.001, 1e-4));
        }
        assertEquals(1, warnings.size(), "warns exactly once: " + warnings);
        String w = warnings.get(0);
        long expectedStep = pinnedFrom + Diagnostics.VANISHING_WINDOW - 1;
        assertTrue(w.startsWith("warning: vanishing generator gradient at step " + expectedStep + ":"), w);
        assertTrue(w.contains("below 0.01 for 200 steps (now 0.00100)"), w);
        assertTrue(w.contains("gradient norm is 0.000100, under 1% of its early median 1.20"), w);
        assertTrue(w.contains("--loss ns"), "suggests the non-saturating loss for minimax: " + w);
    }

    @Test
    void theRemedyForOtherLossesIsAWeakerDiscriminator() {
        Diagnostics d = new Diagnostics(true, "ns", warnings::add);
        for (int i = 1; i <= Diagnostics.BASELINE_STEPS + Diagnostics.VANISHING_WINDOW; i++) {
            d.onStep(i <= Diagnostics.BASELINE_STEPS ? stats(i, 0.3, 2) : stats(i, 0.0001, 0.001));
        }
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("--lr-d") && warnings.get(0).contains("--instance-noise")
                && !warnings.get(0).contains("--loss ns"), warnings.get(0));
    }

    @Test
    void aHealthyRunNeverWarns() {
        Diagnostics d = new Diagnostics(true, "ns", warnings::add);
        Random r = new Random(1);
        for (int i = 1; i <= 5000; i++) {
            // D(G(z)) wanders around 0.3, G's gradient shrinks tenfold as training settles: no warning.
            d.onStep(stats(i, 0.3 + 0.2 * r.nextGaussian() * 0.5, 1.0 / (1 + i / 500.0)));
        }
        // D(G(z)) pinned at 0 but G still gets a strong gradient (the non-saturating loss at work): no warning.
        for (int i = 5001; i <= 6000; i++) {
            d.onStep(stats(i, 0.001, 0.8));
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void scoresThatAreNotProbabilitiesAreNotJudged() {
        Diagnostics d = new Diagnostics(false, "wgan", warnings::add);
        for (int i = 1; i <= 2000; i++) {
            d.onStep(i <= 50 ? stats(i, 0.3, 1) : stats(i, -50, 1e-6));
        }
        assertEquals(List.of(), warnings);
    }

    static float[] batch(int count, int features, double std, long seed) {
        Random r = new Random(seed);
        float[] x = new float[count * features];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (std * r.nextGaussian());
        }
        return x;
    }

    @Test
    void spreadIsTheMeanPerFeatureStandardDeviation() {
        assertEquals(0.0, Diagnostics.spread(new float[] {1, 2, 1, 2, 1, 2}, 3), 0.0);
        // feature 0: 0, 2 -> std √2; feature 1: 1, 1 -> 0
        assertEquals(Math.sqrt(2) / 2, Diagnostics.spread(new float[] {0, 1, 2, 1}, 2), 1e-12);
        assertEquals(0.5, Diagnostics.spread(batch(4000, 3, 0.5, 1), 4000), 0.02);
    }

    @Test
    void identicalSamplesWarnOfModeCollapse() {
        Diagnostics d = new Diagnostics(true, "ns", warnings::add);
        d.realSamples(batch(64, 784, 0.5, 1), 64);
        float[] one = batch(1, 784, 0.5, 2);
        float[] collapsed = new float[64 * 784];
        for (int i = 0; i < 64; i++) {
            System.arraycopy(one, 0, collapsed, i * 784, 784);
        }
        d.onSamples(0, collapsed, 64);
        assertEquals(List.of(), warnings, "step 0 is an untrained G");
        d.onSamples(250, collapsed, 64);
        assertEquals(List.of(), warnings, "one low reading is not enough");
        d.onSamples(500, collapsed, 64);
        d.onSamples(750, collapsed, 64);
        assertEquals(1, warnings.size(), "warns exactly once: " + warnings);
        assertTrue(warnings.get(0).startsWith("warning: possible mode collapse at step 500: generated samples spread 0.00 "
                + "of the real data's spread (below 0.1)"), warnings.get(0));
    }

    @Test
    void variedSamplesDoNotWarn() {
        Diagnostics d = new Diagnostics(true, "ns", warnings::add);
        d.realSamples(batch(1000, 2, 1.4, 1), 1000);
        for (int k = 1; k <= 20; k++) {
            d.onSamples(k * 250L, batch(1000, 2, k == 5 ? 0.05 : 0.3, k), 1000);   // a lone dip, then recovery
        }
        assertEquals(List.of(), warnings);
    }
}
