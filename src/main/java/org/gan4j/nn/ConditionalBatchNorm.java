package org.gan4j.nn;

import org.bytedeco.pytorch.BatchNorm1dImpl;
import org.bytedeco.pytorch.BatchNorm2dImpl;
import org.bytedeco.pytorch.BatchNormOptions;
import org.bytedeco.pytorch.EmbeddingImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Conditional BatchNorm (de Vries et al. 2017; the generator of Miyato &amp; Koyama 2018): batch
 * normalisation without its own affine parameters, followed by a per-class scale and shift,
 * y = γ[c]·x̂ + β[c], with γ and β looked up from two K × C embeddings (γ starts at 1, β at 0).
 */
final class ConditionalBatchNorm extends Module {
    private final BatchNorm1dImpl norm1d;
    private final BatchNorm2dImpl norm2d;
    private final EmbeddingImpl gamma;
    private final EmbeddingImpl beta;
    private final long channels;

    /** Replaces {@code batchNorm} (a BatchNorm1d or 2d of C features) by its conditional version for {@code classes} classes. */
    ConditionalBatchNorm(Module batchNorm, int classes) {
        if (batchNorm instanceof BatchNorm1dImpl b) {
            channels = b.options().num_features().get();
            norm1d = register_module("norm", new BatchNorm1dImpl(plain(channels)));
            norm2d = null;
        } else if (batchNorm instanceof BatchNorm2dImpl b) {
            channels = b.options().num_features().get();
            norm2d = register_module("norm", new BatchNorm2dImpl(plain(channels)));
            norm1d = null;
        } else {
            throw new IllegalArgumentException("not a BatchNorm layer: " + batchNorm.getClass().getSimpleName());
        }
        gamma = register_module("gamma", new EmbeddingImpl(classes, channels));
        beta = register_module("beta", new EmbeddingImpl(classes, channels));
        try (NoGradGuard guard = new NoGradGuard()) {
            torch.ones_(gamma.weight());
            torch.zeros_(beta.weight());
        }
    }

    private static BatchNormOptions plain(long channels) {
        BatchNormOptions o = new BatchNormOptions(channels);
        o.affine().put(false);
        return o;
    }

    /**
     * @param x      B × C or B × C × H × W
     * @param labels B class indices (int64)
     */
    Tensor forward(Tensor x, Tensor labels) {
        Tensor normed = norm1d != null ? norm1d.forward(x) : norm2d.forward(x);
        long[] shape = x.dim() == 4 ? new long[] {x.size(0), channels, 1, 1} : new long[] {x.size(0), channels};
        return normed.mul(gamma.forward(labels).view(shape)).add(beta.forward(labels).view(shape));
    }
}
