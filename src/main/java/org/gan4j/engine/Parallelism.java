package org.gan4j.engine;

/**
 * Which of the two native thread pools gets the cores. libtorch runs convolutions (oneDNN) and
 * element-wise kernels on its OpenMP pool and matrix products on OpenBLAS's own pthread pool; when
 * both have several threads they fight, since each pool's idle workers spin on the cores the other
 * needs (on 2 cores B1 went from ~4 ms to 90-160 ms an iteration). So exactly one pool is
 * multi-threaded, chosen by what the networks spend their time on.
 */
public enum Parallelism {
    /**
     * libtorch's intra-op pool gets the cores, OpenBLAS one thread: for convolutional networks, whose
     * time goes to oneDNN's convolutions and BatchNorm (the default).
     */
    INTRA_OP,
    /**
     * OpenBLAS gets the cores, libtorch's pool one thread: for networks of matrix products only (the MLP
     * GAN), whose element-wise kernels are too small to gain from a second thread. Measured on B1
     * (2 cores, three interleaved rounds): 3.27-3.51 ms an iteration against 3.58-3.93 with INTRA_OP.
     */
    GEMM
}
