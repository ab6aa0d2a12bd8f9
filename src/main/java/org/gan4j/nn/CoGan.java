package org.gan4j.nn;

import java.util.Arrays;
import java.util.List;
import org.bytedeco.pytorch.FlattenImpl;
import org.bytedeco.pytorch.ReLUImpl;
import org.bytedeco.pytorch.TanhImpl;
import org.gan4j.BadInputException;
import org.gan4j.data.SampleShape;

/**
 * Coupled GAN (Liu &amp; Tuzel, "Coupled Generative Adversarial Networks", NeurIPS 2016): two GANs, one
 * per domain, whose generators share all layers but the last ({@link CoupledGenerators}) and whose
 * discriminators share all layers but the first ({@link CoupledDiscriminators}). Trained on unpaired
 * images of two domains, the shared layers make G₀(z) and G₁(z) the same content rendered in each
 * domain, a joint distribution learnt without pairs.
 *
 * <p>Two families, for {@value #SIDE}×{@value #SIDE} images, mirroring gan4j's single-network
 * families except that both generators end in Tanh (images in [−1, 1]):
 * <pre>
 *   mlp (MlpGan, Xavier init):
 *     G trunk:     z → Linear(latent → h) → ReLU
 *     G output_d:  → Linear(h → C·28·28) → Tanh → C×28×28
 *     D input_d:   C×28×28 → Flatten → Linear(C·28·28 → h) → ReLU
 *     D body:      → Linear(h → 1) logit
 *   dcgan (DcGan's DCGAN-28, N(0, 0.02) init):
 *     G trunk:     z → Linear(latent → 2w·7·7) → BN → ReLU → 2w×7×7 → ConvT(k4 s2 p1) → w×14×14 → BN → ReLU
 *     G output_d:  → ConvT(k4 s2 p1) → C×28×28 → Tanh
 *     D input_d:   C×28×28 → Conv(k4 s2 p1) → w×14×14 → LReLU(0.2)
 *     D body:      → Conv(k4 s2 p1) → 2w×7×7 → norm (--d-norm) → LReLU(0.2) → Flatten → Linear(2w·49 → 1) logit
 * </pre>
 * The weights come from libtorch's seeded generator, so seed it ({@code Engine.seed}) first.
 *
 * @param family         {@code mlp} or {@code dcgan}
 * @param generators     G₀ and G₁
 * @param discriminators D₀ and D₁
 */
public record CoGan(String family, CoupledGenerators generators, CoupledDiscriminators discriminators) {
    /** The image side both families build for. */
    public static final int SIDE = 28;

    /** The families {@link #create} builds. */
    private enum Family {
        MLP {
            @Override
            CoupledGenerators generators(NetworkSpec spec) {
                LayerStack trunk = new LayerStack();
                trunk.add(Layers.linear(spec.latentDim(), spec.width()));
                trunk.add(new ReLUImpl());
                return new CoupledGenerators(trunk, mlpOutput(spec), mlpOutput(spec), spec.latentDim(), spec.shape(),
                        OutputRange.SYMMETRIC, WeightInit.XAVIER);
            }

            @Override
            CoupledDiscriminators discriminators(NetworkSpec spec) {
                LayerStack body = new LayerStack();
                body.add(Layers.linear(spec.width(), 1));
                return new CoupledDiscriminators(mlpInput(spec), mlpInput(spec), body, WeightInit.XAVIER);
            }
        },
        DCGAN {
            @Override
            CoupledGenerators generators(NetworkSpec spec) {
                long w = spec.width();
                LayerStack trunk = new LayerStack();
                trunk.add(Layers.linear(spec.latentDim(), 2 * w * 7 * 7));
                trunk.add(Layers.batchNorm1d(2 * w * 7 * 7));
                trunk.add(new ReLUImpl());
                trunk.add(Layers.unflatten(2 * w, 7, 7));
                trunk.add(Layers.deconv(2 * w, w, 4, 2, 1, false));      // 2w×7×7 → w×14×14, BN adds the shift
                trunk.add(Layers.batchNorm2d(w));
                trunk.add(new ReLUImpl());
                return new CoupledGenerators(trunk, dcganOutput(spec), dcganOutput(spec), spec.latentDim(), spec.shape(),
                        OutputRange.SYMMETRIC, WeightInit.DCGAN);
            }

            @Override
            CoupledDiscriminators discriminators(NetworkSpec spec) {
                long w = spec.width();
                LayerStack body = new LayerStack();
                body.add(Layers.conv(w, 2 * w, 4, 2, 1, true));            // w×14×14 → 2w×7×7
                spec.discriminatorNorm().addTo(body, 2 * w);
                body.add(Layers.leakyRelu(0.2));
                body.add(new FlattenImpl());
                body.add(Layers.linear(2 * w * 7 * 7, 1));
                return new CoupledDiscriminators(dcganInput(spec), dcganInput(spec), body, WeightInit.DCGAN);
            }
        };

        abstract CoupledGenerators generators(NetworkSpec spec);

        abstract CoupledDiscriminators discriminators(NetworkSpec spec);

        String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Family of(String family) {
            for (Family f : values()) {
                if (f.key().equals(family)) {
                    return f;
                }
            }
            throw new BadInputException("unknown CoGAN family '" + family + "': choose one of " + String.join(", ", families()));
        }
    }

    /** hidden → Linear(h → C·H·W) → Tanh → C×H×W: one domain's output layer of the MLP generators. */
    private static LayerStack mlpOutput(NetworkSpec spec) {
        SampleShape s = spec.shape();
        LayerStack out = new LayerStack();
        out.add(Layers.linear(spec.width(), s.features()));
        out.add(new TanhImpl());
        out.add(Layers.unflatten(s.channels(), s.height(), s.width()));
        return out;
    }

    /** C×H×W → Flatten → Linear(C·H·W → h) → ReLU: one domain's input layer of the MLP discriminators. */
    private static LayerStack mlpInput(NetworkSpec spec) {
        LayerStack in = new LayerStack();
        in.add(new FlattenImpl());
        in.add(Layers.linear(spec.shape().features(), spec.width()));
        in.add(new ReLUImpl());
        return in;
    }

    /** w×14×14 → ConvT → C×28×28 → Tanh: one domain's output layer of the DCGAN-28 generators. */
    private static LayerStack dcganOutput(NetworkSpec spec) {
        LayerStack out = new LayerStack();
        out.add(Layers.deconv(spec.width(), spec.shape().channels(), 4, 2, 1, true));
        out.add(new TanhImpl());
        return out;
    }

    /** C×28×28 → Conv → w×14×14 → LReLU(0.2): one domain's input layer of the DCGAN-28 discriminators (no norm, as DCGAN's input layer). */
    private static LayerStack dcganInput(NetworkSpec spec) {
        LayerStack in = new LayerStack();
        in.add(Layers.conv(spec.shape().channels(), spec.width(), 4, 2, 1, true));
        in.add(Layers.leakyRelu(0.2));
        return in;
    }

    /** The family names {@link #create} accepts, in a fixed order. */
    public static List<String> families() {
        return Arrays.stream(Family.values()).map(Family::key).toList();
    }

    /** {@link #create(String, int, int, int, DiscriminatorNorm)} with DCGAN's BatchNorm in D's body. */
    public static CoGan create(String family, int latentDim, int channels, int width) {
        return create(family, latentDim, channels, width, DiscriminatorNorm.BATCH);
    }

    /**
     * Builds the coupled pair of {@code family} for {@value #SIDE}×{@value #SIDE} images, initialised as the
     * family's single networks are.
     *
     * @param family    {@code mlp} or {@code dcgan}
     * @param latentDim size of z, shared by both generators
     * @param channels  image channels (DCGAN: 1 or 3)
     * @param width     hidden units of the MLP, or base feature maps of the DCGAN
     * @param dNorm     the normalisation in the DCGAN discriminators' shared body (the MLP has none)
     * @throws BadInputException for an unknown family or images the family cannot build for
     */
    public static CoGan create(String family, int latentDim, int channels, int width, DiscriminatorNorm dNorm) {
        Family f = Family.of(family);
        if (latentDim < 1 || width < 1) {
            throw new IllegalArgumentException("latent size and width must be positive, got " + latentDim + " and " + width);
        }
        SampleShape shape = SampleShape.image(channels, SIDE, SIDE);
        Architectures.get(f.key()).checkSupports(shape);
        NetworkSpec spec = new NetworkSpec(shape, latentDim, width).withDiscriminatorNorm(dNorm);
        return new CoGan(f.key(), f.generators(spec), f.discriminators(spec));
    }

    /** The family's paper hyper-parameters, as its single-network {@link Architecture} declares them. */
    public Architecture.Defaults defaults() {
        return Architectures.get(family).defaults();
    }
}
