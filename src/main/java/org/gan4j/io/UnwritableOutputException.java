package org.gan4j.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.gan4j.BadInputException;

/**
 * An output file that could not be written: a directory that cannot be created or written, a
 * path under a regular file, a full disk, a file-size limit. These are the user's to fix, not bugs,
 * so the command line reports them like any other bad input (one line, exit 2):
 * {@code cannot write runs/x/grid.png: no space left on device}. The message names the file the
 * user asked for, never the hidden temporary file the failure happened in.
 */
public class UnwritableOutputException extends BadInputException {
    private final transient Path path;
    private final String reason;

    public UnwritableOutputException(Path path, String reason, Throwable cause) {
        super("cannot write " + path + ": " + reason, cause);
        this.path = path;
        this.reason = reason;
    }

    /** The output that could not be written, as the caller named it. */
    public Path path() {
        return path;
    }

    /** Why, in a few words: {@code no space left on device}, {@code permission denied}, ... */
    public String reason() {
        return reason;
    }

    /** The failure to write {@code target}, with the reason read from {@code e} (and its causes). */
    public static UnwritableOutputException of(Path target, Throwable e) {
        return new UnwritableOutputException(target, reason(e), e);
    }

    /**
     * The operating system's reason, lower-cased: the message of the innermost {@link IOException}
     * in the cause chain (image writers wrap the real error in "I/O error writing PNG file!"). For
     * the {@link FileSystemException}s of {@link java.nio.file.Files}, whose message is a path
     * (often the temporary file's), the reason alone; for a file standing where a directory of the
     * path should be, that file.
     */
    static String reason(Throwable e) {
        IOException io = null;
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof IOException i && !(t.getCause() instanceof IOException)) {
                io = i;
                break;
            }
        }
        if (io == null) {
            return e instanceof UncheckedIOException u && u.getCause() != null ? describe(u.getCause()) : describe(e);
        }
        if (io instanceof FileAlreadyExistsException f) {
            // Files.createDirectories met a file where a directory of the path should be
            return f.getFile() + " is a file, not a directory";
        }
        if (io instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (io instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (io instanceof FileSystemException f) {
            return f.getReason() == null ? io.getClass().getSimpleName() : lower(f.getReason());
        }
        return describe(io);
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : lower(m.strip().lines().findFirst().orElse(""));
    }

    /** "No space left on device" reads as "no space left on device" after a colon. */
    private static String lower(String s) {
        return s.isEmpty() || s.length() > 1 && Character.isUpperCase(s.charAt(1))
                ? s : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }
}
