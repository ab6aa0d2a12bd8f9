package org.gan4j.train;

import org.gan4j.config.TrainConfig;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.bytedeco.javacpp.PointerScope;
import org.gan4j.data.DatasetRequest;
import org.gan4j.data.SyntheticDatasets;
import org.gan4j.engine.ComputeDevice;
import org.gan4j.engine.Engine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MLP GAN learns the 8-Gaussian ring (Metz et al. 2017) within a small budget: at least 6 of the
 * 8 modes receive a sample within 3σ of their centre, out of 2,500 samples, the protocol of the
 * mode-collapse literature.
 */
class Ring8CoverageTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    @Test
    void mlpGanCoversMostModesOfTheRing() {
        TrainConfig config = TrainConfig.builder().model("mlp").dataset("ring8").steps(2000).batch(128).lrG(1e-3).lrD(1e-3)
                .beta1(0.5).seed(3).threads(1).out(tmp.resolve("ring").toString()).noise("normal").latentDim(16).width(128)
                .logEvery(500).sampleEvery(100_000).checkpointEvery(100_000).build();
        float[] points;
        try (Trainer t = Trainer.start(config, SyntheticDatasets.open(DatasetRequest.of("ring8")));
             PointerScope scope = new PointerScope()) {
            t.train(TrainingListener.NONE);
            points = t.generate(t.config().networks().latentNoise().sample(2500, 16, ComputeDevice.CPU));
        }
        int covered = modesCovered(points, SyntheticDatasets.modes("ring8"), SyntheticDatasets.sigma("ring8"));
        assertTrue(covered >= 6, "covered " + covered + " of 8 modes");
    }

    /** Modes with at least one 2-D point within 3σ of their centre. */
    static int modesCovered(float[] points, double[][] modes, double sigma) {
        boolean[] hit = new boolean[modes.length];
        for (int i = 0; i < points.length / 2; i++) {
            for (int k = 0; k < modes.length; k++) {
                double dx = points[2 * i] - modes[k][0];
                double dy = points[2 * i + 1] - modes[k][1];
                hit[k] |= Math.sqrt(dx * dx + dy * dy) <= 3 * sigma;
            }
        }
        int n = 0;
        for (boolean h : hit) {
            n += h ? 1 : 0;
        }
        return n;
    }
}
