package org.gan4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Conv2dImpl;
import org.bytedeco.pytorch.EmbeddingImpl;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.SequentialImpl;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.gan4j.engine.Tensors;

/**
 * A network whose layers run as one libtorch {@code Sequential}: a forward pass is a single native
 * call however many layers there are, which matters at ~2 µs per call.
 */
public abstract class Network extends Module {
    private final SequentialImpl layers;
    /** Java references that keep the layers' native objects alive as long as the network (see {@link LayerStack}). */
    private final List<Module> keptLayers;
    /** The layers under spectral normalisation, refreshed before every forward; empty when off. */
    private final List<SpectralNorm> spectralNorms = new ArrayList<>();
    private boolean released;

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
        refreshSpectralNorms();
        return layers.forward(input);
    }

    /**
     * Sets every normalised layer's forward weight to W/σ (after one power-iteration step in training
     * mode). A sequential network does it in {@link #forward}; an assembled one before using its own layers.
     */
    void refreshSpectralNorms() {
        if (!spectralNorms.isEmpty()) {
            boolean training = is_training();
            for (SpectralNorm sn : spectralNorms) {
                sn.refresh(training);
            }
        }
    }

    /**
     * Puts every Linear and Conv2d layer under {@link SpectralNorm}; draws the power iteration's start
     * vectors from libtorch's generator. Parameters are unchanged; each layer gains two buffers.
     */
    void normaliseSpectrally() {
        if (!spectralNorms.isEmpty()) {
            throw new IllegalStateException("spectral normalisation is already applied");
        }
        for (Module m : keptLayers) {
            if (m instanceof LinearImpl || m instanceof Conv2dImpl) {
                normaliseSpectrally(m);
            }
        }
    }

    /** Puts one layer of this network (Linear, Conv2d or Embedding) under {@link SpectralNorm}, refreshed by {@link #refreshSpectralNorms}. */
    void normaliseSpectrally(Module layer) {
        if (layer instanceof LinearImpl l) {
            spectralNorms.add(new SpectralNorm(l, l.weight(), l::weight));
        } else if (layer instanceof Conv2dImpl c) {
            spectralNorms.add(new SpectralNorm(c, c.weight(), c::weight));
        } else if (layer instanceof EmbeddingImpl e) {
            spectralNorms.add(new SpectralNorm(e, e.weight(), e::weight));
        } else {
            throw new IllegalArgumentException("no spectral norm for " + layer.getClass().getSimpleName());
        }
    }

    /** The spectrally normalised layers, in forward order (empty when off); an assembled network adds its parts'. */
    List<SpectralNorm> spectralNorms() {
        return List.copyOf(spectralNorms);
    }

    /** The layers of a sequential network, in order (empty for an assembled one). */
    List<Module> layerList() {
        return keptLayers;
    }

    /**
     * Frees the network's native memory now rather than at a garbage collection, which a small Java
     * heap may not run for a whole process (ENGINE-NOTES, "Native memory"): the storage of every
     * parameter, gradient and buffer, including its parts' and its spectral norms' vectors, and what
     * the spectral norms hold (each layer's forward weight W/σ, their retained handles). Storage is emptied in place ({@code set_()}), so it is freed
     * however many handles to the tensors exist (an optimiser's list, a stray handle of an init loop);
     * the module objects themselves, a few hundred bytes each, go with their Java wrappers (closing a
     * layer's wrapper under a live Sequential is what {@link LayerStack} warns against).
     *
     * <p>The network holds no weights afterwards: use it no more. Calling it again does nothing.
     */
    public void release() {
        if (released) {
            return;
        }
        released = true;
        try (PointerScope scope = new PointerScope(); NoGradGuard guard = new NoGradGuard()) {
            for (TensorVector tensors : List.of(parameters(), buffers())) {
                for (long i = 0; i < tensors.size(); i++) {
                    Tensor t = tensors.get(i);
                    Tensor grad = t.grad();
                    if (grad.defined()) {
                        grad.set_();
                    }
                    t.set_();
                }
            }
        }
        for (SpectralNorm sn : spectralNorms()) {
            sn.release();
        }
    }

    /** Whether {@link #release()} freed this network. */
    public boolean released() {
        return released;
    }

    /** Number of trainable values. */
    public long parameterCount() {
        return Tensors.elementCount(parameters());
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
