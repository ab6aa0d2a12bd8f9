package org.gan4j.nn;

import org.bytedeco.pytorch.BatchNorm1dImpl;
import org.bytedeco.pytorch.BatchNormOptions;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.LinearOptions;
import org.bytedeco.pytorch.ReLUImpl;
import org.gan4j.BadInputException;
import org.gan4j.data.SampleShape;
import org.gan4j.engine.Parallelism;

/**
 * The networks of PacGAN's 2-D mixture experiments (Lin et al. 2018, §4.1 and appendix; the VEEGAN
 * ring/grid protocol), as their code builds them: fjxmlzn/PacGAN,
 * {@code synthetic_data_experiments/2DGrid_GAN&PacGAN/pacgan_task.py} (the bricks) and {@code config.py}
 * (the sizes and optimiser) of the ring and grid directories, which agree on every setting.
 * <pre>
 *   G: z (B×2, N(0, I)) → [Linear(→400, no bias) → BatchNorm → ReLU] × 4 → Linear(400→d)
 *   D: x (B×d·m)        → [Linear(→200·5) → max over 5 pieces] × 3 → Linear(200→1) (logit)
 * </pre>
 * D is a maxout network, not a ReLU MLP: three linear maxout layers of {@code width/2} units (200 for the
 * default width 400) with 5 pieces each, no batch norm and no dropout (their D builds the dropout graph but
 * trains the one without). m is PacGAN's packing ({@code --pack}, 1 = the plain GAN). Weights ~ N(0, 0.02),
 * biases 0, BatchNorm scales 1 ({@link WeightInit#GAUSSIAN}); BatchNorm running statistics follow with
 * momentum 0.05 and ε = 1e-4 (Blocks' BatchNormalization, whose population update their task sets to
 * 0.05·batch + 0.95·running). Optimiser Adam, learning rate 1e-4, β1 0.8 (β2 0.999) for both players;
 * batch 100 packs; the non-saturating loss (their generator minimises softplus(−D(G(z)))); 400 epochs of
 * 100,000 samples, i.e. 400,000 steps ({@code ToyBenchmark}'s default for this family).
 *
 * <p>Differences from their code: their batch always holds 100 packs (100·m samples of each kind), which
 * {@code toybench} reproduces by training with batch 100·m; G's BatchNorm then sees the m·100 fakes of a
 * step as one batch where theirs normalised each of the m slices of 100 separately.
 */
public final class PacGanMlp implements Architecture {
    /** Hidden layers of G (their {@code decoder}). */
    static final int G_LAYERS = 4;
    /** Maxout layers of D and their pieces ({@code disc_maxout_pieces}). */
    static final int D_LAYERS = 3;
    static final int PIECES = 5;

    @Override
    public String name() {
        return "pacgan-mlp";
    }

    @Override
    public String description() {
        return "PacGAN's 2-D experiment networks (Lin et al. 2018): G 4x400 BatchNorm+ReLU, D 3x200 maxout; points";
    }

    @Override
    public Defaults defaults() {
        return new Defaults(1e-4, 0.8, 0.999, LatentNoise.NORMAL, 2, 400, 100);
    }

    /**
     * libtorch's pool gets the cores ({@link Parallelism#INTRA_OP}, the default): with {@link Parallelism#GEMM} (OpenBLAS's
     * pool, the tutorial MLP's choice) a G+D forward/backward of these 400-wide layers took 118-479 ms on a loaded 2-core
     * machine against 13-17 ms with two intra-op threads.
     */
    @Override
    public Parallelism parallelism() {
        return Parallelism.INTRA_OP;
    }

    @Override
    public void checkSupports(SampleShape shape) {
        if (shape.image()) {
            throw new BadInputException("model pacgan-mlp is built for 1-D/2-D points (ring8, grid25, gauss1d), not "
                    + shape.channels() + "x" + shape.height() + "x" + shape.width() + " images; use --model mlp or dcgan");
        }
    }

    @Override
    public Generator generator(NetworkSpec spec) {
        LayerStack layers = new LayerStack();
        long in = spec.latentDim();
        for (int i = 0; i < G_LAYERS; i++) {
            layers.add(linearWithoutBias(in, spec.width()));   // the BatchNorm's shift is the bias
            layers.add(batchNorm(spec.width()));
            layers.add(new ReLUImpl());
            in = spec.width();
        }
        layers.add(Layers.linear(in, spec.shape().features()));
        Generator g = new Generator(layers, spec.latentDim(), spec.shape(), OutputRange.REAL);
        WeightInit.GAUSSIAN.apply(g);
        return g;
    }

    @Override
    public Discriminator discriminator(NetworkSpec spec) {
        return build(spec, false);
    }

    @Override
    public boolean supportsMinibatchStd() {
        return true;
    }

    @Override
    public Discriminator minibatchStdDiscriminator(NetworkSpec spec) {
        return build(spec, true);
    }

    /** D's maxout units: half the width (their 200 beside G's 400), at least 1. */
    static long discriminatorUnits(NetworkSpec spec) {
        return Math.max(1, spec.width() / 2);
    }

    private static Discriminator build(NetworkSpec spec, boolean minibatchStd) {
        MaxoutMlp body = new MaxoutMlp(spec.shape().features(), discriminatorUnits(spec), D_LAYERS, PIECES);
        WeightInit.GAUSSIAN.apply(body);
        return new FeatureDiscriminator(body, body.units(), minibatchStd, WeightInit.GAUSSIAN);
    }

    private static LinearImpl linearWithoutBias(long in, long out) {
        LinearOptions o = new LinearOptions(in, out);
        o.bias().put(false);
        return new LinearImpl(o);
    }

    private static BatchNorm1dImpl batchNorm(long features) {
        BatchNormOptions o = new BatchNormOptions(features);
        o.momentum().put(0.05);
        o.eps().put(1e-4);
        return new BatchNorm1dImpl(o);
    }
}
