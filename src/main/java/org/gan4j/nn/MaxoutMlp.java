package org.gan4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.Tensor;

/**
 * A stack of linear maxout layers (Goodfellow et al. 2013): each maps B × in to B × (units·pieces)
 * with one Linear, views it as B × units × pieces and keeps the largest piece, B × units. The
 * hidden part of the discriminator of PacGAN's 2-D experiments (three layers, 200 units, 5 pieces).
 * Maxout is not a libtorch module, so this network is assembled: its forward runs the layers itself.
 */
final class MaxoutMlp extends Network {
    private final List<LinearImpl> linears = new ArrayList<>();
    private final long units;
    private final long pieces;

    /**
     * @param inputs the flattened sample's size
     * @param units  maxout units per layer (the output's size)
     * @param layers number of maxout layers, at least 1
     * @param pieces linear pieces each unit takes the maximum of, at least 1
     */
    MaxoutMlp(long inputs, long units, int layers, int pieces) {
        if (layers < 1 || pieces < 1 || units < 1) {
            throw new IllegalArgumentException("maxout: " + layers + " layers of " + units + " units, " + pieces + " pieces");
        }
        this.units = units;
        this.pieces = pieces;
        long in = inputs;
        for (int i = 0; i < layers; i++) {
            linears.add(register_module("maxout" + i, Layers.linear(in, units * pieces)));
            in = units;
        }
    }

    /** Size of the output, B × {@code units}. */
    long units() {
        return units;
    }

    /** x: B × ... (flattened) → B × units. */
    @Override
    public Tensor forward(Tensor x) {
        refreshSpectralNorms();
        Tensor h = x.flatten(1, -1);
        for (LinearImpl l : linears) {
            h = l.forward(h).view(h.size(0), units, pieces).amax(new long[] {2}, false);   // B×units
        }
        return h;
    }

    @Override
    void normaliseSpectrally() {
        for (LinearImpl l : linears) {
            normaliseSpectrally(l);
        }
    }
}
