package org.gan4j.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;
import org.gan4j.BadInputException;
import org.gan4j.io.UnwritableOutputException;

/**
 * The exclusive right to write one run directory: an OS lock ({@link FileChannel#tryLock()}) on
 * {@link RunDirectory#lockFile()}, held by a {@link Trainer} from before it writes anything until
 * {@link Trainer#close()}. A second trainer of the same directory, in this JVM or another process,
 * is refused in one line, so two processes never interleave checkpoints or metrics rows.
 *
 * <p>The kernel drops the lock when its process dies (even by {@code kill -9}), so a lock file left
 * behind is not a held lock and needs no cleaning; the file is never deleted (deleting it would let
 * a process that opened the old file and one that creates a new one both "hold" it).
 *
 * <p>Within one JVM, Linux's locks belong to the process: closing any channel of the file drops a
 * lock another channel holds, and a second {@code tryLock} throws {@link OverlappingFileLockException}.
 * So the directories this JVM holds are also kept here, by file identity (device and inode), and a
 * second trainer of one of them is refused before it opens the file at all.
 */
public final class RunLock implements AutoCloseable {
    /** File identities ({@link BasicFileAttributes#fileKey()}) of the lock files this JVM holds. */
    private static final Set<Object> HELD = new HashSet<>();

    private final Path file;
    private final Object key;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean released;

    private RunLock(Path file, Object key, FileChannel channel, FileLock lock) {
        this.file = file;
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code run}, creating the directory and its lock file when needed.
     *
     * @throws BadInputException when another trainer (another process, or another thread of this
     *                           one) holds it
     * @throws UnwritableOutputException when the lock file cannot be created
     */
    public static RunLock acquire(RunDirectory run) {
        Path file = run.lockFile();
        synchronized (HELD) {
            Object before = fileKey(file);
            if (before != null && HELD.contains(before)) {
                throw held(run, ProcessHandle.current().pid());
            }
            FileChannel channel;
            try {
                Files.createDirectories(run.root());
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw UnwritableOutputException.of(file, e);
            }
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                // Held through another path to the same file in this JVM. Closing this channel would drop that
                // lock (see the class comment), so the channel stays open: a few bytes, only in this odd case.
                throw held(run, ProcessHandle.current().pid());
            } catch (IOException e) {
                closeQuietly(channel);
                throw UnwritableOutputException.of(file, e);
            }
            if (lock == null) {
                long pid = holder(channel);
                closeQuietly(channel);   // no lock of this process is on the file, so closing drops nothing
                throw held(run, pid);
            }
            Object key = fileKey(file);
            try {
                channel.truncate(0);
                channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            } catch (IOException e) {
                // the pid is only for the refusal message of another process; the lock is what counts
            }
            HELD.add(key);
            return new RunLock(file, key, channel, lock);
        }
    }

    /** Whether some trainer (in any process) holds {@code run}'s lock now; takes and drops it to find out. */
    public static boolean isHeld(RunDirectory run) {
        if (!Files.isRegularFile(run.lockFile())) {
            return false;
        }
        try (RunLock lock = acquire(run)) {
            return false;
        } catch (BadInputException e) {
            return true;
        }
    }

    /** The lock file. */
    public Path file() {
        return file;
    }

    /** Drops the lock; the file stays. Idempotent. */
    @Override
    public void close() {
        synchronized (HELD) {
            if (released) {
                return;
            }
            released = true;
            try {
                lock.release();
            } catch (IOException e) {
                // closing the channel below releases it too
            }
            closeQuietly(channel);
            HELD.remove(key);
        }
    }

    private static BadInputException held(RunDirectory run, long pid) {
        String by = pid == ProcessHandle.current().pid() ? "another trainer in this gan4j process"
                : pid > 0 ? "another gan4j process (pid " + pid + ")" : "another gan4j process";
        return new BadInputException("run directory " + run.root() + " is being trained by " + by
                + ": wait for it to finish or stop it, then try again (lock " + run.lockFile().getFileName() + ")");
    }

    /** The pid the holder wrote into the lock file, or -1 when unreadable. */
    private static long holder(FileChannel channel) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(32);
            channel.read(buf, 0);
            return Long.parseLong(new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** The file's identity (device and inode on Linux), or null when it does not exist. */
    private static Object fileKey(Path file) {
        try {
            Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            return key != null ? key : file.toRealPath();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was written through it that matters
        }
    }
}
