package org.gan4j.nn;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.data.SampleShape;

/**
 * PacGAN's packed discriminator (Lin et al. 2018, §3): D judges m samples at once. A batch of B
 * samples becomes B/m packs of m consecutive samples, concatenated: B × d → (B/m) × (m·d) for vectors,
 * B × C × H × W → (B/m) × (m·C) × H × W (channels) for images, the packing of the paper's image
 * experiments. The inner D is the family's own, built for the m-times wider sample
 * ({@link #packedShape}); its output is (B/m) × 1, one logit per pack. Every pack is made of samples
 * of one kind because the game judges real and fake batches separately, and each sample is drawn
 * independently, so the packs are the paper's m i.i.d. samples. With m = 1 the game uses the family's D
 * itself (no wrapper), so today's runs are unchanged.
 */
public final class PackedDiscriminator extends Discriminator {
    private final Discriminator inner;
    private final int pack;

    PackedDiscriminator(Discriminator inner, int pack) {
        if (pack < 2) {
            throw new IllegalArgumentException("a packed discriminator takes at least 2 samples a pack, got " + pack);
        }
        this.inner = register_module("packed", inner);
        this.pack = pack;
    }

    /** The shape of one pack of {@code pack} samples of {@code shape}. */
    public static SampleShape packedShape(SampleShape shape, int pack) {
        return shape.image() ? SampleShape.image(shape.channels() * pack, shape.height(), shape.width())
                : SampleShape.vector(shape.features() * pack);
    }

    /** Samples per pack, m. */
    public int pack() {
        return pack;
    }

    /** The family's D that judges the packs. */
    Discriminator inner() {
        return inner;
    }

    /** x: B × ... with B a multiple of m → (B/m) × 1. */
    @Override
    public Tensor forward(Tensor x) {
        return inner.forward(pack(x, pack));
    }

    /** B × s₁ × s₂ ... → (B/m) × (m·s₁) × s₂ ...: pack i holds samples i·m … i·m + m − 1. */
    static Tensor pack(Tensor x, int pack) {
        long b = x.size(0);
        if (b % pack != 0) {
            throw new IllegalArgumentException("packing: a batch of " + b + " is not a multiple of the pack size " + pack);
        }
        long[] sizes = x.sizes().vec().get();
        sizes[0] = b / pack;
        sizes[1] *= pack;
        return x.reshape(sizes);
    }

    @Override
    void normaliseSpectrally() {
        inner.normaliseSpectrally();
    }

    @Override
    List<SpectralNorm> spectralNorms() {
        return inner.spectralNorms();
    }
}
