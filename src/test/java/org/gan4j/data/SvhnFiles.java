package org.gan4j.data;

/** Tiny SVHN-layout MAT-files for tests outside this package (the CLI's). */
public final class SvhnFiles {
    private SvhnFiles() {
    }

    /** {@code n} images with labels 1-10 in turn, every element compressed, y stored as uint8 (as MATLAB saves it). */
    public static byte[] compressed(int n) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10 + 1;
        }
        return new TinyMat(true).svhn(n, labels, true).bytes();
    }
}
