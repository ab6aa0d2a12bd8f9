package org.gan4j.loss;

import org.gan4j.engine.Rng;

import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.nn.Network;

/**
 * Penalties on the gradient of D with respect to its input, built with
 * {@code torch::autograd::grad(..., create_graph = true)} so that they stay differentiable in D's
 * parameters (a double backward). Each costs one extra forward and backward pass of D.
 */
public final class GradientPenalties {
    private GradientPenalties() {
    }

    /**
     * WGAN-GP's penalty (Gulrajani et al. 2017, eq. 3): λ E[(‖∇_x̂ D(x̂)‖₂ − 1)²] on
     * x̂ = εx + (1 − ε)x̃ with ε ~ U(0, 1) drawn per sample from the thread's {@link Rng#current() generator}.
     *
     * @param real B × ... real batch
     * @param fake B × ... generated batch, detached from G
     */
    public static Tensor interpolated(Network d, Tensor real, Tensor fake, double lambda) {
        long[] shape = new long[(int) real.dim()];
        java.util.Arrays.fill(shape, 1);
        shape[0] = real.size(0);
        Tensor epsilon = Rng.current().randLike(shape, real);                      // B × 1 × ... × 1
        return interpolated(d, real, fake, epsilon, lambda);
    }

    /** {@link #interpolated(Network, Tensor, Tensor, double)} with a given ε (B × 1 × ... × 1, broadcast). */
    public static Tensor interpolated(Network d, Tensor real, Tensor fake, Tensor epsilon, double lambda) {
        Tensor mixed = fake.detach().add(real.detach().sub(fake.detach()).mul(epsilon));  // εx + (1 − ε)x̃
        Tensor norms = inputGradient(d, mixed).square().sum(1).sqrt();                  // ‖∇D(x̂)‖₂ per sample
        return norms.sub(Scalars.of(1)).square().mean().mul(Scalars.of(lambda));
    }

    /**
     * The R1 regulariser (Mescheder, Geiger &amp; Nowozin 2018, eq. 9): γ/2 E[‖∇_x D(x)‖²] on real data,
     * usable with any loss.
     */
    public static Tensor r1(Network d, Tensor real, double gamma) {
        Tensor squaredNorms = inputGradient(d, real.detach()).square().sum(1);           // ‖∇D(x)‖² per sample
        return squaredNorms.mean().mul(Scalars.of(gamma / 2));
    }

    /** ∇_x D(x) for each sample, flattened to B × (features), attached to the graph of D's parameters. */
    static Tensor inputGradient(Network d, Tensor input) {
        Tensor x = input.requires_grad_(true);
        Tensor out = d.forward(x);                                                      // B × 1
        TensorVector grads = torch.grad(new TensorVector(out), new TensorVector(x),
                new TensorVector(torch.ones_like(out)), new BoolOptional(true), true, false);
        return grads.get(0).reshape(input.size(0), -1);
    }
}
