package org.gan4j.engine;

import org.bytedeco.pytorch.InputArchive;
import org.bytedeco.pytorch.OutputArchive;

/**
 * What the trainer and its checkpoints need of an optimiser: clear the gradients, take a step, and
 * write or restore the state a resumed run continues from. {@link Optimizers#create} makes them.
 *
 * <p>Implementations hold native tensors for the whole run (moments, step counts); they are created
 * outside any per-step memory scope and freed by {@link #close()}.
 */
public interface ParameterOptimizer extends AutoCloseable {
    /** Drops every parameter's gradient (set to undefined, as PyTorch's {@code zero_grad(set_to_none=True)}). */
    void zeroGrad();

    /** One update of every parameter that has a gradient; parameters without one are left alone. */
    void step();

    /** Writes the optimiser's state (moments, step counts, options) into {@code archive}. */
    void save(OutputArchive archive);

    /** Restores the state {@link #save} wrote, for the same parameters in the same order. */
    void load(InputArchive archive);

    @Override
    void close();

    /**
     * A copy of the state that {@link #step()} changes (moments, step counts), for look-ahead steps that
     * must be undone (unrolled GAN); its {@link State#restore()} puts the copy back.
     */
    State snapshot();

    /** An optimiser's state at {@link #snapshot()}; closing it frees the copy. */
    interface State extends AutoCloseable {
        /** Puts the optimiser back to the state it had at the snapshot (in place: its tensors stay the same objects). */
        void restore();

        @Override
        void close();
    }
}
