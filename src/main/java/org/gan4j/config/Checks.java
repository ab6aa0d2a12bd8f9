package org.gan4j.config;

import org.gan4j.BadInputException;

/**
 * Range checks of config values, each failing with one line that names the key. Every number must be
 * finite: NaN or infinity from a flag or a file is refused before any work, never trained on.
 */
final class Checks {
    private Checks() {
    }

    static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    static BadInputException invalid(String key, Object value, String rule) {
        return new BadInputException("invalid '" + key + "': " + value + " (" + rule + ")");
    }

    /** A value above zero (and finite); null (unset) passes. */
    static void positive(String key, Number value) {
        if (value != null && !(value.doubleValue() > 0 && Double.isFinite(value.doubleValue()))) {
            throw invalid(key, value, "must be positive");
        }
    }

    /** A finite value of at least zero; {@code rule} says what 0 means. */
    static void nonNegative(String key, double value, String rule) {
        if (!(value >= 0 && Double.isFinite(value))) {
            throw invalid(key, value, rule);
        }
    }

    /** A value in [0, 1); null passes. */
    static void unitInterval(String key, Double value, String rule) {
        if (value != null && !(value >= 0 && value < 1)) {
            throw invalid(key, value, rule);
        }
    }
}
