package org.gan4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.gan4j.BadInputException;

/** Checks of the style-based generator's options, shared by {@code sample}, {@code interpolate} and the style pictures. */
final class StyleOptions {
    private StyleOptions() {
    }

    /** Refuses a ψ outside [0, 1] before anything is loaded or written; null (not given) passes. */
    static void checkTruncation(Double psi) {
        if (psi != null && !(psi >= 0 && psi <= 1)) {
            throw new BadInputException("invalid --truncation: " + psi + " (must be in [0, 1]; 1 = off, typical 0.7)");
        }
    }

    /** Refuses a count outside [1, max]. */
    static void checkCount(String option, int value, int max) {
        if (value < 1 || value > max) {
            throw new BadInputException("invalid " + option + ": " + value + " (1 to " + max + ")");
        }
    }

    /** Refuses an output that is not a .png. */
    static void checkPng(Path out) {
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new BadInputException("--out " + out + ": use a .png name");
        }
    }

    /** Refuses a negative thread count. */
    static void checkThreads(int threads) {
        if (threads < 0) {
            throw new BadInputException("invalid --threads: " + threads + " (0 means all cores)");
        }
    }
}
