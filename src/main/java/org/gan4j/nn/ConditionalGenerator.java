package org.gan4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.BatchNorm1dImpl;
import org.bytedeco.pytorch.BatchNorm2dImpl;
import org.bytedeco.pytorch.EmbeddingImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.SequentialImpl;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * G(z, y): a class-conditional generator assembled from an architecture's own generator, in one
 * of two ways.
 * <ul>
 *   <li>Label embedding at the input ({@code concat} and {@code acgan}; Mirza &amp; Osindero 2014):
 *       G(z, y) = body([z, embed(y)]), the body being the family's generator for a latent of
 *       latentDim + K values and embed a learned K × K table (as PyTorch-GAN's cGAN and AC-GAN).</li>
 *   <li>Conditional BatchNorm ({@code projection}; Miyato &amp; Koyama 2018): the family's generator
 *       with every BatchNorm replaced by a {@link ConditionalBatchNorm}, so the label sets each
 *       normalisation's scale and shift. A body without BatchNorm (the MLP's) falls back to the
 *       input embedding.</li>
 * </ul>
 * The forward pass runs the body's layers as Sequential segments between the conditional norms.
 */
public final class ConditionalGenerator extends Generator {
    private final int classes;
    private final Conditioning conditioning;
    /** Label embedding concatenated with z, or null (conditional BatchNorm). */
    private final EmbeddingImpl embedding;
    private final List<SequentialImpl> segments = new ArrayList<>();
    private final List<ConditionalBatchNorm> norms = new ArrayList<>();
    /** Java references to every layer (see {@link LayerStack}). */
    private final List<Object> kept = new ArrayList<>();

    private ConditionalGenerator(Generator body, NetworkSpec spec, boolean normed) {
        super(spec.latentDim(), body.sampleShape(), body.outputRange());
        this.classes = spec.classes();
        this.conditioning = spec.conditioning();
        this.embedding = normed ? null : register_module("embedding", new EmbeddingImpl(classes, classes));
        LayerStack segment = new LayerStack();
        for (Module layer : body.layerList()) {
            if (normed && (layer instanceof BatchNorm1dImpl || layer instanceof BatchNorm2dImpl)) {
                addSegment(segment);
                segment = new LayerStack();
                norms.add(register_module("norm" + norms.size(), new ConditionalBatchNorm(layer, classes)));
            } else {
                segment.addAny(layer);
            }
        }
        addSegment(segment);
        kept.addAll(norms);
    }

    private void addSegment(LayerStack stack) {
        segments.add(register_module("segment" + segments.size(), stack.sequential()));
        kept.add(stack);
    }

    /** Builds the conditional version of {@code architecture}'s generator for {@code spec} (classes > 0). */
    static ConditionalGenerator build(Architecture architecture, NetworkSpec spec) {
        if (spec.classes() < 2) {
            throw new IllegalArgumentException("a conditional generator needs at least 2 classes, got " + spec.classes());
        }
        if (spec.conditioning() == Conditioning.PROJECTION) {
            Generator plain = architecture.generator(spec.body(spec.latentDim()));
            if (hasBatchNorm(plain)) {
                return new ConditionalGenerator(plain, spec, true);
            }
        }
        Generator body = architecture.generator(spec.body(spec.latentDim() + spec.classes()));
        return new ConditionalGenerator(body, spec, false);
    }

    private static boolean hasBatchNorm(Generator g) {
        return g.layerList().stream().anyMatch(m -> m instanceof BatchNorm1dImpl || m instanceof BatchNorm2dImpl);
    }

    @Override
    public Tensor forward(Tensor z) {
        throw new IllegalStateException("a conditional generator needs labels: forward(z, labels)");
    }

    /**
     * @param z      B × latentDim
     * @param labels B class indices in [0, classes), int64
     */
    @Override
    public Tensor forward(Tensor z, Tensor labels) {
        if (labels == null) {
            throw new IllegalArgumentException("a conditional generator needs labels");
        }
        Tensor x = embedding == null ? z : torch.cat(new TensorVector(z, embedding.forward(labels)), 1); // B×(latent+K)
        for (int i = 0; i < segments.size(); i++) {
            x = segments.get(i).forward(x);
            if (i < norms.size()) {
                x = norms.get(i).forward(x, labels);
            }
        }
        return x;
    }

    @Override
    public int classes() {
        return classes;
    }

    public Conditioning conditioning() {
        return conditioning;
    }

    /** Whether the label sets G's BatchNorm scales and shifts (else it is embedded at the input). */
    public boolean conditionalNorm() {
        return embedding == null;
    }
}
