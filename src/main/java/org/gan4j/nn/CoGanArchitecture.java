package org.gan4j.nn;

import org.gan4j.BadInputException;
import org.gan4j.data.SampleShape;

/**
 * {@code --model cogan}: the coupled DCGAN-28 pair of {@link CoGan} (Liu &amp; Tuzel 2016 trained
 * convolutional pairs on 28×28 digits), trained by the {@code coupled} game on two unpaired domains.
 * Its {@link #generator} is the coupled pair of generators, so a run's {@code generator.pt} holds both.
 */
public final class CoGanArchitecture implements Architecture {
    static final String FAMILY = "dcgan";

    @Override
    public String name() {
        return "cogan";
    }

    @Override
    public String description() {
        return "coupled GAN (Liu & Tuzel 2016): two DCGAN-28 pairs sharing G's trunk and D's body, on two unpaired domains";
    }

    @Override
    public Defaults defaults() {
        return Architectures.get(FAMILY).defaults();
    }

    @Override
    public void checkSupports(SampleShape shape) {
        if (!shape.image() || shape.height() != CoGan.SIDE || shape.width() != CoGan.SIDE
                || (shape.channels() != 1 && shape.channels() != 3)) {
            throw new BadInputException("model 'cogan' needs 1- or 3-channel 28x28 images, but the data is " + shape);
        }
    }

    @Override
    public Generator generator(NetworkSpec spec) {
        return build(spec).generators();
    }

    @Override
    public Discriminator discriminator(NetworkSpec spec) {
        return build(spec).discriminators();
    }

    /** Both pairs, from libtorch's generator as seeded now. */
    public CoGan build(NetworkSpec spec) {
        checkSupports(spec.shape());
        DiscriminatorNorm norm = spec.discriminatorNorm() == null ? DiscriminatorNorm.BATCH : spec.discriminatorNorm();
        return CoGan.create(FAMILY, spec.latentDim(), spec.shape().channels(), spec.width(), norm);
    }

    @Override
    public boolean hasDiscriminatorNorm() {
        return true;
    }

    @Override
    public String game() {
        return "coupled";
    }
}
