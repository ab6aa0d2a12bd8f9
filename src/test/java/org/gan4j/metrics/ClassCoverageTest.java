package org.gan4j.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ClassCoverageTest {
    /** Half of 4 uniform classes, evenly: KL = 2 · ½ log(½ / ¼) = log 2. */
    @Test
    void halfTheClassesEvenly() {
        ClassCoverage c = ClassCoverage.of(new int[] {0, 1, 0, 1}, new double[] {0.25, 0.25, 0.25, 0.25});
        assertArrayEquals(new long[] {2, 2, 0, 0}, c.histogram());
        assertEquals(2, c.covered());
        assertEquals(4, c.classes());
        assertEquals(Math.log(2), c.kl(), 1e-15);
    }

    @Test
    void matchingTheRealDistributionGivesZero() {
        ClassCoverage c = ClassCoverage.of(new int[] {0, 0, 0, 1, 2, 2}, new double[] {3, 1, 2});
        assertEquals(3, c.covered());
        assertEquals(0.0, c.kl(), 1e-15);
    }

    /** q = (¾, ¼) against p = (½, ½): ¾ log(3/2) + ¼ log(1/2). */
    @Test
    void unevenByHand() {
        ClassCoverage c = ClassCoverage.of(new int[] {1, 0, 0, 0}, new double[] {0.5, 0.5});
        assertEquals(0.75 * Math.log(1.5) + 0.25 * Math.log(0.5), c.kl(), 1e-15);
    }

    /** A class absent from the real data: the floor ε keeps KL finite, q log(q / ε). */
    @Test
    void aClassTheRealDataLacksIsFloored() {
        ClassCoverage c = ClassCoverage.of(new int[] {2, 2}, new double[] {0.5, 0.5, 0});
        assertEquals(1, c.covered());
        assertEquals(Math.log(1 / ClassCoverage.EPSILON), c.kl(), 1e-12);
    }

    @Test
    void realDistributionFromLabels() {
        assertArrayEquals(new double[] {0.5, 0.25, 0.25}, ClassCoverage.distribution(new int[] {0, 2, 0, 1}, 3), 0.0);
    }

    @Test
    void rejectsClassesOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> ClassCoverage.of(new int[] {3}, new double[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> ClassCoverage.of(new int[] {0}, new double[] {0, 0}));
    }
}
