package org.gan4j.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering of {@code package-info}: the library's lower packages do not import the training
 * loop, the experiments built on it or the command line. Reads the sources' import lines (plain and
 * static); the build runs with the project root as working directory.
 */
class LayeringTest {
    static final Path SOURCES = Path.of("src", "main", "java", "org", "gan4j");
    static final List<String> LOWER = List.of("report", "metrics", "nn", "data", "loss", "engine", "eval", "features", "io");
    static final List<String> UPPER = List.of("org.gan4j.train", "org.gan4j.experiments", "org.gan4j.cli");

    @Test
    void lowerPackagesImportNeitherTrainNorExperimentsNorCli() throws IOException {
        List<String> violations = new ArrayList<>();
        int files = 0;
        for (String pkg : LOWER) {
            Path dir = SOURCES.resolve(pkg);
            assertTrue(Files.isDirectory(dir), dir.toAbsolutePath() + " is missing");
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path file : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                    files++;
                    violations.addAll(upwardImports(file, Files.readAllLines(file)));
                }
            }
        }
        assertTrue(files > 50, "read only " + files + " sources under " + SOURCES.toAbsolutePath());
        assertEquals(List.of(), violations, "lower packages import upward");
    }

    @Test
    void theCheckSeesPlainAndStaticImportsButNotLookalikes() {
        Path file = Path.of("Example.java");
        List<String> lines = List.of(
                "import org.gan4j.train.Trainer;",
                "import static org.gan4j.cli.ExitCodes.OK;",
                "  import org.gan4j.experiments.*;",
                "import org.gan4j.training.Other;",     // not the package org.gan4j.train
                "import org.gan4j.report.SampleGrid;",
                "// import org.gan4j.train.Trainer;");
        assertEquals(3, upwardImports(file, lines).size(), upwardImports(file, lines).toString());
    }

    /** "file:line: import ..." for each import line of an upper package. */
    static List<String> upwardImports(Path file, List<String> lines) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.startsWith("import ")) {
                continue;
            }
            String name = line.substring("import ".length()).strip();
            if (name.startsWith("static ")) {
                name = name.substring("static ".length()).strip();
            }
            for (String upper : UPPER) {
                if (name.startsWith(upper + ".")) {
                    found.add(file + ":" + (i + 1) + ": " + line);
                }
            }
        }
        return found;
    }
}
