package org.gan4j.nn;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * A discriminator without its output layer: φ(x), B × {@link #features()}, the shared body that
 * conditional, AC-GAN and InfoGAN heads sit on. Built by an {@link Architecture} with room for
 * extra inputs (a label embedding): channels broadcast over the image for a convolutional body,
 * features appended to the flattened sample for an MLP.
 */
public final class DiscriminatorBody extends Network {
    private final long features;
    private final int extraInputs;
    private final boolean spatial;
    private final WeightInit init;

    /**
     * @param features    size of φ(x)
     * @param extraInputs channels (spatial) or features (flat) the body takes beyond the sample
     * @param spatial     whether extra inputs are channels over the image rather than flat features
     * @param init        the family's initialisation, applied to the body and to heads on it
     */
    DiscriminatorBody(LayerStack layers, long features, int extraInputs, boolean spatial, WeightInit init) {
        super(layers);
        this.features = features;
        this.extraInputs = extraInputs;
        this.spatial = spatial;
        this.init = init;
        init.apply(this);
    }

    /** Size of φ(x). */
    public long features() {
        return features;
    }

    /** The body's input for samples {@code x} with extra inputs {@code extra} (B × extraInputs). */
    Tensor withInputs(Tensor x, Tensor extra) {
        if (extra.size(1) != extraInputs) {
            throw new IllegalArgumentException("body takes " + extraInputs + " extra inputs, got " + extra.size(1));
        }
        if (spatial) {
            // B×E → B×E×H×W: the embedding repeated at every pixel, stacked under the image's channels.
            long[] shape = {x.size(0), extra.size(1), x.size(2), x.size(3)};
            Tensor maps = extra.view(x.size(0), extra.size(1), 1, 1).expand(shape);
            return torch.cat(new TensorVector(x, maps), 1);
        }
        return torch.cat(new TensorVector(x.flatten(1, -1), extra), 1);
    }

    WeightInit init() {
        return init;
    }
}
