package org.gan4j.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
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

    /**
     * The state as libtorch serialises it, held as bytes (the presets write archives to files only, so it passes
     * through a temporary file); {@link State#restore()} loads it back. Slower than {@link FusedAdam}'s tensor
     * copies, which is fine for what uses it: unrolled look-ahead steps with RMSprop.
     */
    @Override
    public State snapshot() {
        byte[] bytes;
        try {
            Path tmp = Files.createTempFile("gan4j-optimizer", ".pt");
            try (OutputArchive archive = new OutputArchive()) {
                optimizer.save(archive);
                archive.save_to(tmp.toString());
                bytes = Files.readAllBytes(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep a snapshot of the optimiser's state", e);
        }
        return new State() {
            @Override
            public void restore() {
                try (InputArchive archive = new InputArchive(); BytePointer data = new BytePointer(bytes)) {
                    archive.load_from(data, bytes.length);
                    optimizer.load(archive);
                }
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void close() {
        optimizer.close();   // its state (RMSprop's square averages) now, not at a garbage collection that may never run
    }
}
