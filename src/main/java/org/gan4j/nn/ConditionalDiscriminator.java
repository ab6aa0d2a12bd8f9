package org.gan4j.nn;

import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.pytorch.EmbeddingImpl;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * D for a class-conditional GAN, assembled from an architecture's {@link DiscriminatorBody} φ and an
 * output layer ψ: F → 1:
 * <pre>
 *   concat:     D(x, y) = ψ(φ([x, embed(y)]))           embed: K × K, broadcast as K extra channels
 *                                                        (DCGAN) or appended features (MLP)
 *   projection: D(x, y) = ψ(φ(x)) + ⟨embed(y), φ(x)⟩    embed: K × F  (Miyato &amp; Koyama 2018, eq. 3)
 *   acgan:      D(x) = ψ(φ(x)),  class logits = W_c φ(x) (B × K)   (Odena et al. 2017)
 * </pre>
 * The body, ψ and the classifier take the family's initialisation; the concat embedding starts
 * ~ N(0, 1) like z, the projection embedding like a linear weight.
 *
 * <p>Spectral normalisation covers the body, ψ, the classifier and the projection embedding (whose
 * K × F matrix Miyato &amp; Koyama normalise too); the concat embedding is an input, not a layer, and stays free.
 */
public final class ConditionalDiscriminator extends Discriminator {
    private final int classes;
    private final Conditioning conditioning;
    private final DiscriminatorBody body;
    private final LinearImpl output;
    /** concat: K × K; projection: K × F; acgan: null. */
    private final EmbeddingImpl embedding;
    /** acgan's auxiliary classifier F → K, or null. */
    private final LinearImpl classifier;
    private final LabelledView view;

    private ConditionalDiscriminator(Architecture architecture, NetworkSpec spec) {
        this.classes = spec.classes();
        this.conditioning = spec.conditioning();
        boolean concat = conditioning == Conditioning.CONCAT;
        this.body = register_module("body", architecture.discriminatorBody(spec.body(spec.latentDim()), concat ? classes : 0));
        long f = body.features();
        this.output = register_module("output", new LinearImpl(f, 1));
        this.embedding = switch (conditioning) {
            case CONCAT -> register_module("embedding", new EmbeddingImpl(classes, classes));
            case PROJECTION -> register_module("embedding", new EmbeddingImpl(classes, f));
            case ACGAN -> null;
        };
        this.classifier = conditioning == Conditioning.ACGAN ? register_module("classifier", new LinearImpl(f, classes)) : null;
        body.init().apply(output);
        if (classifier != null) {
            body.init().apply(classifier);
        }
        if (conditioning == Conditioning.PROJECTION) {
            body.init().apply(embedding);
        }
        this.view = new LabelledView(this);
    }

    static ConditionalDiscriminator build(Architecture architecture, NetworkSpec spec) {
        if (spec.classes() < 2) {
            throw new IllegalArgumentException("a conditional discriminator needs at least 2 classes, got " + spec.classes());
        }
        return new ConditionalDiscriminator(architecture, spec);
    }

    @Override
    void normaliseSpectrally() {
        body.normaliseSpectrally();
        normaliseSpectrally(output);
        if (classifier != null) {
            normaliseSpectrally(classifier);
        }
        if (conditioning == Conditioning.PROJECTION) {
            normaliseSpectrally(embedding);
        }
    }

    @Override
    List<SpectralNorm> spectralNorms() {
        return Stream.concat(body.spectralNorms().stream(), super.spectralNorms().stream()).toList();
    }

    @Override
    public Tensor forward(Tensor x) {
        refreshSpectralNorms();       // the heads'; the body refreshes its own layers
        if (conditioning == Conditioning.ACGAN) {
            return output.forward(body.forward(x));
        }
        throw new IllegalStateException("a conditional discriminator needs labels: judge(x, labels)");
    }

    /**
     * @param x      the batch
     * @param labels B class indices (int64); AC-GAN's D does not read them (its classifier predicts them)
     */
    @Override
    public Output judge(Tensor x, Tensor labels) {
        if (labels == null) {
            throw new IllegalArgumentException("a conditional discriminator needs labels");
        }
        refreshSpectralNorms();
        return switch (conditioning) {
            case CONCAT -> new Output(output.forward(body.forward(body.withInputs(x, embedding.forward(labels)))), null);
            case PROJECTION -> {
                Tensor phi = body.forward(x);                                                   // B×F
                Tensor projection = embedding.forward(labels).mul(phi).sum(new long[] {1}, true, new ScalarTypeOptional()); // ⟨embed(y), φ(x)⟩: B×1
                yield new Output(output.forward(phi).add(projection), null);
            }
            case ACGAN -> {
                Tensor phi = body.forward(x);
                yield new Output(output.forward(phi), classifier.forward(phi));                  // B×1, B×K
            }
        };
    }

    @Override
    public Discriminator given(Tensor labels) {
        view.labels = labels;
        return view;
    }

    @Override
    public int classes() {
        return classes;
    }

    public Conditioning conditioning() {
        return conditioning;
    }

    /** D(·, y) for fixed labels, reused across calls; it owns no parameters. */
    private static final class LabelledView extends Discriminator {
        private final ConditionalDiscriminator owner;
        private Tensor labels;

        LabelledView(ConditionalDiscriminator owner) {
            this.owner = owner;
        }

        @Override
        public Tensor forward(Tensor x) {
            return owner.judge(x, labels).logits();
        }
    }
}
