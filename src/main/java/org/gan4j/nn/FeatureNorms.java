package org.gan4j.nn;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/** The feature statistics layers of progressive growing (Karras et al. 2018), shared by ProGAN and StyleGAN. */
final class FeatureNorms {
    /** Keeps the square roots finite where a variance or a feature vector is 0 (the paper's ε). */
    static final double EPSILON = 1e-8;

    private FeatureNorms() {
    }

    /**
     * Pixel-wise feature normalisation (§4.2): each position's feature vector scaled to unit root mean
     * square, b = a / √(mean_c a² + ε). It keeps G's signal magnitudes from escalating.
     *
     * @param x B × C × H × W (or B × C, e.g. z)
     */
    static Tensor pixelNorm(Tensor x) {
        Tensor meanSquare = x.square().mean(new long[] {1}, true, new ScalarTypeOptional());   // B × 1 (× H × W)
        return x.mul(torch.rsqrt(meanSquare.add(new Scalar(EPSILON))));
    }

    /**
     * Minibatch standard deviation (§3): in groups of {@code groupSize} samples, the standard deviation
     * of every feature over the group, averaged over features and positions, appended as one more
     * feature map, so D can see how varied a batch is and penalise a collapsed G. Sample i belongs to
     * group i mod (B/G), as the paper's reshape(G, −1, …) makes it. Identical samples get √ε = 1e-4.
     *
     * @param x         B × C × H × W, B a multiple of min(groupSize, B)
     * @param groupSize G (the paper's 4)
     * @return B × (C+1) × H × W
     */
    static Tensor minibatchStd(Tensor x, int groupSize) {
        long b = x.size(0);
        long c = x.size(1);
        long h = x.size(2);
        long w = x.size(3);
        long g = Math.min(groupSize, b);
        if (g < 1 || b % g != 0) {
            throw new IllegalArgumentException("minibatch std: a batch of " + b + " is not a multiple of the group size " + g);
        }
        long groups = b / g;
        Tensor y = x.reshape(g, groups, c, h, w);                                                  // G × M × C × H × W
        Tensor centred = y.sub(y.mean(new long[] {0}, true, new ScalarTypeOptional()));
        Tensor std = torch.sqrt(centred.square().mean(new long[] {0}, false, new ScalarTypeOptional())
                .add(new Scalar(EPSILON)));                                 // M × C × H × W
        Tensor perGroup = std.mean(new long[] {1, 2, 3}, false, new ScalarTypeOptional());        // M
        Tensor map = perGroup.reshape(1, groups, 1, 1, 1).expand(g, groups, 1, h, w).reshape(b, 1, h, w);
        return torch.cat(new TensorVector(x, map), 1);
    }
}
