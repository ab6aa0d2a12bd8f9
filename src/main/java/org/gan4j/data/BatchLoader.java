package org.gan4j.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.gan4j.BadInputException;

/**
 * An endless stream of shuffled batches of a {@link Dataset}, assembled ahead of time on a background
 * thread so that reading and rescaling samples overlaps the training step.
 *
 * <p>Every epoch visits each sample once, in an order that depends only on the seed and the epoch
 * number; the last incomplete batch of an epoch is dropped so every batch has the same shape. Because
 * the order is a function of (seed, epoch), a loader started at (epoch, batchInEpoch) yields exactly the
 * batches an uninterrupted run would have yielded from there: a resumed training run sees the same data.
 * The shuffle uses its own SplitMix64 generator rather than a JDK class, so it does not change with the JDK.
 *
 * <p>Close the loader (try-with-resources) to stop its thread. An exception on the thread is rethrown
 * by {@link #next()} once the batches assembled before it have been consumed.
 */
public final class BatchLoader implements Iterator<Batch>, AutoCloseable {
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** Put in the queue after a failure; never handed out. */
    private static final Batch END = new Batch(new float[1], null, 1, -1, -1);

    private final Dataset dataset;
    private final int batchSize;
    private final int features;
    private final long seed;
    private final float scale;
    private final float shift;
    private final int batchesPerEpoch;
    private final BlockingQueue<Batch> queue;
    private final Thread thread;
    private volatile Throwable failure;
    private volatile boolean closed;

    /**
     * Starts the background thread at once.
     *
     * @param dataset           the samples
     * @param batchSize         samples per batch, at most {@code dataset.size()}
     * @param seed              seed of the per-epoch shuffles
     * @param scale             each value v of a sample is handed out as {@code v * scale + shift}
     *                          (the trainer uses 2 and -1 to map [0, 1] images to a Tanh generator's [-1, 1])
     * @param shift             see {@code scale}
     * @param startEpoch        epoch of the first batch (0 for a new run)
     * @param startBatchInEpoch position of the first batch within that epoch; a value of
     *                          {@link #batchesPerEpoch()} or more carries over into the following epochs, so a
     *                          run may resume at (last epoch, last batch + 1)
     * @param prefetch          batches assembled ahead (at least 1)
     * @throws BadInputException when the batch is larger than the dataset
     */
    public BatchLoader(Dataset dataset, int batchSize, long seed, float scale, float shift,
                       long startEpoch, int startBatchInEpoch, int prefetch) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        if (batchSize > dataset.size()) {
            throw new BadInputException("batch size " + batchSize + " is larger than dataset " + dataset.name()
                    + " (" + dataset.size() + " samples)");
        }
        if (prefetch < 1) {
            throw new IllegalArgumentException("prefetch must be at least 1, got " + prefetch);
        }
        if (startEpoch < 0 || startBatchInEpoch < 0) {
            throw new IllegalArgumentException("start position must not be negative: epoch " + startEpoch
                    + ", batch " + startBatchInEpoch);
        }
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.features = dataset.shape().features();
        if ((long) batchSize * features > Integer.MAX_VALUE - 8) {
            throw new BadInputException("batch size " + batchSize + " is too large for samples of " + dataset.shape());
        }
        this.seed = seed;
        this.scale = scale;
        this.shift = shift;
        this.batchesPerEpoch = dataset.size() / batchSize;
        this.queue = new ArrayBlockingQueue<>(prefetch);
        long epoch = startEpoch + startBatchInEpoch / batchesPerEpoch;
        int batch = startBatchInEpoch % batchesPerEpoch;
        this.thread = new Thread(() -> produce(epoch, batch), "gan4j-batches-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }

    /** Complete batches in one epoch ({@code dataset.size() / batchSize}). */
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** Values per sample. */
    public int features() {
        return features;
    }

    /** True until the loader is closed: the stream never ends on its own. */
    @Override
    public boolean hasNext() {
        return !closed;
    }

    /** The next batch, waiting for the background thread if it has not assembled it yet. */
    @Override
    public Batch next() {
        if (closed) {
            throw new NoSuchElementException("batch loader over " + dataset.name() + " is closed");
        }
        Batch batch;
        try {
            batch = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch of " + dataset.name(), e);
        }
        if (batch == END) {
            queue.offer(END); // so that later calls fail the same way instead of waiting forever
            Throwable t = failure;
            if (t instanceof RuntimeException re) {
                throw re;
            }
            if (t instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("batch loader over " + dataset.name() + " failed: " + t, t);
        }
        return batch;
    }

    /** Stops the background thread and waits (briefly) for it to end. Idempotent. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queue.clear();
    }

    /** Whether the background thread still runs (for tests). */
    boolean threadAlive() {
        return thread.isAlive();
    }

    private void produce(long startEpoch, int startBatch) {
        try {
            long epoch = startEpoch;
            int first = startBatch;
            while (!closed) {
                int[] order = permutation(dataset.size(), seed, epoch);
                for (int b = first; b < batchesPerEpoch; b++) {
                    if (closed || Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    queue.put(assemble(order, epoch, b));
                }
                first = 0;
                epoch++;
            }
        } catch (InterruptedException e) {
            // closed
        } catch (Throwable t) {
            failure = t;
            try {
                queue.put(END);
            } catch (InterruptedException e) {
                // closed while reporting: nobody is left to tell
            }
        }
    }

    private Batch assemble(int[] order, long epoch, int b) {
        float[] data = new float[batchSize * features];
        int[] labels = dataset.numClasses() > 0 ? new int[batchSize] : null;
        int base = b * batchSize;
        for (int j = 0; j < batchSize; j++) {
            int index = order[base + j];
            dataset.copyTo(index, data, j * features);
            if (labels != null) {
                labels[j] = dataset.label(index);
            }
        }
        if (scale != 1f || shift != 0f) {
            for (int i = 0; i < data.length; i++) {
                data[i] = data[i] * scale + shift;
            }
        }
        return new Batch(data, labels, batchSize, epoch, b);
    }

    /**
     * The sample order of {@code epoch}: a Fisher–Yates shuffle driven by SplitMix64 seeded from
     * (seed, epoch) alone, so that any epoch can be rebuilt without replaying the earlier ones.
     */
    static int[] permutation(int n, long seed, long epoch) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplitMix64 rng = new SplitMix64(SplitMix64.mix(seed) ^ SplitMix64.mix(epoch + 0x632BE59BD9B4E019L));
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Steele, Lea and Flood's SplitMix64 (OOPSLA 2014), with Lemire's unbiased bounded integers. */
    private static final class SplitMix64 {
        private long state;

        SplitMix64(long seed) {
            this.state = seed;
        }

        static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        long nextLong() {
            state += 0x9E3779B97F4A7C15L;
            return mix(state);
        }

        /** Uniform in [0, bound), bound > 0. */
        int nextInt(int bound) {
            long m = (nextLong() >>> 32) * bound;
            long low = m & 0xFFFFFFFFL;
            if (low < bound) {
                long threshold = (0x1_0000_0000L - bound) % bound;
                while (low < threshold) {
                    m = (nextLong() >>> 32) * bound;
                    low = m & 0xFFFFFFFFL;
                }
            }
            return (int) (m >>> 32);
        }
    }
}
