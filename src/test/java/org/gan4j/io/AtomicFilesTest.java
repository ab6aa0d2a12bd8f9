package org.gan4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.IIOException;
import org.gan4j.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link AtomicFiles} does when an output cannot be written: one line naming it, nothing left behind. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static UnwritableOutputException refused(Path target, AtomicFiles.PathWriter writer) {
        UnwritableOutputException e = assertThrows(UnwritableOutputException.class, () -> AtomicFiles.write(target, writer));
        assertInstanceOf(BadInputException.class, e, "the command line reports it as bad input, exit 2");
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertEquals(target, e.path());
        return e;
    }

    @Test
    void writesAndReplaces() throws Exception {
        Path target = dir.resolve("sub/out.txt");
        AtomicFiles.write(target, "one".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(target, "two".getBytes(StandardCharsets.UTF_8));
        assertEquals("two", Files.readString(target));
        assertEquals(List.of("out.txt"), names(target.getParent()));
    }

    @Test
    void aPathUnderARegularFileIsRefusedNamingTheFile() throws Exception {
        // fails for root too, unlike a read-only directory
        Path file = Files.writeString(dir.resolve("file.txt"), "keep");
        Path target = file.resolve("out.png");
        UnwritableOutputException e = refused(target, tmp -> Files.write(tmp, new byte[10]));
        assertEquals("cannot write " + target + ": " + file + " is a file, not a directory", e.getMessage());
        assertEquals("keep", Files.readString(file));
        assertEquals(List.of("file.txt"), names(dir));
    }

    @Test
    void aDirectoryIsNotReplaced() throws Exception {
        Path target = Files.createDirectories(dir.resolve("grid.png"));
        assertEquals("cannot write " + target + ": it is a directory", refused(target, tmp -> { }).getMessage());
        assertEquals(List.of("grid.png"), names(dir));
    }

    @Test
    void aFullDiskMidWayLeavesTheOldFileAndNoTemporaryFile() throws Exception {
        Path target = Files.writeString(dir.resolve("metrics.json"), "old");
        UnwritableOutputException e = refused(target, tmp -> {
            Files.write(tmp, new byte[4096]);
            throw new IOException("No space left on device");
        });
        assertEquals("cannot write " + target + ": no space left on device", e.getMessage());
        assertEquals("no space left on device", e.reason());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of("metrics.json"), names(dir));
    }

    @Test
    void theReasonIsTheInnermostIoErrorNotTheImageWritersWrapper() throws Exception {
        Path target = dir.resolve("grid.png");
        UnwritableOutputException e = refused(target, tmp -> {
            throw new IIOException("I/O error writing PNG file!", new IOException("File too large"));
        });
        assertEquals("cannot write " + target + ": file too large", e.getMessage());
        e = refused(target, tmp -> {
            throw new UncheckedIOException(new IOException("Disk quota exceeded"));
        });
        assertEquals("cannot write " + target + ": disk quota exceeded", e.getMessage());
        assertEquals(List.of(), names(dir));
    }

    @Test
    void aReadOnlyDirectoryIsRefused() throws Exception {
        Path ro = Files.createDirectories(dir.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(ro), "running as root: a read-only directory is writable");
            Path target = ro.resolve("grid.png");
            assertEquals("cannot write " + target + ": permission denied", refused(target, tmp -> { }).getMessage());
            assertFalse(Files.exists(target));
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        assertEquals(List.of(), names(ro));
    }

    @Test
    void reasonsOfTheFileSystemExceptions() {
        assertEquals("read-only file system",
                UnwritableOutputException.reason(new java.nio.file.FileSystemException("/x/.a.tmp", null, "Read-only file system")));
        assertEquals("permission denied", UnwritableOutputException.reason(new java.nio.file.AccessDeniedException("/x/.a.tmp")));
        assertEquals("no such file or directory", UnwritableOutputException.reason(new java.nio.file.NoSuchFileException("/x")));
        assertEquals("IOException", UnwritableOutputException.reason(new IOException()));
    }
}
