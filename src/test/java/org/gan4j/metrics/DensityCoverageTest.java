package org.gan4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gan4j.engine.Engine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DensityCoverageTest {
    /** One intra-op thread, as in the other suites: results repeat and do not collapse under load. */
    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    @Test
    void aSetAgainstItselfIsFullyCovered() {
        Features f = TestData.gaussian(60, 3, 0, 31);
        DensityCoverage.Result r = DensityCoverage.defaults().compute(f, f);
        assertEquals(1.0, r.coverage(), 0.0);
        // every sample lies in its own ball and its k neighbours' balls lie around it: density near 1
        assertTrue(r.density() > 0.7 && r.density() < 1.5, "density " + r.density());
    }

    @Test
    void farApartSetsHaveNone() {
        DensityCoverage.Result r = DensityCoverage.defaults()
                .compute(TestData.gaussian(40, 3, 0, 32), TestData.gaussian(40, 3, 100, 33));
        assertEquals(0.0, r.density(), 0.0);
        assertEquals(0.0, r.coverage(), 0.0);
    }

    /**
     * Real {0, 1, 2, 3}, k = 1: all radii 1. Generated {0.1, 0.5, 10, 10.3}: 0.1 lies in the balls of
     * 0 and 1, 0.5 in those of 0 and 1 (exactly 0.5 from each), the others in none → density
     * 4 / (1 · 4) = 1. Coverage: reals 0 and 1 have a generated sample within 1, reals 2 (1.5 away)
     * and 3 do not → 1/2.
     */
    @Test
    void oneDimensionalCaseByHand() {
        DensityCoverage.Result r = new DensityCoverage(1)
                .compute(TestData.column(0, 1, 2, 3), TestData.column(0.1, 0.5, 10, 10.3));
        assertEquals(1.0, r.density(), 1e-15);
        assertEquals(0.5, r.coverage(), 1e-15);
    }

    /** Density rewards samples piled where real data is dense; it can exceed 1. */
    @Test
    void densityExceedsOneForSamplesPiledInsideTheRealData() {
        DensityCoverage.Result r = new DensityCoverage(2)
                .compute(TestData.column(0, 1, 2, 3, 4), TestData.column(2, 2, 2));
        // real radii (k = 2): 2, 1, 1, 1, 2; the point 2 is in all five balls (on the boundary of those
        // of 0 and 4: balls are closed) → 15 / (2 · 3)
        assertEquals(2.5, r.density(), 1e-15);
        // reals 0..4 are 2, 1, 0, 1, 2 from it: all within their radius
        assertEquals(1.0, r.coverage(), 1e-15);
    }

    @Test
    void independentOfRowOrder() {
        Features a = TestData.gaussian(80, 4, 0, 34);
        Features b = TestData.gaussian(70, 4, 0.7, 35);
        DensityCoverage dc = DensityCoverage.defaults();
        assertEquals(dc.compute(a, b), dc.compute(TestData.shuffled(a, 7), TestData.shuffled(b, 8)));
    }

    @Test
    void rejectsMismatchedDimensions() {
        assertThrows(IllegalArgumentException.class,
                () -> DensityCoverage.defaults().compute(TestData.gaussian(10, 2, 0, 1), TestData.gaussian(10, 3, 0, 1)));
    }
}
