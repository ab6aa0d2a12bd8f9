package org.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output that cannot be written is bad input: one line naming the file and the reason, exit 2,
 * no partial file. The full disk and the file-size limit are real: a child JVM writes under
 * {@code ulimit -f} or onto a tiny tmpfs.
 */
class OutputErrorsTest {
    @TempDir
    Path tmp;

    @Test
    void sampleToAPathUnderARegularFileIsBadInput() throws Exception {
        Path toy = tmp.resolve("toy");
        CliRun train = CliRun.of("train", "--model", "mlp", "--dataset", "ring8", "--steps", "2", "--batch", "16",
                "--width", "8", "--latent-dim", "4", "--out", toy.toString(), "--threads", "1");
        assertEquals(ExitCodes.OK, train.exitCode(), train.toString());
        Path file = Files.writeString(tmp.resolve("file.txt"), "keep");
        Path out = file.resolve("out.png");
        CliRun r = CliRun.of("sample", "--run", toy.toString(), "--out", out.toString(), "--threads", "1");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
        assertEquals("gan4j: error: cannot write " + out + ": " + file + " is a file, not a directory", r.err().strip(), r.toString());
        assertEquals("keep", Files.readString(file));
    }

    /** The child's exit status, its stderr and its stdout. */
    private record Child(int status, String err, String out) {
    }

    private static Child child(String script, Path out, int bytes) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", script, "bash", java, System.getProperty("java.class.path"),
                out.toString(), String.valueOf(bytes)));
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        var err = p.getErrorStream().readAllBytes();
        var stdout = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM finished");
        return new Child(p.exitValue(), new String(err, StandardCharsets.UTF_8), new String(stdout, StandardCharsets.UTF_8));
    }

    /** The JVM with the test classpath running {@link WriteOutputMain}; no perf-data file in /tmp, which the limit would also hit. */
    private static final String JAVA = "exec \"$1\" -XX:-UsePerfData -Xmx64m -cp \"$2\" org.gan4j.cli.WriteOutputMain \"$3\" \"$4\"";

    @Test
    void aFileSizeLimitIsBadInputAndLeavesNothing() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("limited"));
        Path out = dir.resolve("fake-images-idx3-ubyte");
        // SIGXFSZ ignored, so that write() fails with EFBIG instead of killing the JVM
        Child c = child("trap '' XFSZ; ulimit -f 64 && " + JAVA, out, 1 << 20);
        assertEquals(ExitCodes.BAD_INPUT, c.status(), c.toString());
        assertEquals("gan4j: error: cannot write " + out + ": file too large", c.err().strip(), c.toString());
        assertEquals("left:", c.out().strip(), "no partial or temporary file: " + c);
        assertFalse(Files.exists(out));

        Child small = child("trap '' XFSZ; ulimit -f 64 && " + JAVA, out, 8 * 784);
        assertEquals(ExitCodes.OK, small.status(), small.toString());
        assertEquals("left: fake-images-idx3-ubyte", small.out().strip(), small.toString());
    }

    @Test
    void aFullDiskIsBadInputAndLeavesNothing() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("tiny-fs"));
        Path out = dir.resolve("fake-images-idx3-ubyte");
        // a 256 KiB tmpfs in a private mount namespace: needs root (or user namespaces); skipped without
        String mount = "unshare -m bash -c 'mount -t tmpfs -o size=256k tmpfs \"$0\" && exec \"$@\"' \"$(dirname \"$3\")\" ";
        Child probe = child(mount + "true", out, 0);
        assumeTrue(probe.status() == 0, "cannot mount a tmpfs here: " + probe.err().strip());
        Child c = child(mount + JAVA.substring("exec ".length()), out, 1 << 20);
        assertEquals(ExitCodes.BAD_INPUT, c.status(), c.toString());
        assertEquals("gan4j: error: cannot write " + out + ": no space left on device", c.err().strip(), c.toString());
        assertEquals("left:", c.out().strip(), "no partial or temporary file: " + c);
    }
}
