package org.gan4j.features;

import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.BadInputException;
import org.gan4j.data.Dataset;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Optimizers;
import org.gan4j.engine.Tensors;
import org.gan4j.nn.Classifier;

/**
 * Trains a {@link Classifier} on a labelled 28×28 dataset and measures its accuracy on held-out
 * data: Adam (lr 1e-3, β 0.9/0.999) with a cosine decay of the learning rate to 0, cross-entropy,
 * batch 128, and light augmentation drawn per sample (a random shift of up to
 * {@link Options#maxShift} pixels with zero fill, and for clothes a random horizontal flip).
 *
 * <p>Reproducible: initialisation from {@code seed}, the order of each epoch and every augmentation
 * from a {@link SplittableRandom} seeded from {@code (seed, epoch)}, dropout from libtorch reseeded
 * from {@code (seed, step)}. Identical weights need the same thread count.
 */
public final class ClassifierTraining {
    /** Images per batch when only evaluating. */
    static final int EVAL_BATCH = 500;

    private ClassifierTraining() {
    }

    /**
     * @param epochs   passes over the training split
     * @param seed     seed of everything random
     * @param batch    images per step
     * @param lr       Adam's initial learning rate, decayed along a cosine to 0
     * @param maxShift largest random translation in pixels (0 = none)
     * @param flip     random horizontal flips (right for clothes, wrong for digits)
     */
    public record Options(int epochs, long seed, int batch, double lr, int maxShift, boolean flip) {
        public Options {
            if (epochs < 1) {
                throw new BadInputException("invalid --epochs: " + epochs + " (must be at least 1)");
            }
            if (batch < 2) {
                throw new IllegalArgumentException("batch must be at least 2, got " + batch);
            }
        }
    }

    /** What training produced: the network (in eval mode) and its accuracy on the held-out split. */
    public record Result(Classifier network, double testAccuracy, long steps, double seconds) {
    }

    /** Trains on {@code train}, then measures accuracy on the whole of {@code test}; progress lines go to {@code log}. */
    public static Result train(Dataset train, Dataset test, Options o, Consumer<String> log) {
        Classifier.checkInput(train.shape());
        Classifier.checkInput(test.shape());
        int classes = Math.max(train.numClasses(), test.numClasses());
        if (train.numClasses() < 2) {
            throw new BadInputException(train.name() + " has no class labels: a classifier cannot be trained on it");
        }
        Engine.ensureLoaded();
        long started = System.nanoTime();
        Engine.seed(o.seed());
        Classifier net = new Classifier(classes);
        Adam adam = Optimizers.adam(net.parameters(), o.lr(), 0.9, 0.999);
        int perEpoch = train.size() / o.batch(); // the remainder of a shuffled epoch is dropped
        if (perEpoch < 1) {
            throw new BadInputException(train.name() + " has " + train.size() + " samples, fewer than one batch of " + o.batch());
        }
        long total = (long) perEpoch * o.epochs();
        int features = train.shape().features();
        float[] images = new float[o.batch() * features];
        long[] labels = new long[o.batch()];
        long step = 0;
        for (int epoch = 0; epoch < o.epochs(); epoch++) {
            net.train(true);
            SplittableRandom rng = new SplittableRandom(mix(o.seed(), epoch));
            int[] order = permutation(train.size(), rng);
            double lossSum = 0;
            int correct = 0;
            for (int b = 0; b < perEpoch; b++) {
                for (int i = 0; i < o.batch(); i++) {
                    int index = order[b * o.batch() + i];
                    train.copyTo(index, images, i * features);
                    augment(images, i * features, o, rng);
                    labels[i] = train.label(index);
                }
                try (PointerScope scope = new PointerScope()) {
                    // cosine decay: lr_t = lr · (1 + cos(π t / T)) / 2
                    adam.param_groups().get(0).options().set_lr(o.lr() * 0.5 * (1 + Math.cos(Math.PI * step / total)));
                    Engine.seed(mix(o.seed(), 1_000_003L + step)); // dropout
                    Tensor x = Tensors.fromFloats(images, o.batch(), 1, 28, 28);
                    Tensor y = longs(labels);
                    Tensor logits = net.forward(x);                         // B×classes
                    Tensor loss = torch.cross_entropy_loss(logits, y);
                    adam.zero_grad();
                    loss.backward();
                    adam.step();
                    lossSum += loss.item_double();
                    correct += (int) logits.argmax(new org.bytedeco.pytorch.LongOptional(1), false).eq(y).sum().item_long();
                }
                step++;
            }
            net.eval();
            double acc = accuracy(net, test);
            log.accept(String.format(java.util.Locale.ROOT, "epoch %d/%d: train loss %.4f, train accuracy %.2f%% (augmented), test accuracy %.2f%% (%.0f s)",
                    epoch + 1, o.epochs(), lossSum / perEpoch, 100.0 * correct / ((long) perEpoch * o.batch()),
                    100 * acc, (System.nanoTime() - started) / 1e9));
        }
        net.eval();
        double acc = accuracy(net, test);
        return new Result(net, acc, step, (System.nanoTime() - started) / 1e9);
    }

    /** Fraction of {@code data} the network (in eval mode) classifies correctly. */
    public static double accuracy(Classifier net, Dataset data) {
        return accuracy(net, data, 0, data.size());
    }

    /** Fraction of samples {@code [from, to)} of {@code data} that the network classifies correctly. */
    public static double accuracy(Classifier net, Dataset data, int from, int to) {
        Classifier.checkInput(data.shape());
        if (from < 0 || to > data.size() || from >= to) {
            throw new IllegalArgumentException("bad range [" + from + ", " + to + ") of " + data.size());
        }
        int features = data.shape().features();
        long correct = 0;
        try (NoGradGuard guard = new NoGradGuard()) {
            for (int start = from; start < to; start += EVAL_BATCH) {
                int n = Math.min(EVAL_BATCH, to - start);
                float[] images = new float[n * features];
                long[] labels = new long[n];
                for (int i = 0; i < n; i++) {
                    data.copyTo(start + i, images, i * features);
                    labels[i] = data.label(start + i);
                }
                try (PointerScope scope = new PointerScope()) {
                    Tensor logits = net.forward(Tensors.fromFloats(images, n, 1, 28, 28));
                    correct += logits.argmax(new org.bytedeco.pytorch.LongOptional(1), false).eq(longs(labels)).sum().item_long();
                }
            }
        }
        return correct / (double) (to - from);
    }

    /** In place on one 28×28 image at {@code offset}: a flip with probability ½ when enabled, a shift in [−maxShift, maxShift]². */
    static void augment(float[] images, int offset, Options o, SplittableRandom rng) {
        boolean flip = o.flip() && rng.nextBoolean();
        int dx = o.maxShift() == 0 ? 0 : rng.nextInt(-o.maxShift(), o.maxShift() + 1);
        int dy = o.maxShift() == 0 ? 0 : rng.nextInt(-o.maxShift(), o.maxShift() + 1);
        transform(images, offset, flip, dx, dy);
    }

    /**
     * In place on one 28×28 image at {@code offset}: mirror left-right when {@code flip}, then move the
     * content {@code dx} pixels right and {@code dy} down; vacated pixels become 0.
     */
    static void transform(float[] images, int offset, boolean flip, int dx, int dy) {
        final int side = 28;
        if (!flip && dx == 0 && dy == 0) {
            return;
        }
        float[] src = java.util.Arrays.copyOfRange(images, offset, offset + side * side);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int sy = y - dy;
                int sx = x - dx;
                float v = 0;
                if (sy >= 0 && sy < side && sx >= 0 && sx < side) {
                    v = src[sy * side + (flip ? side - 1 - sx : sx)];
                }
                images[offset + y * side + x] = v;
            }
        }
    }

    private static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** A CPU int64 tensor holding {@code values} (class targets for the loss). */
    static Tensor longs(long[] values) {
        Tensor t = torch.empty(new long[] {values.length}, new TensorOptions(torch.ScalarType.Long), new MemoryFormatOptional());
        try (LongPointer p = t.data_ptr_long()) {
            p.put(values);
        }
        return t;
    }

    /** SplitMix64 finaliser of (seed, k): independent-looking seeds for each epoch and step. */
    static long mix(long seed, long k) {
        long z = seed * 0x9E3779B97F4A7C15L + k;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
