package org.gan4j.nn;

import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.engine.Tensors;

/**
 * The {@link Growing.Stage} of a progressive network as its registered buffer {@code stage}: two doubles,
 * (resolution, α). A buffer, not a Java field, so that a checkpoint, {@code generator.pt} and the copy of G's
 * buffers into its weight average carry the stage with the weights. Also what both progressive networks
 * share: the registry of their equalised layers ({@link #part}), nearest upsampling, average pooling and the
 * paper's LeakyReLU.
 */
final class StageBuffer {
    /** The paper's LeakyReLU slope (Karras et al. 2018, §A.1). */
    static final double SLOPE = 0.2;

    private final Tensor buffer;
    private final int target;
    private final Module owner;
    /** The owner's equalised layers by registered name, in order (Java references: see {@link LayerStack}). */
    private final java.util.Map<String, Module> parts = new java.util.LinkedHashMap<>();

    /** Registers the buffer on {@code owner}, at the stable stage of {@code target} (a network built for sampling). */
    StageBuffer(Module owner, int target) {
        this.target = target;
        this.owner = owner;
        // Kept as made, not as register_buffer returns it (a reference into a list that moves; see EqualizedLinear).
        this.buffer = Tensors.fromFloats(new float[] {target, 1f}, 2).to(torch.ScalarType.Double);
        owner.register_buffer("stage", buffer);
    }

    /** Registers {@code layer} on the owner as {@code name} and keeps it, in order. */
    <M extends Module> M part(String name, M layer) {
        parts.put(name, layer);
        return owner.register_module(name, layer);
    }

    /** The owner's layers by name (for tests). */
    java.util.Map<String, Module> parts() {
        return java.util.Collections.unmodifiableMap(parts);
    }

    void set(Growing.Stage stage) {
        if (stage.resolution() > target) {
            throw new IllegalArgumentException("stage " + stage + " is beyond the network's target resolution " + target);
        }
        try (NoGradGuard guard = new NoGradGuard()) {
            buffer.select(0, 0).fill_(new Scalar((double) stage.resolution()));
            buffer.select(0, 1).fill_(new Scalar(stage.alpha()));
        }
    }

    Growing.Stage get() {
        return new Growing.Stage((int) Math.round(buffer.select(0, 0).item_double()), buffer.select(0, 1).item_double());
    }

    /**
     * Feature maps at side {@code r}: {@code width} up to 16×16, then halved per doubling (32×32 gets w/2, 64×64 w/4),
     * the paper's tapering (it halves 512 above 32×32) moved down to CPU sizes, where the largest sides cost the most.
     */
    static int channels(int width, int r) {
        return Math.max(1, r <= 16 ? width : width * 16 / r);
    }

    /** Index of the block of side {@code resolution}: 0 for 4×4, 1 for 8×8, ... */
    static int level(int resolution) {
        return Integer.numberOfTrailingZeros(resolution) - 2;
    }

    /** Nearest-neighbour upsampling by an integer {@code factor}: B×C×H×W → B×C×(H·f)×(W·f), each pixel a f×f block. */
    static Tensor upsample(Tensor x, long factor) {
        if (factor == 1) {
            return x;
        }
        long b = x.size(0);
        long c = x.size(1);
        long h = x.size(2);
        long w = x.size(3);
        return x.reshape(b, c, h, 1, w, 1).expand(b, c, h, factor, w, factor).reshape(b, c, h * factor, w * factor);
    }

    /** Average pooling over {@code factor}×{@code factor} blocks: B×C×H×W → B×C×(H/f)×(W/f). */
    static Tensor downsample(Tensor x, long factor) {
        return factor == 1 ? x : torch.avg_pool2d(x, factor, factor);
    }

    static Tensor leakyRelu(Tensor x) {
        return torch.leaky_relu(x, new Scalar(SLOPE));
    }
}
