package org.gan4j.nn;

import java.util.List;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.SequentialImpl;
import org.bytedeco.pytorch.Tensor;

/**
 * A network whose layers run as one libtorch {@code Sequential}: a forward pass is a single native
 * call however many layers there are, which matters at ~2 µs per call.
 */
public abstract class Network extends Module {
    private final SequentialImpl layers;
    /** Java references that keep the layers' native objects alive as long as the network (see {@link LayerStack}). */
    private final List<Module> keptLayers;

    Network(LayerStack stack) {
        this.layers = register_module("layers", stack.sequential());
        this.keptLayers = stack.layers();
    }

    /**
     * For a network assembled from several parts (a conditional or InfoGAN pair): the subclass
     * registers its parts, keeps Java references to them and overrides {@link #forward}.
     */
    Network() {
        this.layers = null;
        this.keptLayers = List.of();
    }

    public Tensor forward(Tensor input) {
        return layers.forward(input);
    }

    /** The layers of a sequential network, in order (empty for an assembled one). */
    List<Module> layerList() {
        return keptLayers;
    }

    /** Number of trainable values. */
    public long parameterCount() {
        long n = 0;
        var params = parameters();
        for (long i = 0; i < params.size(); i++) {
            n += params.get(i).numel();
        }
        return n;
    }

    /** Xavier-normal weights and zero biases (Glorot & Bengio 2010), the vanilla GAN's init. */
    public void initXavier() {
        WeightInit.XAVIER.apply(this);
    }

    /**
     * DCGAN's init (Radford et al. 2016, §4): convolution and linear weights ~ N(0, 0.02),
     * BatchNorm scales ~ N(1, 0.02), all biases and shifts 0.
     */
    public void initDcgan() {
        WeightInit.DCGAN.apply(this);
    }
}
