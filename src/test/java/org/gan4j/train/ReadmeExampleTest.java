package org.gan4j.train;

import org.gan4j.config.TrainConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.gan4j.data.Dataset;
import org.gan4j.data.DatasetRequest;
import org.gan4j.data.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java example, compiled and run so that it cannot rot. Keep the two in step. */
class ReadmeExampleTest {
    @TempDir
    Path tmp;

    @Test
    void readmeExampleTrainsAndSamples() {
        String runDir = tmp.resolve("ring8").toString();
        long steps = 300;
        // --- README example starts ---
        TrainConfig config = TrainConfig.builder()
                .model("mlp").dataset("ring8").steps(steps)
                .noise("normal").latentDim(16).beta1(0.5)
                .out(runDir)
                .build();
        Dataset ring = Datasets.open(DatasetRequest.of("ring8"));
        try (Trainer trainer = Trainer.start(config, ring)) {
            TrainingResult result = trainer.train(event -> {      // a RunListener of the run's events
                if (event instanceof RunEvent.StepEnded s && s.step() % 100 == 0) {
                    System.out.println(s.step() + " " + s.stats().scalars());   // {d_loss=…, g_loss=…, d_real=…, …}
                }
            });
            System.out.printf("%d steps, D(x) %.2f, D(G(z)) %.2f%n",
                    result.steps(), result.last().scalars().get("d_real"), result.last().dFake());
        }
        TrainedGenerator g = TrainedGenerator.load(Path.of(runDir));
        float[] points = g.sample(1000, 7);   // 1000 × 2 values
        // --- README example ends ---
        assertEquals(2000, points.length);
    }
}
