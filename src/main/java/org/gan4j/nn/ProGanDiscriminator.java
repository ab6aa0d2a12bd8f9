package org.gan4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.data.SampleShape;

/**
 * The discriminator of progressive growing (Karras et al. 2018, table 2), the generator's mirror: built at the
 * target resolution T with every block, its {@link Growing.Stage} (r, α) saying which are in use.
 * <pre>
 *   x (B×C×T×T) → average-pool to r×r                                 (exact for G's nearest-upsampled fakes)
 *   fromRGB_r: Conv1(C → w_r) → LReLU                                  (w_r as G's: width to 16×16, then halving)
 *   block_r (r = T … 8): Conv3(w_r → w_r) → LReLU → Conv3(w_r → w_{r/2}) → LReLU → average-pool ×½   → B×w_{r/2}×(r/2)×(r/2)
 *   stage (r, 1): block_r(fromRGB_r(x_r));  fade-in (r, α&lt;1): (1 − α)·fromRGB_{r/2}(pool(x_r)) + α·block_r(fromRGB_r(x_r))
 *   then block_{r/2} … block_8, and at 4×4: minibatch std (group 4) → Conv3(w+1 → w) → LReLU
 *     → EqualizedLinear(16w → w) → LReLU → EqualizedLinear(w → 1), gain 1            B×1
 * </pre>
 * Equalised learning rate everywhere, no normalisation (the WGAN-GP critic's penalty is per sample). The
 * minibatch-std group is the largest size up to 4 that divides the batch, so any batch size works.
 */
public final class ProGanDiscriminator extends Discriminator implements Growing, ForwardWork {
    /** The paper's minibatch-std group size. */
    public static final int GROUP = 4;

    private final int target;
    private final int width;
    private final StageBuffer stage;
    /** Java references to every part (see {@link LayerStack}); fromRgb and blocks indexed by level (4×4 is 0). */
    private final List<EqualizedConv2d> fromRgb = new ArrayList<>();
    private final List<EqualizedConv2d[]> blocks = new ArrayList<>();
    private final EqualizedConv2d finalConv;
    private final EqualizedLinear finalDense;
    private final EqualizedLinear output;
    private final int channels;

    ProGanDiscriminator(SampleShape shape, int width) {
        this.target = shape.height();
        this.width = width;
        this.channels = shape.channels();
        this.stage = new StageBuffer(this, target);
        double gain = Math.sqrt(2);
        fromRgb.add(stage.part("from_rgb4", new EqualizedConv2d(shape.channels(), width, 1, gain, true)));
        blocks.add(null);   // 4×4 is the final block below
        for (int r = 8; r <= target; r *= 2) {
            long here = StageBuffer.channels(width, r);
            long below = StageBuffer.channels(width, r / 2);
            fromRgb.add(stage.part("from_rgb" + r, new EqualizedConv2d(shape.channels(), here, 1, gain, true)));
            blocks.add(new EqualizedConv2d[] {
                stage.part("block" + r + "_conv1", new EqualizedConv2d(here, here, 3, gain, true)),
                stage.part("block" + r + "_conv2", new EqualizedConv2d(here, below, 3, gain, true))});
        }
        this.finalConv = stage.part("final_conv", new EqualizedConv2d(width + 1L, width, 3, gain, true));
        this.finalDense = stage.part("final_dense", new EqualizedLinear(16L * width, width, gain, 1, 0));
        this.output = stage.part("output", new EqualizedLinear(width, 1, 1, 1, 0));
    }

    /** The equalised layers by name (for tests). */
    java.util.Map<String, Module> parts() {
        return stage.parts();
    }

    @Override
    public void stage(Growing.Stage s) {
        stage.set(s);
    }

    @Override
    public Growing.Stage stage() {
        return stage.get();
    }

    /**
     * @param x B × C × T × T
     * @return B × 1
     */
    @Override
    public Tensor forward(Tensor x) {
        Growing.Stage s = stage();
        int level = StageBuffer.level(s.resolution());
        Tensor image = StageBuffer.downsample(x, target / s.resolution());                 // B×C×r×r
        Tensor h = StageBuffer.leakyRelu(fromRgb.get(level).forward(image));               // B×w×r×r
        if (level > 0) {
            h = block(level, h);                                                           // B×w×(r/2)×(r/2)
            if (s.fading()) {
                Tensor old = StageBuffer.leakyRelu(fromRgb.get(level - 1).forward(StageBuffer.downsample(image, 2)));
                h = torch.lerp(old, h, new Scalar(s.alpha()));
            }
            for (int i = level - 1; i >= 1; i--) {
                h = block(i, h);
            }
        }
        h = FeatureNorms.minibatchStd(h, group(h.size(0)));                                  // B×(w+1)×4×4
        h = StageBuffer.leakyRelu(finalConv.forward(h));
        h = StageBuffer.leakyRelu(finalDense.forward(h.flatten(1, -1)));                     // B×w
        return output.forward(h);                                                           // B×1
    }

    /** Refused in one line: the equalised learning rate already scales every layer, and these layers are not Conv2d/Linear modules. */
    @Override
    public void applySpectralNorm() {
        throw new org.gan4j.BadInputException("--spectral-norm does not apply to model 'progan' (its layers have the equalised learning rate)");
    }

    /** Multiply-accumulates per sample at the current stage (pooling and the minibatch std are not counted). */
    @Override
    public long forwardMacs() {
        Growing.Stage s = stage();
        int r = s.resolution();
        long macs = (long) r * r * channels * StageBuffer.channels(width, r);                       // fromRGB_r
        if (s.fading()) {
            macs += (long) (r / 2) * (r / 2) * channels * StageBuffer.channels(width, r / 2);      // fromRGB_{r/2}
        }
        for (int side = r; side >= 8; side /= 2) {
            long here = StageBuffer.channels(width, side);
            long below = StageBuffer.channels(width, side / 2);
            macs += (long) side * side * 9 * (here * here + here * below);
        }
        return macs + 16L * (width + 1) * width * 9 + 16L * width * width + width;                 // final conv, dense, output
    }

    /** block_r of level i ≥ 1: B×w×r×r → B×w×(r/2)×(r/2). */
    private Tensor block(int level, Tensor h) {
        EqualizedConv2d[] convs = blocks.get(level);
        Tensor y = StageBuffer.leakyRelu(convs[1].forward(StageBuffer.leakyRelu(convs[0].forward(h))));
        return StageBuffer.downsample(y, 2);
    }

    /** The minibatch-std group for a batch of {@code batch}: the largest size up to {@link #GROUP} dividing it. */
    static int group(long batch) {
        int g = (int) Math.min(GROUP, batch);
        while (batch % g != 0) {
            g--;
        }
        return g;
    }

    public int targetResolution() {
        return target;
    }

    public int width() {
        return width;
    }
}
