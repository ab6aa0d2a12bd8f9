package org.gan4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.data.SampleShape;

/**
 * The generator of progressive growing (Karras et al. 2018, table 2), built at the target resolution T with
 * every block; its {@link Growing.Stage} (r, α) says how far it has grown.
 * <pre>
 *   z (B×latent) → pixel norm → EqualizedLinear(latent → 16w), gain √2/4 → B×w×4×4 → LReLU → PN
 *     → Conv3 → LReLU → PN                                       = h₄           B×w×4×4
 *   block_r (r = 8 … T): upsample ×2 (nearest) → (Conv3 → LReLU → PN) × 2   h_r = block_r(h_{r/2})   B×w_r×r×r
 *   toRGB_r: Conv1(w_r → C), gain 1, linear
 *   stage (r, 1): toRGB_r(h_r);   fade-in (r, α&lt;1): (1 − α)·up₂(toRGB_{r/2}(h_{r/2})) + α·toRGB_r(block_r(h_{r/2}))
 * </pre>
 * The r×r image is returned nearest-upsampled to T×T, so every consumer (grids, EMA, eval) sees target-sized
 * images of the current resolution. Every layer has the equalised learning rate and every conv the pixel norm
 * (PN) after its activation, as in the paper; the feature maps w_r are {@code width} up to 16×16 and halve per
 * doubling above (the paper's 512 halving above 32×32 is far beyond a 2-core CPU). The output is linear, as the paper's; grids and
 * eval clamp it to [−1, 1] ({@link OutputRange#SYMMETRIC}).
 */
public final class ProGanGenerator extends Generator implements Growing, ForwardWork {
    private final int target;
    private final int width;
    private final StageBuffer stage;
    /** Java references to every part (see {@link LayerStack}). */
    private final EqualizedLinear input;
    private final EqualizedConv2d inputConv;
    private final List<EqualizedConv2d[]> blocks = new ArrayList<>();
    private final List<EqualizedConv2d> toRgb = new ArrayList<>();

    ProGanGenerator(int latentDim, SampleShape shape, int width) {
        super(latentDim, shape, OutputRange.SYMMETRIC);
        this.target = shape.height();
        this.width = width;
        this.stage = new StageBuffer(this, target);
        double gain = Math.sqrt(2);
        this.input = stage.part("input", new EqualizedLinear(latentDim, 16L * width, gain / 4, 1, 0));
        this.inputConv = stage.part("input_conv", new EqualizedConv2d(width, width, 3, gain, true));
        toRgb.add(stage.part("to_rgb4", new EqualizedConv2d(width, shape.channels(), 1, 1, true)));
        for (int r = 8; r <= target; r *= 2) {
            long in = StageBuffer.channels(width, r / 2);
            long out = StageBuffer.channels(width, r);
            blocks.add(new EqualizedConv2d[] {
                stage.part("block" + r + "_conv1", new EqualizedConv2d(in, out, 3, gain, true)),
                stage.part("block" + r + "_conv2", new EqualizedConv2d(out, out, 3, gain, true))});
            toRgb.add(stage.part("to_rgb" + r, new EqualizedConv2d(out, shape.channels(), 1, 1, true)));
        }
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
     * @param z B × latentDim
     * @return B × C × T × T: the image of the current stage, nearest-upsampled to the target side
     */
    @Override
    public Tensor forward(Tensor z) {
        Growing.Stage s = stage();
        int level = StageBuffer.level(s.resolution());
        Tensor h = StageBuffer.leakyRelu(input.forward(FeatureNorms.pixelNorm(z)).reshape(z.size(0), width, 4, 4));
        h = FeatureNorms.pixelNorm(h);
        h = convNorm(inputConv, h);
        int stable = s.fading() ? level - 1 : level;   // the last block run at full strength
        for (int i = 1; i <= stable; i++) {
            h = block(i, h);
        }
        Tensor image;
        if (s.fading()) {
            Tensor old = StageBuffer.upsample(toRgb.get(level - 1).forward(h), 2);   // B×C×r×r
            Tensor fresh = toRgb.get(level).forward(block(level, h));               // B×C×r×r
            image = torch.lerp(old, fresh, new Scalar(s.alpha()));
        } else {
            image = toRgb.get(level).forward(h);
        }
        return StageBuffer.upsample(image, target / s.resolution());
    }

    /** Multiply-accumulates per sample at the current stage: the layers the forward pass runs, at their sides. */
    @Override
    public long forwardMacs() {
        Growing.Stage s = stage();
        long channels = sampleShape().channels();
        long macs = (long) latentDim() * 16 * width + 16L * width * width * 9;   // input dense, 4×4 conv
        for (int r = 8; r <= s.resolution(); r *= 2) {
            long in = StageBuffer.channels(width, r / 2);
            long out = StageBuffer.channels(width, r);
            macs += (long) r * r * 9 * (in * out + out * out);
        }
        int r = s.resolution();
        macs += (long) r * r * StageBuffer.channels(width, r) * channels;                           // toRGB_r
        if (s.fading()) {
            macs += (long) (r / 2) * (r / 2) * StageBuffer.channels(width, r / 2) * channels;       // toRGB_{r/2}
        }
        return macs;
    }

    /** block_r of level i ≥ 1 (r = 4·2^i): B×w×(r/2)×(r/2) → B×w×r×r. */
    private Tensor block(int level, Tensor h) {
        EqualizedConv2d[] convs = blocks.get(level - 1);
        Tensor x = StageBuffer.upsample(h, 2);
        return convNorm(convs[1], convNorm(convs[0], x));
    }

    private static Tensor convNorm(EqualizedConv2d conv, Tensor x) {
        return FeatureNorms.pixelNorm(StageBuffer.leakyRelu(conv.forward(x)));
    }

    /** The target side T. */
    public int targetResolution() {
        return target;
    }

    public int width() {
        return width;
    }
}
