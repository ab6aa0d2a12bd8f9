package org.gan4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.BadInputException;

/**
 * StyleGAN2's residual discriminator (Karras et al. 2020, figure 7c), equalised learning rate throughout:
 * <pre>
 *   x (C × side × side) → fromRGB: 1×1 conv → LReLU·√2                       C_side
 *   r = side … 8:  x = [ ↓(1×1 conv, no bias)(x) + ↓(conv3 → LReLU·√2 → conv3 → LReLU·√2)(x) ] · 1/√2
 *   4×4: minibatch std (group 4) → conv3 (C₄+1 → C₄) → LReLU·√2 → dense (16·C₄ → C₄) → LReLU·√2 → dense → logit
 * </pre>
 * Down-sampling is 2×2 average pooling after the convolutions (StyleGAN2 blurs with a [1,3,3,1] FIR and
 * strides). The channels follow the generator's C_r.
 */
final class StyleGanDiscriminator extends Discriminator implements ForwardWork {
    /** Samples per minibatch-std group (StyleGAN2's {@code mbstd_group_size}). */
    static final int MBSTD_GROUP = 4;

    private final EqualizedConv2d fromRgb;
    private final List<ResidualBlock> blocks = new ArrayList<>();
    private final EqualizedConv2d epilogueConv;
    private final EqualizedLinear dense;
    private final EqualizedLinear output;

    private final int side;

    StyleGanDiscriminator(int imageChannels, int side, java.util.function.IntUnaryOperator channels) {
        this.side = side;
        this.fromRgb = register_module("fromrgb", new EqualizedConv2d(imageChannels, channels.applyAsInt(side), 1, 1, true));
        for (int r = side; r > 4; r /= 2) {
            blocks.add(register_module("block" + r, new ResidualBlock(channels.applyAsInt(r), channels.applyAsInt(r / 2))));
        }
        long c4 = channels.applyAsInt(4);
        this.epilogueConv = register_module("epilogue_conv", new EqualizedConv2d(c4 + 1, c4, 3, 1, true));
        this.dense = register_module("epilogue_dense", new EqualizedLinear(c4 * 16, c4, 1, 1, 0));
        this.output = register_module("epilogue_out", new EqualizedLinear(c4, 1, 1, 1, 0));
    }

    /** @param x B × C × side × side in [−1, 1]; @return B × 1 logits */
    @Override
    public Tensor forward(Tensor x) {
        Tensor y = StyleGanLayers.activate(fromRgb.forward(x));
        for (ResidualBlock block : blocks) {
            y = block.forward(y);
        }
        y = FeatureNorms.minibatchStd(y, group(y.size(0)));
        y = StyleGanLayers.activate(epilogueConv.forward(y));
        y = StyleGanLayers.activate(dense.forward(y.reshape(y.size(0), -1)));
        return output.forward(y);
    }

    /** Refused rather than silently skipped: D's layers are equalised, not libtorch Linear/Conv2d layers spectral norm wraps. */
    @Override
    public void applySpectralNorm() {
        throw new BadInputException("--spectral-norm is not available for model 'stylegan' (its D uses equalised learning rate"
                + " and R1, as StyleGAN2)");
    }

    /** Multiply-accumulates per sample of every convolution and dense layer (minibatch std and pooling not counted). */
    @Override
    public long forwardMacs() {
        long macs = convMacs(fromRgb, side);
        int r = side;
        for (ResidualBlock block : blocks) {
            macs += convMacs(block.conv0, r) + convMacs(block.conv1, r) + convMacs(block.skip, r / 2);
            r /= 2;
        }
        return macs + convMacs(epilogueConv, 4) + dense.weight().numel() + output.weight().numel();
    }

    private static long convMacs(EqualizedConv2d conv, int r) {
        return (long) r * r * conv.weight().numel();
    }

    /** The largest group of at most {@value #MBSTD_GROUP} samples that divides the batch (StyleGAN2 needs B % G = 0). */
    static int group(long batch) {
        int g = (int) Math.min(MBSTD_GROUP, batch);
        while (batch % g != 0) {
            g--;
        }
        return g;
    }

    /** One resolution of D: in × r × r → out × r/2 × r/2, residual with a 1×1 skip, the sum scaled by 1/√2. */
    static final class ResidualBlock extends Module {
        final EqualizedConv2d conv0;
        final EqualizedConv2d conv1;
        final EqualizedConv2d skip;

        ResidualBlock(long in, long out) {
            this.conv0 = register_module("conv0", new EqualizedConv2d(in, in, 3, 1, true));
            this.conv1 = register_module("conv1", new EqualizedConv2d(in, out, 3, 1, true));
            this.skip = register_module("skip", new EqualizedConv2d(in, out, 1, 1, false));
        }

        Tensor forward(Tensor x) {
            Tensor s = skip.forward(StyleGanLayers.downsample(x));
            Tensor y = StyleGanLayers.activate(conv0.forward(x));
            y = StyleGanLayers.downsample(StyleGanLayers.activate(conv1.forward(y)));
            return s.add(y).mul(new Scalar(Math.sqrt(0.5)));   // not a static Scalar: a PointerScope would free it
        }
    }
}
