package org.gan4j.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that a reader (or a crash) never sees half of one: the content goes to a
 * temporary file in the same directory, is forced to disk, and is then renamed over the target.
 * A kill at any moment leaves either the old file or the new one.
 *
 * <p>A write that fails on the way (a directory that cannot be created or written, a full disk, a
 * file-size limit) deletes its temporary file, leaves any old target as it was, and throws an
 * {@link UnwritableOutputException} naming the target and the reason: the command line reports
 * it as bad input, in one line.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Something that writes a file's whole content to a path it is given. */
    @FunctionalInterface
    public interface PathWriter {
        void writeTo(Path temporary) throws IOException;
    }

    /**
     * Writes through {@code writer} into a temporary sibling of {@code target}, then renames it.
     *
     * @throws UnwritableOutputException when {@code target} cannot be written (an {@link IOException}
     *                                   or {@link UncheckedIOException} on the way, or a directory
     *                                   at {@code target}); nothing is left behind
     */
    public static void write(Path target, PathWriter writer) {
        Path dir = target.toAbsolutePath().getParent();
        if (Files.isDirectory(target)) {
            throw new UnwritableOutputException(target, "it is a directory", null);
        }
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            writer.writeTo(tmp);
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            readableByAll(tmp);
            move(tmp, target);
            tmp = null;
        } catch (IOException | UncheckedIOException e) {
            throw UnwritableOutputException.of(target, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary file is hidden and harmless
                }
            }
        }
    }

    /** Writes {@code bytes} atomically to {@code target}. */
    public static void write(Path target, byte[] bytes) {
        write(target, tmp -> Files.write(tmp, bytes));
    }

    /** Writes whatever {@code body} puts on the stream atomically to {@code target}. */
    public static void writeStream(Path target, StreamBody body) {
        write(target, tmp -> {
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp))) {
                body.writeTo(out);
            }
        });
    }

    /**
     * Writes a whole directory: {@code writer} fills a temporary sibling of {@code target}, which is
     * then renamed to it, so a reader (or a crash) sees no directory or the complete one. The target
     * may exist only as an empty directory, which the rename replaces.
     *
     * @throws UnwritableOutputException when {@code target} is a file or a directory that holds anything,
     *                                   or cannot be written; nothing is left behind
     */
    public static void writeDirectory(Path target, PathWriter writer) {
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new UnwritableOutputException(target, "it is a file, not a folder", null);
        }
        if (Files.isDirectory(target) && !isEmpty(target)) {
            throw new UnwritableOutputException(target, "the folder already holds files (choose a new or empty one)", null);
        }
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempDirectory(dir, "." + target.getFileName() + ".");
            writer.writeTo(tmp);
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);   // rename(2) replaces an empty directory
            } catch (AtomicMoveNotSupportedException e) {
                Files.deleteIfExists(target);
                Files.move(tmp, target);
            }
            tmp = null;
        } catch (IOException | UncheckedIOException e) {
            throw UnwritableOutputException.of(target, e);
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    private static boolean isEmpty(Path dir) {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw UnwritableOutputException.of(dir, e);
        }
    }

    /** Best effort: the temporary directory is hidden and harmless if it stays. */
    private static void deleteTree(Path root) {
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // left behind
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // left behind
        }
    }

    /** A body written to an output stream. */
    @FunctionalInterface
    public interface StreamBody {
        void writeTo(OutputStream out) throws IOException;
    }

    /** createTempFile makes files private (0600); run outputs should be as readable as any other file. */
    private static void readableByAll(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
