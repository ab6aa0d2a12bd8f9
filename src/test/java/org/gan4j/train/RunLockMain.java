package org.gan4j.train;

import java.io.IOException;
import java.nio.file.Path;
import org.gan4j.BadInputException;

/**
 * A second process for {@link RunLockTest}: {@code hold DIR} takes the run directory's lock, prints
 * {@code locked} and keeps it until its stdin closes (or it is killed); {@code probe DIR} prints
 * {@code free} or {@code held} and exits.
 */
public final class RunLockMain {
    private RunLockMain() {
    }

    public static void main(String[] args) throws IOException {
        RunDirectory run = new RunDirectory(Path.of(args[1]));
        if (args[0].equals("probe")) {
            try (RunLock lock = RunLock.acquire(run)) {
                System.out.println("free");
            } catch (BadInputException e) {
                System.out.println("held");
            }
            return;
        }
        try (RunLock lock = RunLock.acquire(run)) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the parent closes our stdin or kills us
            }
        }
    }
}
