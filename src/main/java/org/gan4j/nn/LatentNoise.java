package org.gan4j.nn;

import org.gan4j.engine.Rng;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.engine.ComputeDevice;

/** The prior p(z) the generator's input is drawn from. */
public enum LatentNoise {
    /** z ~ U(−1, 1), as in the vanilla MLP GAN tutorials. */
    UNIFORM,
    /** z ~ N(0, 1), as in DCGAN. */
    NORMAL;

    /** A (batch × dimension) noise tensor on {@code device}, drawn from the thread's {@link Rng#current() generator}. */
    public Tensor sample(long batch, long dimension, ComputeDevice device) {
        // Drawn on the CPU so that a seed gives the same z on every device.
        Rng rng = Rng.current();
        Tensor z = this == NORMAL
                ? rng.randn(batch, dimension)
                : rng.rand(batch, dimension).mul_(new Scalar(2.0)).sub_(new Scalar(1.0));
        return device.isCuda() ? z.to(device.torchDevice(), torch.ScalarType.Float) : z;
    }

    /** Parses {@code uniform} or {@code normal}. */
    public static LatentNoise parse(String name) {
        return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
