package org.gan4j.nn;

import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.BadInputException;

/**
 * SRGAN's discriminator (Ledig et al. 2017, figure 4), returning one logit per image (n × 1) like
 * every {@link Discriminator}, so the adversarial losses of {@code org.gan4j.loss} apply unchanged
 * (the paper's final sigmoid is the losses' business).
 * <pre>
 *   x (C × H × W) → Conv3(C → w) → LReLU(0.2)                       no BN on the input layer
 *     → Conv3 s2 (w)  → BN → LReLU      → Conv3 s1 (2w) → BN → LReLU
 *     → Conv3 s2 (2w) → BN → LReLU      → Conv3 s1 (4w) → BN → LReLU
 *     → Conv3 s2 (4w) → BN → LReLU      → Conv3 s1 (8w) → BN → LReLU
 *     → Conv3 s2 (8w) → BN → LReLU                                  8w × ⌈H/16⌉ × ⌈W/16⌉
 *     → adaptive average pool 1 × 1 → Linear(8w → hidden) → LReLU(0.2) → Linear(hidden → 1)
 * </pre>
 * The paper has w = 64 and hidden = 1024, and flattens its 96 × 96 crops' 6 × 6 map; pooling to
 * 1 × 1 instead makes the network take any image size (16 × 16 and up keep every stride-2 layer
 * meaningful). Convolutions followed by BatchNorm have no bias; weights keep libtorch's default
 * initialisation. {@link #applySpectralNorm()} covers every convolution and both linear layers.
 */
public final class SrDiscriminator extends Discriminator {
    /** The paper's hidden units: 1024, i.e. 16·w for w = 64. */
    public static final int PAPER_HIDDEN = 1024;

    private final Block body;
    private final Block head;
    private final int channels;
    private final int width;
    private final int hidden;

    private SrDiscriminator(int channels, int width, int hidden) {
        this.channels = channels;
        this.width = width;
        this.hidden = hidden;
        LayerStack b = new LayerStack();
        b.add(Layers.conv(channels, width, 3, 1, 1, true));
        b.add(Layers.leakyRelu(0.2));
        long in = width;
        long[] outs = {width, 2L * width, 2L * width, 4L * width, 4L * width, 8L * width, 8L * width};
        for (int i = 0; i < outs.length; i++) {
            long stride = i % 2 == 0 ? 2 : 1;
            b.add(Layers.conv(in, outs[i], 3, stride, 1, false));
            b.add(Layers.batchNorm2d(outs[i]));
            b.add(Layers.leakyRelu(0.2));
            in = outs[i];
        }
        this.body = register_module("body", new Block(b));
        LayerStack h = new LayerStack();
        h.add(Layers.linear(in, hidden));
        h.add(Layers.leakyRelu(0.2));
        h.add(Layers.linear(hidden, 1));
        this.head = register_module("head", new Block(h));
    }

    /** SRGAN's discriminator with the paper's {@value #PAPER_HIDDEN} hidden units. */
    public static SrDiscriminator create(int channels, int width) {
        return create(channels, width, PAPER_HIDDEN);
    }

    /**
     * @param channels image channels
     * @param width    feature maps of the first layer (the paper's 64); the last have 8·width
     * @param hidden   units of the dense layer before the logit (the paper's 1024)
     */
    public static SrDiscriminator create(int channels, int width, int hidden) {
        if (channels < 1 || width < 1 || hidden < 1) {
            throw new BadInputException("the SRGAN discriminator needs channels, width and hidden ≥ 1, got "
                    + channels + ", " + width + ", " + hidden);
        }
        return new SrDiscriminator(channels, width, hidden);
    }

    /**
     * @param x n × C × H × W
     * @return n × 1 logits
     */
    @Override
    public Tensor forward(Tensor x) {
        Tensor features = torch.adaptive_avg_pool2d(body.forward(x), 1, 1).flatten(1, -1); // n × 8w
        return head.forward(features);
    }

    @Override
    void normaliseSpectrally() {
        body.normaliseSpectrally();
        head.normaliseSpectrally();
    }

    @Override
    List<SpectralNorm> spectralNorms() {
        return Stream.of(body.spectralNorms(), head.spectralNorms()).flatMap(List::stream).toList();
    }

    public int channels() {
        return channels;
    }

    public int width() {
        return width;
    }

    public int hidden() {
        return hidden;
    }
}
