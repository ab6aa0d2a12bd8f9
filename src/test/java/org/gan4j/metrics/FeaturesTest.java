package org.gan4j.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.bytedeco.javacpp.PointerScope;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Tensors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FeaturesTest {
    /** One intra-op thread, as in the other suites: results repeat and do not collapse under load. */
    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    @Test
    void rowsAreStoredRowMajorAndCopied() {
        double[] v = {1, 2, 3, 4, 5, 6};
        Features f = new Features(3, 2, v);
        v[0] = 99;
        assertEquals(1, f.get(0, 0));
        assertArrayEquals(new double[] {5, 6}, f.row(2));
        f.values()[1] = 99;
        assertEquals(2, f.get(0, 1));
        assertEquals(f, Features.of(new double[][] {{1, 2}, {3, 4}, {5, 6}}));
        assertEquals(Features.of(new double[][] {{5, 6}, {1, 2}}), f.rows(new int[] {2, 0}));
    }

    @Test
    void copiesATensor() {
        Engine.ensureLoaded();
        try (PointerScope scope = new PointerScope()) {
            Features f = Features.fromTensor(Tensors.fromFloats(new float[] {1.5f, -2f, 0.25f, 4f}, 2, 2));
            assertEquals(Features.of(new double[][] {{1.5, -2}, {0.25, 4}}), f);
        }
        assertEquals(Features.ofFloats(new float[] {1, 2}, 1, 2), Features.of(new double[][] {{1, 2}}));
    }

    @Test
    void rejectsWrongShapesAndNonFiniteValues() {
        assertThrows(IllegalArgumentException.class, () -> new Features(2, 2, new double[3]));
        assertThrows(IllegalArgumentException.class, () -> new Features(1, 1, new double[] {Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> Features.of(new double[][] {{1, 2}, {3}}));
    }

    @Test
    void meanAndPopulationStd() {
        MeanStd m = MeanStd.of(new double[] {1, 3});
        assertEquals(2.0, m.mean(), 0.0);
        assertEquals(1.0, m.std(), 0.0);
        assertEquals(2, m.count());
    }
}
