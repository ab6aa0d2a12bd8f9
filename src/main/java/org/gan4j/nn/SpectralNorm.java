package org.gan4j.nn;

import java.util.function.Consumer;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.NormalizeFuncOptions;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Spectral normalisation of one layer's weight (Miyato, Kataoka, Koyama &amp; Yoshida 2018): the layer
 * computes with W/σ(W), σ the largest singular value of W viewed as a matrix (out × in·k·k),
 * estimated by power iteration, which bounds the layer's Lipschitz constant by 1.
 *
 * <p>The layer's registered {@code weight} parameter stays the trained W (PyTorch's
 * {@code weight_orig}): the optimiser, the checkpoint, weight clipping and the parameter count see it
 * unchanged. What the layer's native forward reads is its {@code weight} member, which {@link #refresh}
 * replaces before every forward by W/σ, a tensor with a graph back to W. The vectors u (out) and v
 * (in·k·k) are buffers {@code weight_u} and {@code weight_v} of the layer, so they move with
 * {@code to(device)} and are saved in checkpoints.
 *
 * <p>As in PyTorch: each forward in training mode first takes one power-iteration step without a
 * graph, v ← normalize(Wᵀu), u ← normalize(Wv); then σ = uᵀWv with the gradient flowing through W
 * only. In eval mode u and v are used as stored, so evaluation does not change the state.
 */
final class SpectralNorm {
    /** Power-iteration steps taken when the normalisation is applied, so σ is accurate from the first forward (PyTorch takes 15). */
    static final int WARM_UP_STEPS = 15;

    /** Kept so the native layer lives at least as long as this object (see {@link LayerStack}). */
    private final Module layer;
    /** The registered parameter W, out × in (× k × k): an owning handle, not the layer's member. */
    private final Tensor weight;
    private final Consumer<Tensor> setForwardWeight;
    private final Tensor u;
    private final Tensor v;
    private final NormalizeFuncOptions unitLength;
    private boolean released;

    /**
     * Applies the normalisation to {@code layer}, whose current forward weight is {@code forwardWeight}
     * and whose forward weight {@code setForwardWeight} replaces. Draws u and v from libtorch's generator.
     */
    SpectralNorm(Module layer, Tensor forwardWeight, Consumer<Tensor> setForwardWeight) {
        this.layer = layer;
        this.weight = new Tensor(forwardWeight);   // copies the handle, so later member writes leave it on W
        weight.retainReference();
        this.setForwardWeight = setForwardWeight;
        this.unitLength = new NormalizeFuncOptions();
        unitLength.dim().put(0L);                  // u and v are vectors: normalise along their only dimension
        unitLength.retainReference();
        try (NoGradGuard guard = new NoGradGuard()) {
            long rows = weight.size(0);
            long cols = weight.numel() / rows;
            this.u = torch.normalize(torch.randn(new long[] {rows}, weight.options()), unitLength);
            this.v = torch.normalize(torch.randn(new long[] {cols}, weight.options()), unitLength);
            u.retainReference();
            v.retainReference();
            layer.register_buffer("weight_u", u);
            layer.register_buffer("weight_v", v);
            for (int i = 0; i < WARM_UP_STEPS; i++) {
                powerIteration();
            }
        }
    }

    /** W as a matrix, out × in·k·k (a view: gradients reach W). */
    private Tensor matrix() {
        return weight.reshape(weight.size(0), -1);
    }

    /** One step v ← normalize(Wᵀu), u ← normalize(Wv), written into the buffers in place (no graph). */
    private void powerIteration() {
        try (NoGradGuard guard = new NoGradGuard()) {
            Tensor w = matrix();
            v.copy_(torch.normalize(torch.mv(w.t(), u), unitLength));
            u.copy_(torch.normalize(torch.mv(w, v), unitLength));
        }
    }

    /**
     * Sets the layer's forward weight to W/σ before a forward pass; in training mode after one
     * power-iteration step. Returns σ.
     */
    Tensor refresh(boolean training) {
        if (training) {
            powerIteration();
        }
        // σ = uᵀWv with u, v constants. Clones, because the next forward updates the buffers in place
        // while this forward's graph still needs them for its backward pass.
        Tensor sigma = torch.dot(u.clone(), torch.mv(matrix(), v.clone()));
        setForwardWeight.accept(weight.div(sigma));
        return sigma;
    }

    /** The current estimate σ = uᵀWv (no graph, no update). */
    double sigma() {
        try (NoGradGuard guard = new NoGradGuard()) {
            return torch.dot(u, torch.mv(matrix(), v)).item_double();
        }
    }

    /** The trained weight W (what PyTorch calls {@code weight_orig}). */
    Tensor weight() {
        return weight;
    }

    Module layer() {
        return layer;
    }

    /**
     * Frees what this normalisation holds: the layer's forward weight W/σ (a full-size tensor with a
     * graph back to W, which is no parameter or buffer of the layer) and what the constructor retained
     * (W's handle, u, v, the options). W, u and v themselves are the network's to free.
     */
    void release() {
        if (released) {
            return;
        }
        released = true;
        setForwardWeight.accept(new Tensor());
        weight.releaseReference();
        u.releaseReference();
        v.releaseReference();
        unitLength.releaseReference();
    }
}
