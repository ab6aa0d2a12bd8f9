package org.gan4j.nn;

import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/**
 * A square, stride-1, "same"-padded convolution with equalised learning rate (Karras et al. 2018,
 * §4.1): the stored weight is N(0, 1) and used as weight · c, c = gain/√(in · k²); the bias starts at 0.
 * See {@link EqualizedLinear}.
 */
final class EqualizedConv2d extends Module {
    private final Tensor weight;
    private final Tensor bias;
    private final double weightScale;
    private final long[] padding;

    /**
     * @param in     input channels
     * @param out    output channels
     * @param kernel an odd side (1 for toRGB/fromRGB, 3 for the blocks)
     * @param gain   √2 before a leaky ReLU, 1 before a linear output
     * @param bias   whether the layer adds a per-channel bias
     */
    EqualizedConv2d(long in, long out, int kernel, double gain, boolean bias) {
        if (in < 1 || out < 1 || kernel < 1 || kernel % 2 == 0 || !(gain > 0)) {
            throw new IllegalArgumentException("an equalised convolution needs in, out ≥ 1, an odd kernel and gain > 0");
        }
        this.weightScale = gain / Math.sqrt((double) in * kernel * kernel);
        this.padding = new long[] {kernel / 2, kernel / 2};
        // Kept as made, not as register_parameter returns them (a reference into a list that moves; see EqualizedLinear).
        this.weight = torch.randn(out, in, kernel, kernel);
        this.bias = bias ? torch.zeros(out) : new Tensor();
        register_parameter("weight", weight);
        if (bias) {
            register_parameter("bias", this.bias);
        }
        // retained: a layer built inside a caller's PointerScope must keep its handles after that scope closes
        weight.retainReference();
        this.bias.retainReference();
    }

    /** @param x B × in × H × W; returns B × out × H × W */
    Tensor forward(Tensor x) {
        return torch.conv2d(x, weight.mul(new Scalar(weightScale)), bias.defined() ? new TensorOptional(bias) : new TensorOptional(),
                new long[] {1, 1}, padding, new long[] {1, 1}, 1);
    }

    /** The stored out × in × k × k parameter (the effective weight is this times {@link #weightScale()}). */
    Tensor weight() {
        return weight;
    }

    /** The stored bias, or an undefined tensor for a layer without one. */
    Tensor bias() {
        return bias;
    }

    /** c = gain/√(in · k²). */
    double weightScale() {
        return weightScale;
    }
}
