package org.gan4j.engine;

import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.AdamOptions;
import org.bytedeco.pytorch.RMSprop;
import org.bytedeco.pytorch.RMSpropOptions;
import org.bytedeco.pytorch.TensorVector;

/** Optimizer factories that get the JavaCPP option traps right once. */
public final class Optimizers {
    private Optimizers() {
    }

    /**
     * Adam with the usual (beta1, beta2) meaning. The presets expose {@code betas()} as the memory of
     * a {@code std::tuple<double,double>}, which stores its elements in reverse: index 0 is beta2.
     * Putting {beta1, beta2} there silently trains with beta1=0.999 (checked by a two-step test).
     */
    public static Adam adam(TensorVector parameters, double lr, double beta1, double beta2) {
        AdamOptions options = new AdamOptions(lr);
        options.betas().put(new double[] {beta2, beta1});
        return new Adam(parameters, options);
    }

    /** RMSprop as in the WGAN paper (no momentum). */
    public static RMSprop rmsprop(TensorVector parameters, double lr) {
        return new RMSprop(parameters, new RMSpropOptions(lr));
    }
}
