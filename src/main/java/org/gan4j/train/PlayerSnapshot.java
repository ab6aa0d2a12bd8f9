package org.gan4j.train;

import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.gan4j.engine.ParameterOptimizer;

/**
 * A player as it is now: copies of its network's parameters and buffers (BatchNorm statistics,
 * spectral norms' vectors) and of its optimiser's state, which {@link #restore()} writes back in place.
 * The unrolled GAN's look-ahead steps are taken on the player itself and undone with it, which
 * leaves the player bit for bit as it was (its tensors stay the same objects, so the optimiser's
 * parameter lists stay valid).
 */
final class PlayerSnapshot implements AutoCloseable {
    private final TensorVector live;
    private final Tensor[] saved;
    private final ParameterOptimizer.State optimiser;

    private PlayerSnapshot(TensorVector live, Tensor[] saved, ParameterOptimizer.State optimiser) {
        this.live = live;
        this.saved = saved;
        this.optimiser = optimiser;
    }

    /** Copies {@code player}'s parameters, buffers and optimiser state. */
    static PlayerSnapshot of(Player player) {
        TensorVector live = new TensorVector(player.network().parameters().get());
        for (Tensor b : player.network().buffers().get()) {
            live.push_back(b);
        }
        Tensor[] saved = new Tensor[(int) live.size()];
        try (NoGradGuard guard = new NoGradGuard()) {
            for (int i = 0; i < saved.length; i++) {
                saved[i] = live.get(i).clone();
            }
        }
        return new PlayerSnapshot(live, saved, player.optimizer().snapshot());
    }

    /** Writes the copies back into the player's own tensors and its optimiser. */
    void restore() {
        try (NoGradGuard guard = new NoGradGuard()) {
            for (int i = 0; i < saved.length; i++) {
                live.get(i).copy_(saved[i]);
            }
        }
        optimiser.restore();
    }

    /** Frees the copies. */
    @Override
    public void close() {
        for (Tensor t : saved) {
            t.close();
        }
        optimiser.close();
        live.close();
    }
}
