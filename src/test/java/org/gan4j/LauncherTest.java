package org.gan4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher {@code ./gan4j}'s build step, with a fake {@code mvn} (which records its arguments
 * and plays a fresh machine, a compile error or no network) and a fake {@code java} on the PATH.
 */
class LauncherTest {
    /** Offline without the dependencies: Maven's real message (abridged). */
    private static final String OFFLINE_ERROR = "[ERROR] Plugin org.apache.maven.plugins:maven-resources-plugin:2.6 or one of its"
            + " dependencies could not be resolved: Cannot access central (https://repo.maven.apache.org/maven2) in offline"
            + " mode and the artifact org.apache.maven.plugins:maven-resources-plugin:jar:2.6 has not been downloaded from it before.";

    private static final String FAKE_MVN = """
            #!/usr/bin/env bash
            echo "$*" >> "$FAKE_MVN_CALLS"
            offline=no
            for a in "$@"; do [ "$a" = -o ] && offline=yes; done
            if [ "$FAKE_MVN_MODE" = compile-error ]; then
              echo "[ERROR] COMPILATION ERROR : src/main/java/X.java:[1,1] class, interface, enum, or record expected"; exit 1
            fi
            if [ "$FAKE_MVN_MODE" != deps-present ] && [ $offline = yes ]; then
              echo "$OFFLINE_ERROR"; echo "[ERROR] "; echo "[ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch."
              exit 1
            fi
            if [ "$FAKE_MVN_MODE" = no-network ]; then
              echo "[ERROR] Could not transfer artifact x:y:pom:1 from/to central: repo.maven.apache.org: Unknown host"; exit 1
            fi
            [ $offline = yes ] || { echo "Downloading from central: https://repo/x.jar"; echo "Downloaded from central: https://repo/x.jar (1 kB at 9 kB/s)"; }
            echo "[INFO] BUILD SUCCESS"
            mkdir -p target/lib && touch target/gan4j-0.1.jar
            """;

    @TempDir
    Path tmp;
    Path app;
    Path bin;
    Path calls;

    @BeforeEach
    void fakeCheckoutAndTools() throws IOException {
        app = Files.createDirectories(tmp.resolve("app"));
        Files.copy(Path.of("gan4j"), app.resolve("gan4j"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.writeString(app.resolve("pom.xml"), "<project/>");
        Files.writeString(Files.createDirectories(app.resolve("src/main/java")).resolve("X.java"), "class X {}");
        bin = Files.createDirectories(tmp.resolve("bin"));
        executable(bin.resolve("mvn"), FAKE_MVN);
        executable(bin.resolve("java"), "#!/usr/bin/env bash\necho \"java $*\"\n");
        calls = tmp.resolve("mvn-calls");
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Launch(int status, List<String> err, String out, List<String> mvnCalls) {
    }

    private Launch launch(String mode) throws Exception {
        Files.deleteIfExists(calls);
        ProcessBuilder pb = new ProcessBuilder("bash", app.resolve("gan4j").toString(), "info");
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("FAKE_MVN_MODE", mode);
        pb.environment().put("FAKE_MVN_CALLS", calls.toString());
        pb.environment().put("OFFLINE_ERROR", OFFLINE_ERROR);
        pb.environment().remove("GAN4J_JAVA_OPTS");
        Process p = pb.redirectErrorStream(false).start();
        p.getOutputStream().close();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        List<String> mvn = Files.exists(calls) ? Files.readAllLines(calls) : List.of();
        return new Launch(p.exitValue(), err.lines().toList(), out, mvn);
    }

    private static boolean offline(String mvnArgs) {
        return List.of(mvnArgs.split(" ")).contains("-o");
    }

    private String log() throws IOException {
        return Files.readString(app.resolve("target/gan4j-build.log"));
    }

    @Test
    void aFreshMachineShowsOneLineAndMavensDownloadsNotTheOfflineErrors() throws Exception {
        Launch first = launch("fresh");
        assertEquals(0, first.status(), first.toString());
        assertEquals(List.of("gan4j: building (first run)...", "Downloaded from central: https://repo/x.jar (1 kB at 9 kB/s)"),
                first.err(), first.toString());
        assertEquals(2, first.mvnCalls().size(), first.toString());
        assertTrue(offline(first.mvnCalls().get(0)), "offline first: " + first.mvnCalls());
        assertFalse(offline(first.mvnCalls().get(1)), "then online: " + first.mvnCalls());
        assertTrue(first.out().startsWith("java ") && first.out().strip().endsWith("org.gan4j.cli.Gan4j info"), first.out());
        assertTrue(log().contains("BUILD SUCCESS"), "the log holds the online build's output");

        Launch second = launch("fresh");
        assertEquals(List.of(), second.mvnCalls(), "built: no Maven");
        assertEquals(List.of(), second.err());
    }

    @Test
    void withTheDependenciesPresentItBuildsOfflineOnly() throws Exception {
        Launch l = launch("deps-present");
        assertEquals(0, l.status(), l.toString());
        assertEquals(List.of("gan4j: building (first run)..."), l.err());
        assertEquals(1, l.mvnCalls().size());
        assertTrue(offline(l.mvnCalls().get(0)));
    }

    @Test
    void aCompileErrorIsOneLineNamingTheLogAndNoOnlineRetry() throws Exception {
        Launch l = launch("compile-error");
        assertEquals(1, l.status(), l.toString());
        Path logFile = app.resolve("target/gan4j-build.log");
        assertEquals(List.of("gan4j: building (first run)...", "gan4j: build failed; Maven's output is in " + logFile), l.err());
        assertEquals(1, l.mvnCalls().size(), "a compile error is not cured by the network");
        assertTrue(log().contains("COMPILATION ERROR"), log());
        assertEquals("", l.out(), "nothing runs");
    }

    @Test
    void noNetworkEitherIsOneLineNamingTheLog() throws Exception {
        Launch l = launch("no-network");
        assertEquals(1, l.status(), l.toString());
        assertEquals(List.of("gan4j: building (first run)...",
                "gan4j: build failed; Maven's output is in " + app.resolve("target/gan4j-build.log")), l.err());
        assertEquals(2, l.mvnCalls().size());
        assertTrue(log().contains("Unknown host"), "the log holds the online attempt: " + log());
    }

    @Test
    void changedSourcesRebuild() throws Exception {
        assertEquals(0, launch("deps-present").status());
        Path jar = app.resolve("target/gan4j-0.1.jar");
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        Launch l = launch("deps-present");
        assertEquals(List.of("gan4j: sources changed, rebuilding..."), l.err(), l.toString());
        assertEquals(1, l.mvnCalls().size());
    }
}
