package org.gan4j.loss;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarOptional;

/** Short forms of libtorch scalars for the loss formulas. */
final class Scalars {
    private Scalars() {
    }

    static Scalar of(double v) {
        return new Scalar(v);
    }

    static ScalarOptional optional(double v) {
        return new ScalarOptional(new Scalar(v));
    }
}
