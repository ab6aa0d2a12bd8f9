package org.gan4j.nn;

import org.gan4j.BadInputException;
import org.gan4j.data.SampleShape;

/**
 * {@code --model srgan}: super-resolution GAN (Ledig et al. 2017), trained by the
 * {@code super-resolution} game: {@link SrResNet} maps a low-resolution image to a high-resolution
 * one, {@link SrDiscriminator} judges high-resolution images. Its generator takes images, not noise,
 * so it is not a {@link Generator}: {@code sample} refuses it, {@code upscale} runs it.
 */
public final class SrGanArchitecture implements Architecture {
    @Override
    public String name() {
        return "srgan";
    }

    @Override
    public String description() {
        return "super-resolution GAN (Ledig et al. 2017): SRResNet against the paper's conv discriminator, x2 or x4";
    }

    /** The paper's Adam (lr 1e-4, β₁ 0.9); width 32 and batch 16 (the paper's 64 and 16) to fit a 2-core CPU; no z. */
    @Override
    public Defaults defaults() {
        return new Defaults(1e-4, 0.9, 0.999, LatentNoise.NORMAL, 1, 32, 16);
    }

    @Override
    public void checkSupports(SampleShape shape) {
        if (!shape.image() || shape.height() < 16 || shape.width() < 16) {
            throw new BadInputException("model 'srgan' needs images of at least 16x16, but the data is " + shape);
        }
    }

    @Override
    public Generator generator(NetworkSpec spec) {
        throw new BadInputException("srgan's generator upscales images instead of sampling noise: use ./gan4j upscale");
    }

    @Override
    public Discriminator discriminator(NetworkSpec spec) {
        checkSupports(spec.shape());
        return SrDiscriminator.create(spec.shape().channels(), spec.width());
    }

    @Override
    public String game() {
        return "super-resolution";
    }
}
