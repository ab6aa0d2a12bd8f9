package org.gan4j.dashboard;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** A folder of runs as the trainer leaves them (config.json, metrics.csv, samples/), and a secret file beside it. */
final class RunsFixture {
    private RunsFixture() {
    }

    /**
     * {@code tmp/runs/ring8} (finished, 300 steps, grids at 0 and 300, a loss plot and a traversal picture at its top
     * level) and {@code tmp/secret.txt} outside the folder.
     */
    static Path create(Path tmp) throws IOException {
        Path runs = Files.createDirectories(tmp.resolve("runs"));
        Path run = Files.createDirectories(runs.resolve("ring8"));
        Files.writeString(run.resolve("config.json"), """
                {"provenance": {"gan4j": "test"}, "config": {"model": "mlp", "dataset": "ring8", "steps": 300, "log-every": 50}}
                """);
        StringBuilder csv = new StringBuilder("step,d_loss,g_loss,d_real,d_fake,grad_norm_d,grad_norm_g,images_per_s\n");
        for (int s = 1; s <= 300; s++) {
            csv.append(s).append(',').append(1.4 - s / 1000.0).append(',').append(0.7 + Math.sin(s / 30.0) / 5).append(",0.5,0.49,")
                    .append(s / 300.0).append(',').append(1 - s / 600.0).append(",25000\n");
        }
        Files.writeString(run.resolve("metrics.csv"), csv);
        Path samples = Files.createDirectories(run.resolve("samples"));
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(img, "png", samples.resolve("step-000000.png").toFile());
        ImageIO.write(img, "png", samples.resolve("step-000300.png").toFile());
        ImageIO.write(img, "png", run.resolve("loss.png").toFile());
        ImageIO.write(new BufferedImage(16, 8, BufferedImage.TYPE_INT_RGB), "png", run.resolve("traversal-c1.png").toFile());
        Files.writeString(run.resolve("notes.txt"), "not a picture");
        Files.writeString(tmp.resolve("secret.txt"), "SECRET");
        return runs;
    }
}
