package org.gan4j.nn;

import org.bytedeco.javacpp.PointerScope;
import org.gan4j.engine.ComputeDevice;
import org.gan4j.engine.Tensors;

/**
 * A generator with the prior it was trained on: the one way gan4j draws samples (training grids,
 * {@code sample}, {@code eval}, {@code --eval-every}, {@code interpolate}), so each draw carries the
 * labels or codes the generator expects. Samples come in eval mode (BatchNorm running statistics),
 * without autograd, as floats in G's output range.
 */
public record Sampler(Generator generator, Prior prior) {
    /** G(z, y) for one drawn or given latent batch: B × features floats. */
    public float[] generate(Latent latent) {
        try (PointerScope scope = new PointerScope()) {
            return Tensors.toFloats(generator.generate(latent.input(), latent.labels()));
        }
    }

    /** {@code n} samples drawn from the prior with libtorch's generator as it is seeded now. */
    public float[] sample(int n, ComputeDevice device) {
        try (PointerScope scope = new PointerScope()) {
            Latent latent = prior.draw(n, device);
            return Tensors.toFloats(generator.generate(latent.input(), latent.labels()));
        }
    }
}
