package org.gan4j.nn;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/**
 * StyleGAN2's modulated convolution (Karras et al. 2020, "Analyzing and Improving the Image Quality of
 * StyleGAN", §2.2, eq. 1–3): each sample's style s (one scale per input channel) scales the shared
 * weight, w'ᵢⱼₖ = sᵢ·wᵢⱼₖ, and demodulation rescales each output channel to unit expected variance,
 * w''ᵢⱼₖ = w'ᵢⱼₖ / √(Σᵢₖ w'ᵢⱼₖ² + ε), ε = 1e-8 (i input channel, j output channel, k kernel tap).
 *
 * <p>Two equal ways to compute it. {@link #grouped}: every sample's own weight, run as one grouped
 * convolution over the batch (B groups), the paper's "fused" form. {@link #scaled}: scale the
 * activations by s, convolve with the shared weight, scale the outputs by the demodulation
 * coefficients, which is how StyleGAN2-ADA trains (its {@code fused_modconv=False}); on a CPU it is
 * the faster one (one ordinary convolution instead of B small ones). The tests check both against a
 * hand-computed case and each other.
 */
final class ModulatedConv {
    static final double EPSILON = 1e-8;

    private ModulatedConv() {
    }

    /**
     * @param x           B × I × H × W
     * @param weight      O × I × k × k, already multiplied by its equalised-LR scale
     * @param styles      B × I
     * @param demodulate  whether to divide each sample's output channel by its weight norm
     * @return B × O × H × W (padding k/2, stride 1)
     */
    static Tensor grouped(Tensor x, Tensor weight, Tensor styles, boolean demodulate) {
        long b = x.size(0);
        long in = weight.size(1);
        long out = weight.size(0);
        long k = weight.size(2);
        Tensor w = weight.unsqueeze(0).mul(styles.reshape(b, 1, in, 1, 1));          // B × O × I × k × k
        if (demodulate) {
            Tensor d = w.square().sum(new long[] {2, 3, 4}, false, new ScalarTypeOptional()).add(new Scalar(EPSILON)).rsqrt(); // B × O
            w = w.mul(d.reshape(b, out, 1, 1, 1));
        }
        Tensor y = torch.conv2d(x.reshape(1, b * in, x.size(2), x.size(3)), w.reshape(b * out, in, k, k),
                new TensorOptional(), new long[] {1, 1}, new long[] {k / 2, k / 2}, new long[] {1, 1}, b);
        return y.reshape(b, out, x.size(2), x.size(3));
    }

    /** {@link #grouped}'s result computed as scale, shared convolution, rescale (same arguments and shapes). */
    static Tensor scaled(Tensor x, Tensor weight, Tensor styles, boolean demodulate) {
        long b = x.size(0);
        long in = weight.size(1);
        long out = weight.size(0);
        long k = weight.size(2);
        Tensor y = torch.conv2d(x.mul(styles.reshape(b, in, 1, 1)), weight, new TensorOptional(),
                new long[] {1, 1}, new long[] {k / 2, k / 2}, new long[] {1, 1}, 1);
        if (demodulate) {
            // Σᵢₖ (sᵢ wᵢⱼₖ)² = Σᵢ sᵢ² (Σₖ wᵢⱼₖ²): B × I times I × O
            Tensor d = styles.square().matmul(weight.square().sum(new long[] {2, 3}, false, new ScalarTypeOptional()).t())
                    .add(new Scalar(EPSILON)).rsqrt();                                 // B × O
            y = y.mul(d.reshape(b, out, 1, 1));
        }
        return y;
    }
}
