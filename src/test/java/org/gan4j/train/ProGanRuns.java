package org.gan4j.train;

import java.io.IOException;
import java.nio.file.Path;
import org.gan4j.config.TrainConfig;
import org.gan4j.data.Dataset;

/**
 * Tiny progressive runs for tests: 16 grayscale images resized to 32×32 from a folder, widths of 4, batch 4 and a
 * schedule in tens of images, so a run passes 4→8→16→32 with fade-ins in a few dozen steps.
 */
public final class ProGanRuns {
    /** Images per fade-in and per stable phase: 8 steps of batch 4 each. */
    static final double KIMG = 0.032;

    private ProGanRuns() {
    }

    public static Path imageFolder(Path dir) throws IOException {
        return SrRuns.imageFolder(dir, 16);
    }

    /** A run of {@code steps}: stable 4×4 for steps 0-7, 8×8 fades in over 8-15, is stable 16-23, 16×16 fades in 24-31... */
    public static TrainConfig.Builder builder(Path out, Path data, long steps) {
        return TrainConfig.builder().model("progan").dataset("folder").data(data.toString()).imageSize(32).channels(1)
                .width(4).latentDim(8).batch(4).fadeKimg(KIMG).stableKimg(KIMG).steps(steps)
                .seed(11).threads(1).out(out.toString()).logEvery(1).sampleEvery(1000).checkpointEvery(4);
    }

    public static Dataset open(TrainConfig config) {
        return TrainingData.open(config.resolve(), m -> { });
    }
}
