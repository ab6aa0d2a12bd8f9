package org.gan4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.PReLUImpl;
import org.bytedeco.pytorch.PReLUOptions;
import org.bytedeco.pytorch.PixelShuffleImpl;
import org.bytedeco.pytorch.PixelShuffleOptions;
import org.bytedeco.pytorch.TanhImpl;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.BadInputException;

/**
 * SRResNet, the generator of SRGAN (Ledig et al. 2017, "Photo-Realistic Single Image
 * Super-Resolution Using a Generative Adversarial Network", figure 4): a low-resolution batch
 * n × C × h × w in [−1, 1] becomes n × C × (h·s) × (w·s) in [−1, 1].
 * <pre>
 *   x → Conv9(C → w) → PReLU                                = u          w × h × w
 *     → B × [ y ↦ y + (Conv3 → BN → PReLU → Conv3 → BN)(y) ]     residual blocks
 *     → Conv3 → BN, + u                                         long skip
 *     → log2(s) × [ Conv3(w → 4w) → PixelShuffle(2) → PReLU ]   side ×2 each
 *     → Conv9(w → C) → Tanh                                     C × h·s × w·s
 * </pre>
 * The paper uses B = 16, w = 64 and scale 4. PReLU has one slope per channel (He et al. 2015);
 * convolutions followed by BatchNorm have no bias (the norm's shift replaces it). Weights keep
 * libtorch's default initialisation (Kaiming-uniform, as PyTorch's), which the paper does not
 * replace. Output is Tanh, so real images are scaled to [−1, 1] as for the other generators
 * ({@link OutputRange#SYMMETRIC}) rather than the paper's [0, 1].
 */
public final class SrResNet extends Network {
    private final int channels;
    private final int scale;
    private final int blocks;
    private final int width;
    /** Java references to every part (see {@link LayerStack}). */
    private final Block head;
    private final List<Block> residualBlocks = new ArrayList<>();
    private final Block trunkEnd;
    private final Block tail;

    private SrResNet(int channels, int scale, int blocks, int width) {
        this.channels = channels;
        this.scale = scale;
        this.blocks = blocks;
        this.width = width;
        LayerStack h = new LayerStack();
        h.add(Layers.conv(channels, width, 9, 1, 4, true));
        h.add(prelu(width));
        this.head = register_module("head", new Block(h));
        for (int i = 0; i < blocks; i++) {
            LayerStack b = new LayerStack();
            b.add(Layers.conv(width, width, 3, 1, 1, false));
            b.add(Layers.batchNorm2d(width));
            b.add(prelu(width));
            b.add(Layers.conv(width, width, 3, 1, 1, false));
            b.add(Layers.batchNorm2d(width));
            residualBlocks.add(register_module("block" + i, new Block(b)));
        }
        LayerStack t = new LayerStack();
        t.add(Layers.conv(width, width, 3, 1, 1, false));
        t.add(Layers.batchNorm2d(width));
        this.trunkEnd = register_module("trunk", new Block(t));
        LayerStack up = new LayerStack();
        for (int i = 0; i < stages(scale); i++) {
            up.add(Layers.conv(width, 4L * width, 3, 1, 1, true));     // w × h × w → 4w × h × w
            up.add(new PixelShuffleImpl(new PixelShuffleOptions(2))); // → w × 2h × 2w
            up.add(prelu(width));
        }
        up.add(Layers.conv(width, channels, 9, 1, 4, true));
        up.add(new TanhImpl());
        this.tail = register_module("tail", new Block(up));
    }

    /**
     * SRResNet for {@code channels}-channel images upscaled by {@code scale}.
     *
     * @param channels image channels (1 or 3 in practice)
     * @param scale    2 or 4 (one or two pixel-shuffle stages)
     * @param blocks   residual blocks (the paper's 16); 0 or more
     * @param width    feature maps in the trunk (the paper's 64)
     */
    public static SrResNet create(int channels, int scale, int blocks, int width) {
        checkScale(scale);
        if (channels < 1 || blocks < 0 || width < 1) {
            throw new BadInputException("SRResNet needs channels ≥ 1, blocks ≥ 0 and width ≥ 1, got channels "
                    + channels + ", blocks " + blocks + ", width " + width);
        }
        return new SrResNet(channels, scale, blocks, width);
    }

    /** Refuses an upscaling factor SRResNet cannot build: anything but 2 and 4. */
    public static void checkScale(int scale) {
        if (scale != 2 && scale != 4) {
            throw new BadInputException("--scale " + scale + " is not supported: SRResNet upscales by 2 or 4");
        }
    }

    private static int stages(int scale) {
        return Integer.numberOfTrailingZeros(scale);
    }

    /**
     * PReLU with one slope per channel. Not {@code new PReLUOptions(channels)}: that JavaCPP constructor
     * allocates an array of {@code channels} option structs, each with a single slope.
     */
    private static PReLUImpl prelu(long channels) {
        PReLUOptions o = new PReLUOptions();
        o.num_parameters().put(channels);
        return new PReLUImpl(o);
    }

    /**
     * @param lowRes n × C × h × w in [−1, 1]
     * @return n × C × (h·scale) × (w·scale) in [−1, 1]
     */
    @Override
    public Tensor forward(Tensor lowRes) {
        if (lowRes.dim() != 4 || lowRes.size(1) != channels) {
            throw new IllegalArgumentException("SRResNet takes n × " + channels + " × h × w batches, got "
                    + java.util.Arrays.toString(lowRes.sizes().vec().get()));
        }
        Tensor u = head.forward(lowRes);
        Tensor y = u;
        for (Block block : residualBlocks) {
            y = y.add(block.forward(y));
        }
        return tail.forward(trunkEnd.forward(y).add(u));
    }

    /**
     * The super-resolved batch for viewing or evaluation: eval mode (BatchNorm's running statistics),
     * no autograd; the training flag is restored afterwards.
     */
    public Tensor upscale(Tensor lowRes) {
        boolean training = is_training();
        try (NoGradGuard guard = new NoGradGuard()) {
            eval();
            return forward(lowRes);
        } finally {
            train(training);
        }
    }

    public int channels() {
        return channels;
    }

    /** The upscaling factor, 2 or 4. */
    public int scale() {
        return scale;
    }

    public int blocks() {
        return blocks;
    }

    public int width() {
        return width;
    }

    /** Images are in [−1, 1] on both sides. */
    public OutputRange outputRange() {
        return OutputRange.SYMMETRIC;
    }
}
