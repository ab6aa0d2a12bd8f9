package org.gan4j.train;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.gan4j.config.TrainConfig;
import org.gan4j.data.Dataset;
import org.gan4j.eval.EvalFixtures;

/** Tiny super-resolution runs for tests: 28×28 grayscale images, SRResNet of one block and width 8, ×2. */
public final class SrRuns {
    private SrRuns() {
    }

    /** {@code n} 28×28 grayscale PNGs (EvalFixtures' blobs), named 00.png, 01.png, ... */
    public static Path imageFolder(Path dir, int n) throws IOException {
        Files.createDirectories(dir);
        byte[] pixels = EvalFixtures.images(n, 1);
        for (int i = 0; i < n; i++) {
            BufferedImage im = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            for (int p = 0; p < 784; p++) {
                im.getRaster().setSample(p % 28, p / 28, 0, pixels[i * 784 + p] & 0xFF);
            }
            ImageIO.write(im, "png", dir.resolve(String.format("%02d.png", i)).toFile());
        }
        return dir;
    }

    /** An SRGAN run of {@code steps} steps on the folder {@code data}, the first {@code pretrain} of them SRResNet's. */
    public static TrainConfig config(Path out, Path data, long steps, long pretrain) {
        return TrainConfig.builder().model("srgan").dataset("folder").data(data.toString()).imageSize(28).channels(1)
                .scale(2).srBlocks(1).width(8).batch(8).content("pixel").srPretrainSteps(pretrain).steps(steps)
                .seed(5).threads(1).out(out.toString()).logEvery(100).sampleEvery(1000).checkpointEvery(4).build();
    }

    public static Dataset open(TrainConfig config) {
        return TrainingData.open(config.resolve(), m -> { });
    }

    /** Trains the run to its end. */
    public static Path train(TrainConfig config) {
        try (Trainer t = Trainer.start(config, open(config))) {
            t.train(TrainingListener.NONE);
        }
        return Path.of(config.run().out());
    }
}
