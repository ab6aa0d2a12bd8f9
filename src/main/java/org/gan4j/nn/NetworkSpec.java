package org.gan4j.nn;

import org.gan4j.data.SampleShape;

/**
 * What a pair of networks is built for.
 *
 * @param shape        the data's sample shape (G's output, D's input)
 * @param latentDim    size of z (without InfoGAN's codes or a label embedding)
 * @param width        hidden units of the MLP, or base feature maps of a DCGAN (64 in the paper)
 * @param classes      number of classes of a class-conditional pair; 0 for an unconditional one
 * @param conditioning how labels enter a conditional pair; null when {@code classes} is 0
 * @param codes        InfoGAN's latent codes ({@link LatentCodes#NONE} for other models)
 * @param discriminatorNorm the normalisation between D's hidden convolutions (DCGAN's BatchNorm by default)
 * @param biasBeforeNorm whether G's transposed convolution before a BatchNorm keeps a bias. New networks leave
 *                       it out, as the DCGAN reference does: the norm subtracts it, and oneDNN adds it in a slow
 *                       reference loop. DCGAN-28 generators saved before 2026-11-22 have one, and are rebuilt so
 *                       ({@code Checkpoint.savedLayout}).
 * @param style        the style-based generator's settings ({@code --model stylegan}); {@link StyleSpec#DEFAULT} for others
 */
public record NetworkSpec(SampleShape shape, int latentDim, int width, int classes, Conditioning conditioning,
                          LatentCodes codes, DiscriminatorNorm discriminatorNorm, boolean biasBeforeNorm, StyleSpec style) {
    public NetworkSpec {
        if (style == null) {
            throw new IllegalArgumentException("style: use StyleSpec.DEFAULT");
        }
        if (classes < 0 || (classes > 0) != (conditioning != null)) {
            throw new IllegalArgumentException("a conditional spec needs classes > 0 and a conditioning, got "
                    + classes + " and " + conditioning);
        }
        if (codes == null) {
            throw new IllegalArgumentException("codes: use LatentCodes.NONE");
        }
        if (discriminatorNorm == null) {
            throw new IllegalArgumentException("discriminatorNorm: use DiscriminatorNorm.BATCH for DCGAN's");
        }
    }

    /** A spec with the default style settings (every family but {@code stylegan} ignores them). */
    public NetworkSpec(SampleShape shape, int latentDim, int width, int classes, Conditioning conditioning,
                       LatentCodes codes, DiscriminatorNorm discriminatorNorm, boolean biasBeforeNorm) {
        this(shape, latentDim, width, classes, conditioning, codes, discriminatorNorm, biasBeforeNorm, StyleSpec.DEFAULT);
    }

    /** An unconditional spec without latent codes. */
    public NetworkSpec(SampleShape shape, int latentDim, int width) {
        this(shape, latentDim, width, 0, null, LatentCodes.NONE, DiscriminatorNorm.BATCH, false);
    }

    /** This spec with the style-based generator's {@code style} settings. */
    public NetworkSpec withStyle(StyleSpec style) {
        return new NetworkSpec(shape, latentDim, width, classes, conditioning, codes, discriminatorNorm, biasBeforeNorm, style);
    }

    /** This spec for {@code classes} classes, conditioned by {@code conditioning}. */
    public NetworkSpec conditional(int classes, Conditioning conditioning) {
        return new NetworkSpec(shape, latentDim, width, classes, conditioning, codes, discriminatorNorm, biasBeforeNorm, style);
    }

    /** This spec with InfoGAN's {@code codes}. */
    public NetworkSpec withCodes(LatentCodes codes) {
        return new NetworkSpec(shape, latentDim, width, classes, conditioning, codes, discriminatorNorm, biasBeforeNorm, style);
    }

    /** This spec with D's hidden layers normalised by {@code norm}. */
    public NetworkSpec withDiscriminatorNorm(DiscriminatorNorm norm) {
        return new NetworkSpec(shape, latentDim, width, classes, conditioning, codes, norm, biasBeforeNorm, style);
    }

    /** This spec with or without a bias on G's layers that a BatchNorm follows. */
    public NetworkSpec withBiasBeforeNorm(boolean bias) {
        return new NetworkSpec(shape, latentDim, width, classes, conditioning, codes, discriminatorNorm, bias, style);
    }

    /** The unconditional spec with z of size {@code latentDim} (for the body of a conditional network). */
    NetworkSpec body(int latent) {
        return new NetworkSpec(shape, latent, width, 0, null, LatentCodes.NONE, discriminatorNorm, biasBeforeNorm, style);
    }
}
