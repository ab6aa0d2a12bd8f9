package org.gan4j.nn;

/**
 * Builds the pair a spec asks for: the architecture's own networks, or their class-conditional
 * versions ({@link ConditionalGenerator}, {@link ConditionalDiscriminator}) when the spec has classes.
 */
public final class Networks {
    private Networks() {
    }

    public static Generator generator(Architecture architecture, NetworkSpec spec) {
        architecture.checkSupports(spec.shape());
        return spec.classes() > 0 ? ConditionalGenerator.build(architecture, spec) : architecture.generator(spec);
    }

    public static Discriminator discriminator(Architecture architecture, NetworkSpec spec) {
        architecture.checkSupports(spec.shape());
        return spec.classes() > 0 ? ConditionalDiscriminator.build(architecture, spec) : architecture.discriminator(spec);
    }

    /**
     * D with the mode-collapse remedies of the adversarial game: the family's D (or its
     * {@link Architecture#minibatchStdDiscriminator minibatch-std version}) built for packs of
     * {@code pack} samples and wrapped in a {@link PackedDiscriminator}; with {@code pack} 1 and no
     * minibatch std it is {@link #discriminator(Architecture, NetworkSpec)} exactly. Unconditional specs only.
     */
    public static Discriminator discriminator(Architecture architecture, NetworkSpec spec, int pack, boolean minibatchStd) {
        if (pack < 1) {
            throw new IllegalArgumentException("pack must be at least 1, got " + pack);
        }
        if (pack == 1 && !minibatchStd) {
            return discriminator(architecture, spec);
        }
        if (spec.classes() > 0 || !spec.codes().isEmpty()) {
            throw new IllegalArgumentException("packing and minibatch std build unconditional discriminators without codes");
        }
        architecture.checkSupports(spec.shape());
        NetworkSpec packed = pack == 1 ? spec : new NetworkSpec(PackedDiscriminator.packedShape(spec.shape(), pack), spec.latentDim(),
                spec.width(), 0, null, spec.codes(), spec.discriminatorNorm(), spec.biasBeforeNorm());
        Discriminator d = minibatchStd ? architecture.minibatchStdDiscriminator(packed) : architecture.discriminator(packed);
        return pack == 1 ? d : new PackedDiscriminator(d, pack);
    }
}
