package org.gan4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.gan4j.BadInputException;
import org.junit.jupiter.api.Test;

class BatchLoaderTest {

    /** Sample i is {@code features} copies of i / 100 (so that i is readable back); label i % 3. */
    private static final class IndexDataset implements Dataset {
        private final int size;
        private final int features;
        private final boolean labelled;
        private final int failAt;

        IndexDataset(int size, int features, boolean labelled, int failAt) {
            this.size = size;
            this.features = features;
            this.labelled = labelled;
            this.failAt = failAt;
        }

        IndexDataset(int size, int features, boolean labelled) {
            this(size, features, labelled, -1);
        }

        @Override
        public String name() {
            return "index/train";
        }

        @Override
        public SampleShape shape() {
            return SampleShape.vector(features);
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public int numClasses() {
            return labelled ? 3 : 0;
        }

        @Override
        public int label(int index) {
            return labelled ? index % 3 : -1;
        }

        @Override
        public void copyTo(int index, float[] dst, int offset) {
            if (index == failAt) {
                throw new IllegalStateException("sample " + index + " is broken");
            }
            Arrays.fill(dst, offset, offset + features, index / 100f);
        }

        @Override
        public String digest() {
            return "0";
        }
    }

    private static int indexOf(Batch b, int j) {
        return Math.round(b.data()[j * b.features()] * 100f);
    }

    private static List<Batch> take(BatchLoader loader, int n) {
        List<Batch> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(loader.next());
        }
        return out;
    }

    @Test
    void batchesHaveTheirShapeLabelsAndPlace() {
        try (BatchLoader loader = new BatchLoader(new IndexDataset(10, 4, true), 3, 1, 1f, 0f, 0, 0, 2)) {
            assertEquals(3, loader.batchesPerEpoch());
            assertEquals(4, loader.features());
            List<Batch> batches = take(loader, 7);
            long[] epochs = batches.stream().mapToLong(Batch::epoch).toArray();
            int[] positions = batches.stream().mapToInt(Batch::batchInEpoch).toArray();
            assertArrayEquals(new long[] {0, 0, 0, 1, 1, 1, 2}, epochs);
            assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2, 0}, positions);
            for (Batch b : batches) {
                assertEquals(3, b.size());
                assertEquals(12, b.data().length);
                for (int j = 0; j < 3; j++) {
                    int index = indexOf(b, j);
                    assertEquals(index % 3, b.labels()[j]);
                    for (int f = 0; f < 4; f++) {
                        assertEquals(index / 100f, b.data()[j * 4 + f]);
                    }
                }
            }
            assertNotSame(batches.get(0).data(), batches.get(1).data());
        }
    }

    @Test
    void valuesAreScaledAndShifted() {
        try (BatchLoader loader = new BatchLoader(new IndexDataset(8, 2, false), 8, 5, 2f, -1f, 0, 0, 1)) {
            Batch b = loader.next();
            assertNull(b.labels());
            float[] sorted = b.data().clone();
            Arrays.sort(sorted);
            for (int i = 0; i < 8; i++) {
                assertEquals(i / 100f * 2f - 1f, sorted[2 * i], 1e-7f);
                assertEquals(i / 100f * 2f - 1f, sorted[2 * i + 1], 1e-7f);
            }
        }
    }

    @Test
    void eachEpochVisitsEverySampleOnceInItsOwnOrder() {
        int n = 60;
        try (BatchLoader loader = new BatchLoader(new IndexDataset(n, 1, false), 6, 11, 1f, 0f, 0, 0, 4)) {
            List<int[]> orders = new ArrayList<>();
            for (int e = 0; e < 3; e++) {
                int[] order = new int[n];
                for (Batch b : take(loader, 10)) {
                    for (int j = 0; j < 6; j++) {
                        order[b.batchInEpoch() * 6 + j] = indexOf(b, j);
                    }
                }
                int[] sorted = order.clone();
                Arrays.sort(sorted);
                for (int i = 0; i < n; i++) {
                    assertEquals(i, sorted[i], "epoch " + e + " is not a permutation");
                }
                orders.add(order);
            }
            assertFalse(Arrays.equals(orders.get(0), orders.get(1)));
            assertFalse(Arrays.equals(orders.get(1), orders.get(2)));
        }
    }

    @Test
    void theLastIncompleteBatchIsDropped() {
        try (BatchLoader loader = new BatchLoader(new IndexDataset(10, 1, false), 4, 3, 1f, 0f, 0, 0, 2)) {
            List<Batch> batches = take(loader, 3);
            assertEquals(1, batches.get(2).epoch());
            assertEquals(0, batches.get(2).batchInEpoch());
        }
    }

    @Test
    void theOrderDependsOnlyOnSeedAndEpoch() {
        assertArrayEquals(BatchLoader.permutation(100, 7, 3), BatchLoader.permutation(100, 7, 3));
        assertFalse(Arrays.equals(BatchLoader.permutation(100, 7, 3), BatchLoader.permutation(100, 8, 3)));
        assertFalse(Arrays.equals(BatchLoader.permutation(100, 7, 3), BatchLoader.permutation(100, 7, 4)));
    }

    @Test
    void resumingReproducesTheUninterruptedSequence() {
        Dataset data = new IndexDataset(20, 3, true);
        List<Batch> straight;
        try (BatchLoader loader = new BatchLoader(data, 6, 42, 2f, -1f, 0, 0, 3)) {
            straight = take(loader, 7);    // 3 batches per epoch: epochs 0, 1 and the start of 2
        }
        // Batch 4 of the stream (index 3) is epoch 1, batch 0; also resume from "epoch 0, batch 3" (end of epoch 0).
        for (int[] start : new int[][] {{1, 0}, {0, 3}}) {
            try (BatchLoader resumed = new BatchLoader(data, 6, 42, 2f, -1f, start[0], start[1], 1)) {
                List<Batch> rest = take(resumed, 4);
                for (int i = 0; i < 4; i++) {
                    Batch expected = straight.get(3 + i);
                    Batch actual = rest.get(i);
                    assertEquals(expected.epoch(), actual.epoch());
                    assertEquals(expected.batchInEpoch(), actual.batchInEpoch());
                    assertArrayEquals(expected.data(), actual.data());
                    assertArrayEquals(expected.labels(), actual.labels());
                }
            }
        }
        try (BatchLoader mid = new BatchLoader(data, 6, 42, 2f, -1f, 1, 2, 2)) {
            assertArrayEquals(straight.get(5).data(), mid.next().data());
        }
    }

    @Test
    void closeStopsTheThread() {
        BatchLoader loader = new BatchLoader(new IndexDataset(100, 8, false), 10, 1, 1f, 0f, 0, 0, 2);
        loader.next();
        assertTrue(loader.hasNext());
        loader.close();
        assertFalse(loader.threadAlive());
        assertFalse(loader.hasNext());
        assertThrows(NoSuchElementException.class, loader::next);
        loader.close();
    }

    @Test
    void anErrorOnTheThreadIsRethrownByNext() {
        try (BatchLoader loader = new BatchLoader(new IndexDataset(10, 1, false, 4), 10, 1, 1f, 0f, 0, 0, 2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, loader::next);
            assertEquals("sample 4 is broken", e.getMessage());
            assertSame(e, assertThrows(IllegalStateException.class, loader::next));
        }
    }

    @Test
    void aBatchLargerThanTheDatasetIsAUserError() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> new BatchLoader(new IndexDataset(5, 1, false), 6, 1, 1f, 0f, 0, 0, 1));
        assertTrue(e.getMessage().contains("6") && e.getMessage().contains("5 samples"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BatchLoader(new IndexDataset(5, 1, false), 0, 1, 1f, 0f, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new BatchLoader(new IndexDataset(5, 1, false), 2, 1, 1f, 0f, 0, 0, 0));
    }
}
