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
}
