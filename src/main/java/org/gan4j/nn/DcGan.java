package org.gan4j.nn;

import org.bytedeco.pytorch.FlattenImpl;
import org.bytedeco.pytorch.ReLUImpl;
import org.bytedeco.pytorch.TanhImpl;
import org.gan4j.BadInputException;
import org.gan4j.data.SampleShape;

/**
 * Deep convolutional GAN (Radford, Metz & Chintala 2016): strided (transposed) convolutions
 * instead of pooling, BatchNorm in both networks except G's output and D's input, ReLU in G and
 * LeakyReLU(0.2) in D, Tanh output, weights ~ N(0, 0.02), Adam(2e-4, β1 0.5). D's BatchNorm can be
 * swapped for layer norm or none ({@link DiscriminatorNorm}), as WGAN-GP's critic needs.
 *
 * <p>28×28 images get DCGAN-28 exactly as benchmark B2 of ../shared/bench/SPEC.md defines it
 * (two up-sampling steps from 7×7); 32×32 and 64×64 images get the paper's all-convolutional
 * stack from a 4×4 projection, for grayscale or RGB.
 */
public final class DcGan implements Architecture {
    @Override
    public String name() {
        return "dcgan";
    }

    @Override
    public String description() {
        return "DCGAN (Radford et al. 2016): 28x28 (DCGAN-28), 32x32 or 64x64, grayscale or RGB";
    }

    @Override
    public Defaults defaults() {
        return new Defaults(2e-4, 0.5, 0.999, LatentNoise.NORMAL, 100, 64, 64);
    }

    @Override
    public void checkSupports(SampleShape shape) {
        if (!shape.image() || shape.height() != shape.width() || !isSupportedSide(shape.height())
                || (shape.channels() != 1 && shape.channels() != 3)) {
            throw new BadInputException("model 'dcgan' needs square 1- or 3-channel images of side 28, 32 or 64,"
                    + " but the data is " + shape + " (use --model mlp, or --image-size 32|64 for a folder dataset)");
        }
    }

    @Override
    public boolean hasDiscriminatorNorm() {
        return true;
    }

    private static boolean isSupportedSide(int side) {
        return side == 28 || side == 32 || side == 64;
    }

    @Override
    public Generator generator(NetworkSpec spec) {
        checkSupports(spec.shape());
        SampleShape s = spec.shape();
        LayerStack layers = s.height() == 28 ? generator28(spec) : generatorPow2(spec);
        Generator g = new Generator(layers, spec.latentDim(), s, OutputRange.SYMMETRIC);
        g.initDcgan();
        return g;
    }

    @Override
    public Discriminator discriminator(NetworkSpec spec) {
        checkSupports(spec.shape());
        LayerStack layers = spec.shape().height() == 28 ? discriminator28(spec) : discriminatorPow2(spec);
        Discriminator d = new Discriminator(layers);
        d.initDcgan();
        return d;
    }

    /** z(latent) → Linear → BN → ReLU → 2w×7×7 → ConvT → w×14×14 → ConvT → C×28×28 → Tanh (SPEC B2 with w = 64). */
    private static LayerStack generator28(NetworkSpec spec) {
        long w = spec.width();
        LayerStack g = new LayerStack();
        g.add(Layers.linear(spec.latentDim(), 2 * w * 7 * 7));
        g.add(Layers.batchNorm1d(2 * w * 7 * 7));
        g.add(new ReLUImpl());
        g.add(Layers.unflatten(2 * w, 7, 7));
        g.add(Layers.deconv(2 * w, w, 4, 2, 1, spec.biasBeforeNorm()));  // 2w×7×7 → w×14×14, BN adds the shift
        g.add(Layers.batchNorm2d(w));
        g.add(new ReLUImpl());
        g.add(Layers.deconv(w, spec.shape().channels(), 4, 2, 1, true)); // → C×28×28
        g.add(new TanhImpl());
        return g;
    }

    /** C×28×28 → Conv → w×14×14 → LReLU → Conv → 2w×7×7 → BN → LReLU → Linear → logit (SPEC B2); BN as --d-norm says. */
    private static LayerStack discriminator28(NetworkSpec spec) {
        LayerStack d = new LayerStack();
        long features = body28(spec, 0, d);
        d.add(Layers.linear(features, 1));
        return d;
    }

    /** SPEC B2's D up to its output layer, on C + extra input channels: → 2w×7×7 → flattened, 2w·49 features. */
    private static long body28(NetworkSpec spec, int extraChannels, LayerStack d) {
        long w = spec.width();
        d.add(Layers.conv(spec.shape().channels() + extraChannels, w, 4, 2, 1, true)); // → w×14×14
        d.add(Layers.leakyRelu(0.2));
        d.add(Layers.conv(w, 2 * w, 4, 2, 1, true));                  // → 2w×7×7
        spec.discriminatorNorm().addTo(d, 2 * w);
        d.add(Layers.leakyRelu(0.2));
        d.add(new FlattenImpl());
        return 2 * w * 7 * 7;
    }

    /**
     * D without its output layer. For 32×32 and 64×64 the output layer, a 4×4 convolution on the 4×4
     * map, is a linear map of the flattened map, so the body ends in that flattened map.
     */
    @Override
    public DiscriminatorBody discriminatorBody(NetworkSpec spec, int extraChannels) {
        checkSupports(spec.shape());
        LayerStack d = new LayerStack();
        long features;
        if (spec.shape().height() == 28) {
            features = body28(spec, extraChannels, d);
        } else {
            long channels = bodyPow2(spec, extraChannels, d);
            d.add(new FlattenImpl());
            features = channels * 4 * 4;
        }
        return new DiscriminatorBody(d, features, extraChannels, true, WeightInit.DCGAN);
    }

    /** Up-sampling steps from the 4×4 projection to the image side: 3 for 32, 4 for 64. */
    private static int steps(SampleShape s) {
        return Integer.numberOfTrailingZeros(s.height()) - 2;
    }

    /**
     * z → ConvT(k4, s1, p0) → (w·2^(n−1))×4×4, then n−1 blocks ConvT(k4, s2, p1)+BN+ReLU halving the
     * channels and doubling the side, then ConvT → C×side×side → Tanh (the paper's figure 1).
     */
    private static LayerStack generatorPow2(NetworkSpec spec) {
        int n = steps(spec.shape());
        long channels = (long) spec.width() << (n - 1);
        LayerStack g = new LayerStack();
        g.add(Layers.unflatten(spec.latentDim(), 1, 1));
        g.add(Layers.deconv(spec.latentDim(), channels, 4, 1, 0, false));  // → ch×4×4
        g.add(Layers.batchNorm2d(channels));
        g.add(new ReLUImpl());
        for (int i = 1; i < n; i++) {
            g.add(Layers.deconv(channels, channels / 2, 4, 2, 1, false)); // side ×2
            g.add(Layers.batchNorm2d(channels / 2));
            g.add(new ReLUImpl());
            channels /= 2;
        }
        g.add(Layers.deconv(channels, spec.shape().channels(), 4, 2, 1, false));
        g.add(new TanhImpl());
        return g;
    }

    /** The mirror of {@link #generatorPow2}: strided convolutions doubling channels down to 4×4, then a 4×4 convolution to one logit. */
    private static LayerStack discriminatorPow2(NetworkSpec spec) {
        LayerStack d = new LayerStack();
        long channels = bodyPow2(spec, 0, d);
        d.add(Layers.conv(channels, 1, 4, 1, 0, false));                       // 4×4 → 1×1
        d.add(new FlattenImpl());
        return d;
    }

    /** {@link #discriminatorPow2} up to its output layer, on C + extra input channels; returns the channels of the 4×4 map. */
    private static long bodyPow2(NetworkSpec spec, int extraChannels, LayerStack d) {
        int n = steps(spec.shape());
        long channels = spec.width();
        d.add(Layers.conv(spec.shape().channels() + extraChannels, channels, 4, 2, 1, false)); // side /2, no BN on the input layer
        d.add(Layers.leakyRelu(0.2));
        for (int i = 1; i < n; i++) {
            d.add(Layers.conv(channels, channels * 2, 4, 2, 1, false));        // side /2
            spec.discriminatorNorm().addTo(d, channels * 2);
            d.add(Layers.leakyRelu(0.2));
            channels *= 2;
        }
        return channels;
    }
}
