package org.gan4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.gan4j.engine.Engine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PrecisionRecallTest {
    /** One intra-op thread, as in the other suites: results repeat and do not collapse under load. */
    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    @Test
    void aSetAgainstItselfHasFullPrecisionAndRecall() {
        Features f = TestData.gaussian(60, 3, 0, 21);
        PrecisionRecall.Result r = PrecisionRecall.defaults().compute(f, f);
        assertEquals(1.0, r.precision(), 0.0);
        assertEquals(1.0, r.recall(), 0.0);
    }

    @Test
    void farApartSetsHaveNone() {
        PrecisionRecall.Result r = PrecisionRecall.defaults()
                .compute(TestData.gaussian(40, 3, 0, 22), TestData.gaussian(40, 3, 100, 23));
        assertEquals(0.0, r.precision(), 0.0);
        assertEquals(0.0, r.recall(), 0.0);
    }

    /**
     * Real {0, 1, 2, 3} with k = 1: every real ball has radius 1, so the real manifold is [−1, 4].
     * Generated {0.1, 0.5, 10, 10.3}: radii 0.4, 0.4, 0.3, 0.3. Precision: 0.1 and 0.5 lie within
     * 1 of a real point, 10 and 10.3 do not → 2/4. Recall: real 0 is 0.1 from the ball of 0.1
     * (radius 0.4); real 1 is 0.5 from 0.5 (radius 0.4), outside; 2 and 3 are farther → 1/4.
     */
    @Test
    void oneDimensionalCaseByHand() {
        PrecisionRecall.Result r = new PrecisionRecall(1)
                .compute(TestData.column(0, 1, 2, 3), TestData.column(0.1, 0.5, 10, 10.3));
        assertEquals(0.5, r.precision(), 1e-15);
        assertEquals(0.25, r.recall(), 1e-15);
    }

    /**
     * k = 2 in the same case: real radii 2, 1, 1, 2; generated radii 9.9, 9.5, 9.5, 9.8 (distance to
     * the 2nd nearest other generated point). The generated balls now hold every real point.
     */
    @Test
    void largerKWidensTheBalls() {
        PrecisionRecall.Result r = new PrecisionRecall(2)
                .compute(TestData.column(0, 1, 2, 3), TestData.column(0.1, 0.5, 10, 10.3));
        assertEquals(0.5, r.precision(), 1e-15);
        assertEquals(1.0, r.recall(), 1e-15);
    }

    @Test
    void independentOfRowOrder() {
        Features a = TestData.gaussian(80, 4, 0, 24);
        Features b = TestData.gaussian(70, 4, 0.7, 25);
        PrecisionRecall pr = PrecisionRecall.defaults();
        assertEquals(pr.compute(a, b), pr.compute(TestData.shuffled(a, 5), TestData.shuffled(b, 6)));
    }

    @Test
    void needsMoreRowsThanK() {
        assertThrows(IllegalArgumentException.class,
                () -> new PrecisionRecall(3).compute(TestData.column(0, 1, 2), TestData.column(0, 1, 2, 3)));
        assertThrows(IllegalArgumentException.class, () -> new PrecisionRecall(0));
    }
}
