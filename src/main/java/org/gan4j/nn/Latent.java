package org.gan4j.nn;

import org.bytedeco.pytorch.Tensor;

/**
 * One batch of a generator's input, drawn from a {@link Prior}.
 *
 * @param input      B × G.latentDim(): z, or [z, one-hot(c_cat), c_cont] for InfoGAN
 * @param labels     B class indices (int64) for a class-conditional generator, else null
 * @param categories InfoGAN's categorical code, B int64 (null without one)
 * @param continuous InfoGAN's continuous codes, B × n (null without them)
 */
public record Latent(Tensor input, Tensor labels, Tensor categories, Tensor continuous) {
    /** Keeps the tensors beyond the memory scope they were drawn in (a batch that lives for a run); undo with {@link #release()}. */
    public Latent retain() {
        for (Tensor t : tensors()) {
            if (t != null) {
                t.retainReference();
            }
        }
        return this;
    }

    /** Frees what {@link #retain()} kept. */
    public void release() {
        for (Tensor t : tensors()) {
            if (t != null) {
                t.releaseReference();
            }
        }
    }

    /** Rows {@code [start, start + length)} of every part, as views. */
    public Latent slice(long start, long length) {
        return new Latent(input.narrow(0, start, length), labels == null ? null : labels.narrow(0, start, length),
                categories == null ? null : categories.narrow(0, start, length),
                continuous == null ? null : continuous.narrow(0, start, length));
    }

    /** B, the batch size. */
    public long size() {
        return input.size(0);
    }

    private Tensor[] tensors() {
        return new Tensor[] {input, labels, categories, continuous};
    }
}
