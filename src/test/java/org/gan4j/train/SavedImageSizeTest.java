package org.gan4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gan4j.config.ConfigFiles;
import org.gan4j.config.TrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs written before {@code image-size} applied to fixed-size datasets recorded an unused 64: they read back
 * at the side they trained on, and a new padded run reads back at 32.
 */
class SavedImageSizeTest {
    @TempDir
    Path tmp;

    @Test
    void oldRunsReadAtTheSideTheyTrainedOn() throws Exception {
        Path dcgan = OldRunFixturesTest.fixtures().resolve("dcgan");
        assertEquals(64, ConfigFiles.JSON.readTree(dcgan.resolve("config.json").toFile()).get("config").get("image-size").asInt(),
                "the fixture recorded the folder default");
        TrainConfig c = new RunDirectory(dcgan).readConfig();
        assertEquals(28, c.data().imageSize());
        assertEquals(28, c.resolve().data().imageSize());
        TrainConfig ring = new RunDirectory(OldRunFixturesTest.fixtures().resolve("mlp-ring8")).readConfig();
        assertNull(ring.data().imageSize(), "points have no side");
        assertNull(ring.resolve().data().imageSize());
    }

    @Test
    void aPaddedRunReadsAt32AndAFolderRunAsItWasSaved() throws Exception {
        Path run = OldRunFixturesTest.copyOf("dcgan", tmp);
        ObjectNode node = (ObjectNode) ConfigFiles.JSON.readTree(run.resolve("config.json").toFile());
        ((ObjectNode) node.get("config")).put("image-size", 32);
        ((ObjectNode) node.get("provenance").get("shape")).put("height", 32).put("width", 32);
        Files.writeString(run.resolve("config.json"), ConfigFiles.JSON.writeValueAsString(node));
        assertEquals(32, new RunDirectory(run).readConfig().resolve().data().imageSize());

        ((ObjectNode) node.get("config")).put("dataset", "folder").put("image-size", 64);
        Files.writeString(run.resolve("config.json"), ConfigFiles.JSON.writeValueAsString(node));
        assertEquals(64, new RunDirectory(run).readConfig().data().imageSize(), "a folder run's side is its own key");
    }
}
