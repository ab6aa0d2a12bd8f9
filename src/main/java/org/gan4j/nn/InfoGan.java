package org.gan4j.nn;

import org.gan4j.data.SampleShape;

/**
 * InfoGAN (Chen et al. 2016) on DCGAN's networks: G is {@code dcgan}'s generator fed
 * [z, one-hot(c_cat), c_cont] (62 + 10 + 2 values by default, the paper's MNIST setting); D is
 * {@code dcgan}'s discriminator body with two heads, the adversarial logit and Q(c | x)
 * ({@link InfoDiscriminator}). The mutual-information term that ties the codes to what G draws
 * is added to both players' losses by the trainer ({@code info-lambda}).
 *
 * <p>Defaults as the paper trains MNIST: z ~ U(−1, 1) of 62 values, Adam 2e-4 with β1 0.5, batch 64.
 */
public final class InfoGan implements Architecture {
    private final DcGan dcgan = new DcGan();

    @Override
    public String name() {
        return "infogan";
    }

    @Override
    public String description() {
        return "InfoGAN (Chen et al. 2016): DCGAN networks with categorical + continuous codes and a Q head on D";
    }

    @Override
    public Defaults defaults() {
        return new Defaults(2e-4, 0.5, 0.999, LatentNoise.UNIFORM, 62, 64, 64);
    }

    /** The paper's MNIST codes: one 10-way categorical code and two continuous ones. */
    @Override
    public LatentCodes latentCodes() {
        return LatentCodes.PAPER;
    }

    @Override
    public void checkSupports(SampleShape shape) {
        dcgan.checkSupports(shape);
    }

    /** The codes of {@code spec}, or the paper's when it names none. */
    static LatentCodes codes(NetworkSpec spec) {
        return spec.codes().isEmpty() ? LatentCodes.PAPER : spec.codes();
    }

    /** DCGAN's generator whose input is z followed by the codes: latentDim() = |z| + K + continuous. */
    @Override
    public Generator generator(NetworkSpec spec) {
        return dcgan.generator(spec.body(spec.latentDim() + codes(spec).size()));
    }

    @Override
    public Discriminator discriminator(NetworkSpec spec) {
        return new InfoDiscriminator(dcgan.discriminatorBody(spec.body(spec.latentDim()), 0), codes(spec));
    }

    @Override
    public boolean hasDiscriminatorNorm() {
        return dcgan.hasDiscriminatorNorm();
    }

    @Override
    public DiscriminatorBody discriminatorBody(NetworkSpec spec, int extraInputs) {
        return dcgan.discriminatorBody(spec, extraInputs);
    }
}
