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
