package org.gan4j.nn;

import org.bytedeco.pytorch.FlattenImpl;
import org.bytedeco.pytorch.ReLUImpl;
import org.bytedeco.pytorch.SigmoidImpl;
import org.gan4j.data.SampleShape;
import org.gan4j.engine.Parallelism;

/**
 * The vanilla GAN of Goodfellow et al. (2014) as the tutorials write it: one hidden layer each.
 * <pre>
 *   G: z (B×latent) → Linear(latent→h) → ReLU → Linear(h→d) → Sigmoid (images) or nothing (points)
 *   D: x (B×d)      → Linear(d→h) → ReLU → Linear(h→1) (logit)
 * </pre>
 * Xavier-normal weights, zero biases, z ~ U(−1, 1), Adam(1e-3, 0.9/0.999) by default.
 */
public final class MlpGan implements Architecture {
    @Override
    public String name() {
        return "mlp";
    }

    @Override
    public String description() {
        return "vanilla two-layer MLP GAN (Goodfellow et al. 2014); images or 1-D/2-D points";
    }

    @Override
    public Defaults defaults() {
        return new Defaults(1e-3, 0.9, 0.999, LatentNoise.UNIFORM, 100, 128, 128);
    }

    /** Matrix products only: OpenBLAS gets the cores (see {@link Parallelism#GEMM}). */
    @Override
    public Parallelism parallelism() {
        return Parallelism.GEMM;
    }

    @Override
    public void checkSupports(SampleShape shape) {
        // Any flat or image sample: the data dimension follows the dataset.
    }

    @Override
    public Generator generator(NetworkSpec spec) {
        SampleShape s = spec.shape();
        LayerStack layers = new LayerStack();
        layers.add(Layers.linear(spec.latentDim(), spec.width()));
        layers.add(new ReLUImpl());
        layers.add(Layers.linear(spec.width(), s.features()));
        OutputRange range = OutputRange.REAL;
        if (s.image()) {
            layers.add(new SigmoidImpl());
            layers.add(Layers.unflatten(s.channels(), s.height(), s.width()));
            range = OutputRange.UNIT;
        }
        Generator g = new Generator(layers, spec.latentDim(), s, range);
        g.initXavier();
        return g;
    }

    @Override
    public Discriminator discriminator(NetworkSpec spec) {
        LayerStack layers = new LayerStack();
        layers.add(new FlattenImpl());
        layers.add(Layers.linear(spec.shape().features(), spec.width()));
        layers.add(new ReLUImpl());
        layers.add(Layers.linear(spec.width(), 1));
        Discriminator d = new Discriminator(layers);
        d.initXavier();
        return d;
    }

    @Override
    public boolean supportsMinibatchStd() {
        return true;
    }

    /** Flatten → Linear(d → h) → ReLU → [·, minibatch std] → Linear(h + 1 → 1): Xavier-normal like {@link #discriminator}. */
    @Override
    public Discriminator minibatchStdDiscriminator(NetworkSpec spec) {
        return new FeatureDiscriminator(discriminatorBody(spec, 0), spec.width(), true, WeightInit.XAVIER);
    }

    /** Flatten → Linear(d + extra → h) → ReLU: h features; extra inputs are appended to the flattened sample. */
    @Override
    public DiscriminatorBody discriminatorBody(NetworkSpec spec, int extraFeatures) {
        LayerStack layers = new LayerStack();
        layers.add(new FlattenImpl());
        layers.add(Layers.linear(spec.shape().features() + extraFeatures, spec.width()));
        layers.add(new ReLUImpl());
        return new DiscriminatorBody(layers, spec.width(), extraFeatures, false, WeightInit.XAVIER);
    }
}
