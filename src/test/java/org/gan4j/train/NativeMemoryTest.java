package org.gan4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.gan4j.config.TrainConfig;
import org.gan4j.data.Dataset;
import org.gan4j.engine.Engine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Trainer#close()} frees the run's native memory itself: networks, gradients, G's weight
 * average, optimiser states and the tensors kept for the run. Before it did, they waited for a
 * garbage collection, which a small Java heap may not run for a whole process.
 */
class NativeMemoryTest {
    /** Runs before the first measurement: allocator pools, the JIT and libtorch's lazy state settle. */
    static final int WARM_UP = 5;
    static final int RUNS = 20;
    /**
     * Growth allowed from run 5 to run 20. Measured on 2 cores: +207 MB when close() left the networks,
     * gradients, weight averages and Adam's moments to the GC; about +10 MB since it frees them.
     */
    static final long MARGIN_MB = 40;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    /** 64 random 28×28 images with labels 0..3 in turn. */
    static Dataset images() {
        return ConditionalTrainingTest.labelled();
    }

    /**
     * The resident set of this process in MB, after handing the allocator's free pages back to the
     * system (malloc_trim): what is counted is memory still allocated, not free blocks glibc keeps.
     */
    static long residentMb() throws IOException {
        Pointer.trimMemory();
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    /** Run {@code i}'s config: in turn plain with an EMA, spectral norm with RMSprop, conditional, InfoGAN. */
    private TrainConfig config(int i) {
        TrainConfig.Builder b = TrainConfig.builder().model("mlp").dataset("tiny-labelled").steps(4).batch(16).seed(i).threads(1)
                .out(tmp.resolve("run-" + i).toString()).latentDim(16).width(1024).logEvery(4).sampleEvery(100).checkpointEvery(100);
        return switch (i % 4) {
            case 0 -> b.emaDecay(0.99).build();
            case 1 -> b.spectralNorm(true).optimizer("rmsprop").build();
            case 2 -> b.conditional(true).conditioning("projection").build();
            default -> b.model("infogan").width(8).build();
        };
    }

    /** What close() promises, network by network: every parameter, gradient and buffer emptied; a second close does nothing. */
    @Test
    void closeEmptiesEveryTensorOfEveryNetwork() {
        TrainConfig c = TrainConfig.builder().model("mlp").dataset("tiny-labelled").steps(2).batch(16).seed(1).threads(1)
                .out(tmp.resolve("one").toString()).latentDim(16).width(32).emaDecay(0.9).spectralNorm(true).build();
        Trainer t = Trainer.start(c, images());
        t.train(TrainingListener.NONE);
        List<org.gan4j.nn.Network> networks = List.of(t.generator(), t.averagedGenerator(), t.discriminator());
        for (org.gan4j.nn.Network n : networks) {
            assertTrue(n.parameterCount() > 0);
        }
        t.close();
        t.close();
        for (org.gan4j.nn.Network n : networks) {
            assertTrue(n.released());
            for (var tensors : List.of(n.parameters(), n.buffers())) {
                for (long i = 0; i < tensors.size(); i++) {
                    assertEquals(0, tensors.get(i).numel(), "tensor " + i + " of " + n.getClass().getSimpleName());
                    assertTrue(!tensors.get(i).grad().defined() || tensors.get(i).grad().numel() == 0);
                }
            }
        }
    }

    @Test
    void sequentialRunsGiveBackTheirNativeMemoryOnClose() throws IOException {
        Dataset data = images();
        // Closed trainers stay reachable, so no garbage collection can free what close() left: the
        // measurement does not depend on when the GC happens to run, and a leak shows every time.
        List<Trainer> closed = new ArrayList<>();
        long afterWarmUp = 0;
        List<Long> resident = new ArrayList<>();
        for (int i = 1; i <= RUNS; i++) {
            try (Trainer t = Trainer.start(config(i), data)) {
                t.train(TrainingListener.NONE);
                closed.add(t);
            }
            resident.add(residentMb());
            if (i == WARM_UP) {
                afterWarmUp = resident.get(i - 1);
            }
        }
        long growth = resident.get(RUNS - 1) - afterWarmUp;
        assertTrue(growth < MARGIN_MB, "resident set grew by " + growth + " MB from run " + WARM_UP + " to run " + RUNS
                + " (MB after each run: " + resident + ")");

    }
}
