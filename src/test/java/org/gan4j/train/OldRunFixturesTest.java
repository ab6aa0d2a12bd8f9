package org.gan4j.train;

import org.gan4j.config.TrainConfig;
import org.gan4j.config.ConfigFiles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.gan4j.data.Dataset;
import org.gan4j.data.DatasetRequest;
import org.gan4j.data.Datasets;
import org.gan4j.engine.Engine;
import org.gan4j.report.MetricsLog;
import org.gan4j.report.MetricsTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs written by the releases before the players/game-step core (checkpoint format 1, see
 * {@code fixtures/v1/README.md}) still load, sample what that code sampled, and resume to the same
 * rows and weights. The expected values were computed by the code that wrote the files.
 */
class OldRunFixturesTest {


    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    static Path fixtures() {
        try {
            return Path.of(OldRunFixturesTest.class.getResource("/org/gan4j/fixtures/v1").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy of the fixture run {@code name}, so a test never changes the fixture itself. */
    static Path copyOf(String name, Path into) throws IOException {
        Path from = fixtures().resolve(name);
        Path to = into.resolve(name);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return to;
    }

    static Dataset dataOf(Path run) {
        String dataset = new RunDirectory(run).readConfig().data().dataset();
        if (dataset.equals("ring8")) {
            return Datasets.open(DatasetRequest.of("ring8"));
        }
        return Datasets.open(DatasetRequest.of(dataset).withDataDir(fixtures().resolve("data").resolve(dataset))
                .withDownload(false));
    }

    static JsonNode expected(Path run) throws IOException {
        return ConfigFiles.JSON.readTree(run.resolve("expected.json").toFile());
    }

    static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp-ring8", "dcgan", "cond-projection", "cond-acgan-mlp", "infogan", "wgan-gp-ema", "hinge-sn",
        "wgan-clip"})
    void anOldRunSamplesWhatItsReleaseSampled(String name) throws IOException {
        Path run = copyOf(name, tmp);
        JsonNode expected = expected(run);
        TrainedGenerator g = TrainedGenerator.load(run);
        assertArrayEquals(floats(expected.get("sample")), g.sample(8, 5), 1e-6f);
        if (expected.has("sample-class-3")) {
            assertArrayEquals(floats(expected.get("sample-class-3")), g.sample(8, 5, 3), 1e-6f);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp-ring8", "dcgan", "cond-projection", "cond-acgan-mlp", "infogan", "wgan-gp-ema", "hinge-sn",
        "wgan-clip"})
    void anOldRunResumesAsItsReleaseResumed(String name) throws IOException {
        Path run = copyOf(name, tmp);
        JsonNode expected = expected(run).get("resumed-to-14");
        try (Trainer t = Trainer.resume(run, dataOf(run), TrainConfig.builder().steps(14).build())) {
            assertEquals(10, t.step());
            t.train(TrainingListener.NONE);
        }
        MetricsTable rows = MetricsLog.read(run.resolve("metrics.csv"));
        assertEquals(14, rows.size(), "rows 1..10 kept, 11..14 appended");
        var fields = expected.fieldNames();
        while (fields.hasNext()) {
            String column = fields.next();
            if (column.equals("sample")) {
                continue;
            }
            double[] values = rows.column(column);
            JsonNode want = expected.get(column);
            for (int i = 0; i < want.size(); i++) {
                assertEquals(want.get(i).asDouble(), values[10 + i], 0.0, column + " at step " + (11 + i));
            }
        }
        assertArrayEquals(floats(expected.get("sample")), TrainedGenerator.load(run).sample(8, 5), 1e-6f);
    }
}
