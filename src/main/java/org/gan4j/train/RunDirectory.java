package org.gan4j.train;

import org.gan4j.config.TrainConfig;
import org.gan4j.config.ConfigFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gan4j.BadInputException;
import org.gan4j.data.Datasets;
import org.gan4j.data.ImageSides;
import org.gan4j.data.SampleShape;
import org.gan4j.io.AtomicFiles;

/**
 * The files of one training run:
 * <pre>
 *   config.json            resolved config + provenance
 *   metrics.csv            one row per step
 *   samples/step-NNNNNN.png  grids of the fixed noise batch
 *   checkpoints/last.pt    the whole training state (atomic)
 *   generator.pt           the final generator
 *   losses.png             loss and D-output curves
 *   .lock                  held by the process training the run ({@link RunLock})
 * </pre>
 */
public record RunDirectory(Path root) {
    public Path configFile() {
        return root.resolve("config.json");
    }

    public Path metricsFile() {
        return root.resolve("metrics.csv");
    }

    public Path samplesDir() {
        return root.resolve("samples");
    }

    public Path sampleGrid(long step) {
        return samplesDir().resolve(String.format("step-%06d.png", step));
    }

    public Path checkpoint() {
        return root.resolve("checkpoints").resolve("last.pt");
    }

    public Path generatorFile() {
        return root.resolve("generator.pt");
    }

    public Path lossPlot() {
        return root.resolve("losses.png");
    }

    /** The file whose OS lock the trainer of this run holds ({@link RunLock}). */
    public Path lockFile() {
        return root.resolve(".lock");
    }

    /** True when the directory already holds a run (its config.json). */
    public boolean exists() {
        return Files.isRegularFile(configFile());
    }

    /** Writes config.json: {"provenance": ..., "config": ...} (atomically). */
    public void writeConfig(TrainConfig config, Provenance provenance) {
        ObjectNode node = ConfigFiles.JSON.createObjectNode();
        node.set("provenance", ConfigFiles.JSON.valueToTree(provenance));
        node.set("config", ConfigFiles.toTree(config));
        try {
            AtomicFiles.write(configFile(), ConfigFiles.JSON.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The resolved config this run was started with. Runs written before {@code image-size} applied to
     * fixed-size datasets recorded the folder default (64) for every dataset, unused: for a dataset other
     * than a resized one the side is read from the shape the run trained on ({@link Provenance#shape()}), and
     * dropped for points, so such a run resolves to the side it was built for.
     */
    public TrainConfig readConfig() {
        ObjectNode config = section("config").deepCopy();
        String dataset = config.path("dataset").asText("fashion-mnist");
        ImageSides sides = Datasets.sides(dataset);
        if (sides.nativeShape() != null || !sides.images()) {
            SampleShape trained = sampleShape();
            if (!trained.image()) {
                config.remove("image-size");
            } else if (config.has("image-size") && config.get("image-size").asInt() != trained.height()) {
                config.put("image-size", trained.height());
            }
        }
        return ConfigFiles.fromTree(config, configFile().toString());
    }

    /** The provenance recorded when the run started. */
    public Provenance readProvenance() {
        try {
            return ConfigFiles.JSON.treeToValue(section("provenance"), Provenance.class);
        } catch (IOException e) {
            throw new BadInputException(configFile() + ": unreadable provenance: " + e.getMessage());
        }
    }

    /** The sample shape the run's generator was built for. */
    public SampleShape sampleShape() {
        return readProvenance().shape();
    }

    private JsonNode section(String name) {
        if (!exists()) {
            throw new BadInputException(root + " is not a gan4j run directory (no config.json)");
        }
        JsonNode node;
        try {
            node = ConfigFiles.JSON.readTree(configFile().toFile());
        } catch (IOException e) {
            throw new BadInputException(configFile() + " is not valid JSON: " + e.getMessage());
        }
        JsonNode s = node.get(name);
        if (s == null || !s.isObject()) {
            throw new BadInputException(configFile() + " has no '" + name + "' section");
        }
        return s;
    }
}
