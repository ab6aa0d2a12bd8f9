package org.gan4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.gan4j.engine.Engine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InceptionScoreTest {
    /** One intra-op thread, as in the other suites: results repeat and do not collapse under load. */
    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    /** Confident predictions spread evenly over 10 classes in every split: IS = 10 exactly. */
    @Test
    void oneHotUniformClassesScoreTheNumberOfClasses() {
        int n = 100;
        int classes = 10;
        double[] p = new double[n * classes];
        for (int i = 0; i < n; i++) {
            p[i * classes + i % classes] = 1.0;
        }
        MeanStd is = InceptionScore.compute(new Features(n, classes, p));
        assertEquals(10.0, is.mean(), 1e-12);
        assertEquals(0.0, is.std(), 1e-12);
        assertEquals(InceptionScore.DEFAULT_SPLITS, is.count());
    }

    @Test
    void identicalRowsScoreOne() {
        double[][] rows = new double[20][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {0.2, 0.3, 0.5};
        }
        MeanStd is = InceptionScore.compute(Features.of(rows), 4);
        assertEquals(1.0, is.mean(), 1e-12);
        assertEquals(0.0, is.std(), 1e-12);
    }

    /** p(y) = (0.75, 0.25); KL₁ = log(4/3), KL₂ = ½ log(2/3) + ½ log 2. */
    @Test
    void twoRowsByHand() {
        Features p = Features.of(new double[][] {{1, 0}, {0.5, 0.5}});
        double kl1 = Math.log(1 / 0.75);
        double kl2 = 0.5 * Math.log(0.5 / 0.75) + 0.5 * Math.log(0.5 / 0.25);
        assertEquals(Math.exp((kl1 + kl2) / 2), InceptionScore.compute(p, 1).mean(), 1e-12);
    }

    /** Splits are contiguous and scored apart: a collapsed half and a diverse half. */
    @Test
    void splitsAreScoredSeparately() {
        Features p = Features.of(new double[][] {{1, 0}, {1, 0}, {1, 0}, {0, 1}});
        // split 1: rows {1,0},{1,0} → IS 1; split 2: {1,0},{0,1} → IS 2
        MeanStd is = InceptionScore.compute(p, 2);
        assertEquals(1.5, is.mean(), 1e-12);
        assertEquals(0.5, is.std(), 1e-12);
    }

    @Test
    void rejectsLogitsAndTooManySplits() {
        assertThrows(IllegalArgumentException.class,
                () -> InceptionScore.compute(Features.of(new double[][] {{2.0, -1.0}, {0.5, 0.5}}), 1));
        assertThrows(IllegalArgumentException.class,
                () -> InceptionScore.compute(Features.of(new double[][] {{0.5, 0.5}}), 2));
    }
}
