package org.gan4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.gan4j.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyntheticDatasetsTest {

    @Test
    void modesAreWhereThePapersPutThem() {
        double[][] ring = SyntheticDatasets.modes("ring8");
        assertEquals(8, ring.length);
        assertArrayEquals(new double[] {1, 0}, ring[0], 1e-12);
        assertArrayEquals(new double[] {0, 1}, ring[2], 1e-12);
        assertArrayEquals(new double[] {Math.sqrt(0.5), -Math.sqrt(0.5)}, ring[7], 1e-12);
        assertEquals(0.01, SyntheticDatasets.sigma("ring8"));

        double[][] grid = SyntheticDatasets.modes("grid25");
        assertEquals(25, grid.length);
        assertArrayEquals(new double[] {-4, -4}, grid[0], 0);
        assertArrayEquals(new double[] {4, 4}, grid[24], 0);
        assertEquals(0.05, SyntheticDatasets.sigma("grid25"));

        assertArrayEquals(new double[][] {{4}}, SyntheticDatasets.modes("gauss1d"));
        assertEquals(0.5, SyntheticDatasets.sigma("gauss1d"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ring8", "grid25", "gauss1d"})
    void pointsMatchTheirModes(String name) {
        Dataset d = SyntheticDatasets.open(DatasetRequest.of(name));
        double[][] modes = SyntheticDatasets.modes(name);
        double sigma = SyntheticDatasets.sigma(name);
        int k = modes.length;
        int dim = modes[0].length;

        assertEquals(SampleShape.vector(dim), d.shape());
        assertEquals(SyntheticDatasets.DEFAULT_POINTS, d.size());
        assertEquals(k, d.numClasses());

        long[] count = new long[k];
        double[][] sum = new double[k][dim];
        double[][] sumSq = new double[k][dim];
        float[] p = new float[dim];
        for (int i = 0; i < d.size(); i++) {
            d.copyTo(i, p, 0);
            int mode = d.label(i);
            count[mode]++;
            for (int j = 0; j < dim; j++) {
                double delta = p[j] - modes[mode][j];
                if (Math.abs(delta) >= 6 * sigma) {
                    fail(name + " point " + i + " is " + delta + " from its mode");
                }
                sum[mode][j] += delta;
                sumSq[mode][j] += delta * delta;
            }
        }
        double expected = (double) d.size() / k;
        for (int m = 0; m < k; m++) {
            assertEquals(expected, count[m], 6 * Math.sqrt(expected), name + " mode " + m + " count");
            for (int j = 0; j < dim; j++) {
                double mean = sum[m][j] / count[m];
                double std = Math.sqrt(sumSq[m][j] / count[m] - mean * mean);
                // Standard error of the mean is sigma / sqrt(n); of the std about sigma / sqrt(2n).
                assertEquals(0, mean, 5 * sigma / Math.sqrt(count[m]), name + " mode " + m + " mean offset");
                assertEquals(sigma, std, 5 * sigma / Math.sqrt(2.0 * count[m]) + 1e-6, name + " mode " + m + " std");
            }
        }
    }

    /** Digests recorded before the datasets shared {@link AbstractDataset}; a change here breaks old runs' provenance. */
    @Test
    void digestsArePinned() {
        assertEquals("2731ddc628a8ae33534eccda0066c0e6cf3ecd92a161ced3b972d12481fc378f",
                SyntheticDatasets.open(DatasetRequest.of("ring8")).digest());
        assertEquals("11683c0a5d5ad44635b274f6ccae5cc43549ba2d5b28e68eedb55265f6d8e63a",
                SyntheticDatasets.open(DatasetRequest.of("ring8").withSplit(Split.TEST)).digest());
        assertEquals("9d5bde460ea7ca40ab6869cf78c89573aa733fa341490a97215ce730856ddc39",
                SyntheticDatasets.open(DatasetRequest.of("grid25")).digest());
        assertEquals("20db6d8b0bbfd95396451d9d08e93e6b6eff742951e41356348cb411c7023f66",
                SyntheticDatasets.open(DatasetRequest.of("gauss1d")).digest());
    }

    @Test
    void theSampleIsFixedWhateverTheRun() {
        Dataset a = SyntheticDatasets.open(DatasetRequest.of("ring8"));
        Dataset b = SyntheticDatasets.open(DatasetRequest.of("ring8"));
        assertEquals(a.digest(), b.digest());
        assertEquals(64, a.digest().length());
        assertEquals("ring8/train", a.name());

        Dataset test = SyntheticDatasets.open(DatasetRequest.of("ring8").withSplit(Split.TEST));
        assertEquals("ring8/test", test.name());
        assertNotEquals(a.digest(), test.digest());
        assertNotEquals(a.digest(), SyntheticDatasets.open(DatasetRequest.of("grid25")).digest());

        // A smaller sample is a prefix of the default one.
        Dataset small = SyntheticDatasets.open("ring8", Split.TRAIN, 10);
        float[] x = new float[2];
        float[] y = new float[2];
        for (int i = 0; i < 10; i++) {
            small.copyTo(i, x, 0);
            a.copyTo(i, y, 0);
            assertArrayEquals(y, x);
            assertEquals(a.label(i), small.label(i));
        }
    }

    @Test
    void namesAreRecognised() {
        assertTrue(SyntheticDatasets.isSynthetic("ring8"));
        assertTrue(SyntheticDatasets.isSynthetic("GRID25"));
        assertTrue(SyntheticDatasets.isSynthetic("gauss1d"));
        assertFalse(SyntheticDatasets.isSynthetic("mnist"));
        assertFalse(SyntheticDatasets.isSynthetic(null));
        BadInputException e = assertThrows(BadInputException.class, () -> SyntheticDatasets.modes("ring9"));
        assertTrue(e.getMessage().contains("ring9") && e.getMessage().contains("ring8"), e.getMessage());
    }

    @Test
    void modesAreCopies() {
        SyntheticDatasets.modes("ring8")[0][0] = 42;
        assertEquals(1.0, SyntheticDatasets.modes("ring8")[0][0]);
    }
}
