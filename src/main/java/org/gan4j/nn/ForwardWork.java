package org.gan4j.nn;

/**
 * A network that states its own forward work, for {@code bench}'s achieved GFLOP/s: one whose forward
 * pass is Java code around its layers (growth stages, skip paths, modulated convolutions), which the
 * analytic layer walk of {@code org.gan4j.bench.FlopCounter} cannot follow. Same convention as that
 * walk: multiply-accumulates of Linear and convolution layers only.
 */
public interface ForwardWork {
    /** Multiply-accumulates of one forward pass per sample, at the network's current stage. */
    long forwardMacs();
}
