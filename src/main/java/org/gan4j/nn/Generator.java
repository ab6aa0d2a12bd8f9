package org.gan4j.nn;

import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.data.SampleShape;

/**
 * G(z): maps a batch of noise vectors (B × latentDim) to a batch of samples (B × C × H × W for
 * images, B × d for points) in {@link #outputRange()}. A class-conditional generator
 * ({@link ConditionalGenerator}) also takes one label per sample: {@link #forward(Tensor, Tensor)}.
 */
public class Generator extends Network {
    /**
     * Samples per forward pass of {@link #generate}. Measured on DCGAN-28 (2 cores): 1,000 images in one
     * pass make intermediates of up to 50 MB, which glibc maps and unmaps on every call and the kernel then
     * page-faults back in; chunks of 256 keep them near 13 MB, reused from the heap and warm in cache,
     * for 1.7× the images per second. Eval mode makes the chunks independent, so the result is the same.
     */
    public static final int GENERATION_CHUNK = 256;

    private final int latentDim;
    private final SampleShape sampleShape;
    private final OutputRange outputRange;

    Generator(LayerStack layers, int latentDim, SampleShape sampleShape, OutputRange outputRange) {
        super(layers);
        this.latentDim = latentDim;
        this.sampleShape = sampleShape;
        this.outputRange = outputRange;
    }

    /** For an assembled generator, which registers its own parts. */
    Generator(int latentDim, SampleShape sampleShape, OutputRange outputRange) {
        this.latentDim = latentDim;
        this.sampleShape = sampleShape;
        this.outputRange = outputRange;
    }

    /**
     * G(z, y) for a conditional generator; an unconditional one takes {@code labels == null}.
     *
     * @param z      B × latentDim
     * @param labels B class indices (int64), or null
     */
    public Tensor forward(Tensor z, Tensor labels) {
        if (labels != null) {
            throw new IllegalArgumentException("an unconditional generator takes no labels");
        }
        return forward(z);
    }

    /**
     * G(z, y) for sampling: eval mode (BatchNorm's running statistics), no autograd, in chunks of
     * {@value #GENERATION_CHUNK} samples; the training flag is restored afterwards.
     *
     * @param z      B × latentDim
     * @param labels B class indices (int64), or null for an unconditional generator
     * @return B samples, as {@link #forward(Tensor, Tensor)} returns them
     */
    public Tensor generate(Tensor z, Tensor labels) {
        boolean training = is_training();
        try (NoGradGuard guard = new NoGradGuard()) {
            eval();
            long n = z.size(0);
            if (n <= GENERATION_CHUNK) {
                return forward(z, labels);
            }
            TensorVector chunks = new TensorVector();
            for (long start = 0; start < n; start += GENERATION_CHUNK) {
                long size = Math.min(GENERATION_CHUNK, n - start);
                chunks.push_back(forward(z.narrow(0, start, size), labels == null ? null : labels.narrow(0, start, size)));
            }
            return torch.cat(chunks, 0);
        } finally {
            train(training);
        }
    }

    /** Number of classes G is conditioned on; 0 for an unconditional generator. */
    public int classes() {
        return 0;
    }

    public int latentDim() {
        return latentDim;
    }

    public SampleShape sampleShape() {
        return sampleShape;
    }

    public OutputRange outputRange() {
        return outputRange;
    }

    /** The batch shape G produces for {@code batch} samples. */
    public long[] batchShape(long batch) {
        SampleShape s = sampleShape;
        return s.image() ? new long[] {batch, s.channels(), s.height(), s.width()} : new long[] {batch, s.channels()};
    }
}
