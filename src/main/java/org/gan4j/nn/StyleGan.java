package org.gan4j.nn;

import org.gan4j.BadInputException;
import org.gan4j.data.SampleShape;

/**
 * {@code --model stylegan}: a StyleGAN2-style generator ({@link StyleGanGenerator}: mapping network,
 * modulated and demodulated convolutions, noise inputs, a constant 4×4 input, skip toRGB outputs)
 * against StyleGAN2's residual discriminator with minibatch std ({@link StyleGanDiscriminator}), at the
 * scale a 2-core CPU trains: square images of side 8, 16, 32, 64, ….
 *
 * <p>Defaults anchored on StyleGAN2-ADA's {@code cifar} config (mapping depth 2, R1 γ 0.01 every 16 D
 * steps, Adam lr 0.0025 β (0, 0.99), the non-saturating loss, which is gan4j's default), with a smaller
 * network: width 32 (64 feature maps up to 16×16, 32 at 32×32), z and w of size 128, batch 32, and a G
 * weight average of decay 0.99 for runs of a few thousand steps (see {@link #regularisation()}).
 */
public final class StyleGan implements Architecture {
    @Override
    public String name() {
        return "stylegan";
    }

    @Override
    public String description() {
        return "StyleGAN2-style generator (Karras et al. 2020): mapping net, modulated convs, noise, style mixing,"
                + " truncation; residual D; square power-of-two images >= 8";
    }

    @Override
    public Defaults defaults() {
        return new Defaults(0.0025, 0, 0.99, LatentNoise.NORMAL, 128, 32, 32);
    }

    /** R1 γ 0.01 lazily every 16 D steps (StyleGAN2-ADA {@code cifar}); G's weight average with β 0.99. */
    @Override
    public Regularisation regularisation() {
        return new Regularisation(0.01, 16, 0.99);
    }

    @Override
    public void checkSupports(SampleShape shape) {
        int side = shape.height();
        if (!shape.image() || side != shape.width() || side < 8 || Integer.bitCount(side) != 1
                || (shape.channels() != 1 && shape.channels() != 3)) {
            throw new BadInputException("model 'stylegan' needs square 1- or 3-channel images whose side is a power of two"
                    + " >= 8, but the data is " + shape + " (use --image-size 32 for Fashion-MNIST or MNIST)");
        }
    }

    /** 32 for the 28×28 datasets (padded by 2 px), the resolution the family's defaults are sized for. */
    @Override
    public int preferredSide(SampleShape nativeShape) {
        return nativeShape.height() == 28 ? 32 : 0;
    }

    @Override
    public Generator generator(NetworkSpec spec) {
        checkSupports(spec.shape());
        return new StyleGanGenerator(spec.shape(), spec.latentDim(), spec.width(), spec.style());
    }

    @Override
    public Discriminator discriminator(NetworkSpec spec) {
        checkSupports(spec.shape());
        int side = spec.shape().height();
        int width = spec.width();
        return new StyleGanDiscriminator(spec.shape().channels(), side, r -> Math.min(2 * width, width * (side / r)));
    }

    /** Its D is not rebuilt from the sample shape alone (and already judges batches by their minibatch std). */
    @Override
    public boolean supportsPacking() {
        return false;
    }
}
