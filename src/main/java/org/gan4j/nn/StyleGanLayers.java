package org.gan4j.nn;

import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.engine.Rng;

/**
 * The parts of {@link StyleGanGenerator}'s synthesis network and their activation, after StyleGAN2
 * (Karras et al. 2020) and its reference code (StyleGAN2-ADA, {@code networks.py}).
 */
final class StyleGanLayers {
    /** LeakyReLU slope and the gain √2 applied after it (StyleGAN2's {@code lrelu} with its default gain). */
    static final double SLOPE = 0.2;
    static final double ACTIVATION_GAIN = Math.sqrt(2);

    /**
     * Whether the modulated convolutions run as one grouped convolution over the batch ({@link ModulatedConv#grouped})
     * rather than scale-convolve-rescale ({@link ModulatedConv#scaled}); chosen by measurement (see the report).
     */
    static final boolean GROUPED = Boolean.parseBoolean(System.getProperty("gan4j.stylegan.grouped", "true"));

    private StyleGanLayers() {
    }

    /**
     * A handle of its own to a tensor that {@code register_parameter} or {@code register_buffer} returned: that
     * return value points into the module's dictionary, which moves when more entries are registered. The
     * handle is retained, so a {@code PointerScope} around the network's construction does not free it.
     */
    static Tensor keep(Tensor registered) {
        Tensor handle = new Tensor(registered);
        handle.retainReference();
        return handle;
    }

    static Tensor modulatedConv(Tensor x, Tensor weight, Tensor styles, boolean demodulate) {
        return GROUPED ? ModulatedConv.grouped(x, weight, styles, demodulate) : ModulatedConv.scaled(x, weight, styles, demodulate);
    }

    /** LeakyReLU(0.2)·√2, which keeps the variance of unit-variance inputs about 1. */
    static Tensor activate(Tensor x) {
        return torch.leaky_relu(x, new Scalar(SLOPE)).mul(new Scalar(ACTIVATION_GAIN));
    }

    /** Bilinear ×2 upsampling (align_corners false): B × C × H × W → B × C × 2H × 2W. StyleGAN2 uses a transposed conv with a [1,3,3,1] FIR blur. */
    static Tensor upsample(Tensor x) {
        return torch.upsample_bilinear2d(x, new long[] {2 * x.size(2), 2 * x.size(3)}, false);
    }

    /** 2×2 average pooling: B × C × H × W → B × C × H/2 × W/2 (StyleGAN2 blurs with a [1,3,3,1] FIR before its stride). */
    static Tensor downsample(Tensor x) {
        return torch.avg_pool2d(x, 2, 2);
    }

    /**
     * One synthesis layer: [bilinear ×2 →] modulated, demodulated 3×3 convolution with the style
     * affine(w) → + strength·noise (B × 1 × H × W, N(0, 1) from {@link Rng#current()}, strength learned, 0 at
     * init) → + bias → LeakyReLU(0.2)·√2.
     */
    static final class StyleLayer extends Module {
        final EqualizedConv2d conv;
        final EqualizedLinear affine;
        final Tensor noiseStrength;
        final Tensor bias;
        final boolean up;

        /**
         * @param in     input channels
         * @param out    output channels
         * @param styleDim size of w
         * @param up     whether the layer doubles the resolution first
         */
        StyleLayer(long in, long out, long styleDim, boolean up) {
            this.conv = register_module("conv", new EqualizedConv2d(in, out, 3, 1, false));
            this.affine = register_module("affine", new EqualizedLinear(styleDim, in, 1, 1, 1));   // styles start at 1
            this.noiseStrength = keep(register_parameter("noise_strength", torch.zeros(1)));
            this.bias = keep(register_parameter("bias", torch.zeros(out)));
            this.up = up;
        }

        /**
         * @param x B × in × H × W (H/2 × W/2 when the layer upsamples)
         * @param w B × styleDim
         * @return B × out × H × W
         */
        Tensor forward(Tensor x, Tensor w) {
            Tensor input = up ? upsample(x) : x;
            Tensor y = modulatedConv(input, conv.weight().mul(new Scalar(conv.weightScale())), affine.forward(w), true);
            Tensor noise = Rng.current().randn(y.size(0), 1, y.size(2), y.size(3));
            if (y.is_cuda()) {
                noise = noise.to(y.device(), y.scalar_type());
            }
            y = y.add(noise.mul(noiseStrength)).add(bias.reshape(1, -1, 1, 1));
            return activate(y);
        }
    }

    /** toRGB: a modulated (not demodulated) 1×1 convolution to the image's channels, plus a bias; linear. */
    static final class ToRgb extends Module {
        final EqualizedConv2d conv;
        final EqualizedLinear affine;
        final Tensor bias;

        ToRgb(long in, long channels, long styleDim) {
            this.conv = register_module("conv", new EqualizedConv2d(in, channels, 1, 1, false));
            this.affine = register_module("affine", new EqualizedLinear(styleDim, in, 1, 1, 1));
            this.bias = keep(register_parameter("bias", torch.zeros(channels)));
        }

        /** @return B × channels × H × W from x B × in × H × W and w B × styleDim */
        Tensor forward(Tensor x, Tensor w) {
            Tensor y = modulatedConv(x, conv.weight().mul(new Scalar(conv.weightScale())), affine.forward(w), false);
            return y.add(bias.reshape(1, -1, 1, 1));
        }
    }
}
