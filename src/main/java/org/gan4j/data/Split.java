package org.gan4j.data;

/** Which part of a dataset: the training split or the held-out test split. */
public enum Split {
    TRAIN, TEST;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
