package org.gan4j.engine;

import org.bytedeco.pytorch.InputArchive;
import org.bytedeco.pytorch.Optimizer;
import org.bytedeco.pytorch.OutputArchive;

/** A libtorch optimiser ({@code torch::optim::RMSprop}, the reference Adam) behind {@link ParameterOptimizer}. */
public final class TorchOptimizer implements ParameterOptimizer {
    private final Optimizer optimizer;

    public TorchOptimizer(Optimizer optimizer) {
        this.optimizer = optimizer;
    }

    @Override
    public void zeroGrad() {
        optimizer.zero_grad();
    }

    @Override
    public void step() {
        optimizer.step();
    }

    @Override
    public void save(OutputArchive archive) {
        optimizer.save(archive);
    }

    @Override
    public void load(InputArchive archive) {
        optimizer.load(archive);
    }

    @Override
    public void close() {
        optimizer.close();   // its state (RMSprop's square averages) now, not at a garbage collection that may never run
    }
}
