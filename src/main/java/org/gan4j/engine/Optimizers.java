package org.gan4j.engine;

import org.bytedeco.pytorch.Adam;
import java.util.List;
import org.bytedeco.pytorch.AdamOptions;
import org.bytedeco.pytorch.RMSprop;
import org.bytedeco.pytorch.RMSpropOptions;
import org.bytedeco.pytorch.TensorVector;

/**
 * Optimiser factories: what the {@code optimizer} config key names ({@link #create}), and libtorch's own
 * Adam with the JavaCPP betas trap handled once ({@link #adam}), the reference {@link FusedAdam} is checked against.
 */
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

    /** The optimiser kinds {@link #create} accepts, as the {@code optimizer} config key names them. */
    public static final List<String> KINDS = List.of("adam", "rmsprop");

    /**
     * An optimiser by kind: {@code adam} ({@link FusedAdam}, with beta1, beta2) or {@code rmsprop}
     * (libtorch's, betas unused, may be null).
     *
     * @throws IllegalArgumentException for another kind
     */
    public static ParameterOptimizer create(String kind, TensorVector parameters, double lr, Double beta1, Double beta2) {
        return switch (kind) {
            case "adam" -> new FusedAdam(parameters, lr, beta1, beta2);
            case "rmsprop" -> new TorchOptimizer(rmsprop(parameters, lr));
            default -> throw new IllegalArgumentException("unknown optimizer '" + kind + "': choose one of " + KINDS);
        };
    }

    /** RMSprop as in the WGAN paper (no momentum). */
    public static RMSprop rmsprop(TensorVector parameters, double lr) {
        return new RMSprop(parameters, new RMSpropOptions(lr));
    }
}
