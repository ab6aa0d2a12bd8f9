package org.gan4j.nn;

import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/**
 * A fully connected layer with equalised learning rate (Karras et al. 2018, "Progressive Growing of
 * GANs", §4.1): the stored weight is drawn from N(0, 1/λ²) and used as weight · c with
 * c = gain/√fan_in · λ, so every layer's updates under Adam have the same scale whatever its fan-in.
 * λ is the learning-rate multiplier (StyleGAN's mapping network uses 0.01: its effective learning
 * rate is λ times the optimiser's). The bias is stored as biasInit/λ and used as bias · λ.
 *
 * <p>Weights come from libtorch's default generator, like every other layer's initial weights.
 */
final class EqualizedLinear extends Module {
    private final Tensor weight;
    private final Tensor bias;
    private final double weightScale;
    private final double lrMultiplier;

    /**
     * @param in           input features (the fan-in)
     * @param out          output features
     * @param gain         √2 before a (leaky) ReLU, 1 before a linear output
     * @param lrMultiplier λ, 1 for an ordinary layer
     * @param biasInit     the effective bias at initialisation (StyleGAN's style affine layers start at 1)
     */
    EqualizedLinear(long in, long out, double gain, double lrMultiplier, double biasInit) {
        if (in < 1 || out < 1 || !(gain > 0) || !(lrMultiplier > 0)) {
            throw new IllegalArgumentException("an equalised linear layer needs in, out ≥ 1 and gain, lr multiplier > 0");
        }
        this.weightScale = gain / Math.sqrt(in) * lrMultiplier;
        this.lrMultiplier = lrMultiplier;
        // Keep the tensors we made, not register_parameter's result: that is a reference into the module's
        // parameter list, which moves when the next parameter is registered.
        this.weight = torch.randn(out, in).div_(new Scalar(lrMultiplier));
        this.bias = torch.full(new long[] {out}, new Scalar(biasInit / lrMultiplier));
        register_parameter("weight", weight);
        register_parameter("bias", bias);
        // retained: a layer built inside a caller's PointerScope must keep its handles after that scope closes
        weight.retainReference();
        bias.retainReference();
    }

    /** @param x B × in; returns B × out */
    Tensor forward(Tensor x) {
        Tensor b = lrMultiplier == 1 ? bias : bias.mul(new Scalar(lrMultiplier));
        return torch.linear(x, weight.mul(new Scalar(weightScale)), new TensorOptional(b));
    }

    /** The stored out × in parameter (the effective weight is this times {@link #weightScale()}). */
    Tensor weight() {
        return weight;
    }

    /** The stored bias (the effective bias is this times the learning-rate multiplier). */
    Tensor bias() {
        return bias;
    }

    /** c = gain/√fan_in · λ. */
    double weightScale() {
        return weightScale;
    }
}
