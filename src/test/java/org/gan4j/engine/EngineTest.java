package org.gan4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bytedeco.openblas.global.openblas_nolapack;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EngineTest {
    @AfterEach
    void restore() {
        Engine.init(1);
    }

    /** The thread count is set explicitly: some builds default to 1, and results repeat only at a fixed count. */
    @Test
    void initSetsLibtorchsIntraOpThreads() {
        assertEquals(2, Engine.init(2));
        assertEquals(2, torch.get_num_threads());
        assertEquals(1, Engine.init(1));
        assertEquals(1, torch.get_num_threads());
        assertEquals(Runtime.getRuntime().availableProcessors(), Engine.init(0), "0 means all cores");
    }

    /** Only one of the two native pools is ever multi-threaded, or their idle workers fight for the cores. */
    @Test
    void theCoresGoToOnePoolAtATime() {
        assertEquals(2, Engine.init(2, Parallelism.GEMM));
        assertEquals(1, torch.get_num_threads());
        assertEquals(2, openblas_nolapack.blas_get_num_threads());
        assertEquals(Parallelism.GEMM, Engine.parallelism());
        assertEquals(2, Engine.init(2));
        assertEquals(2, torch.get_num_threads());
        assertEquals(1, openblas_nolapack.blas_get_num_threads());
        assertEquals(Parallelism.INTRA_OP, Engine.parallelism());
    }

    /** The MLP GAN is matrix products only; convolutional families keep libtorch's pool. */
    @Test
    void eachFamilyNamesItsPool() {
        assertEquals(Parallelism.GEMM, org.gan4j.nn.Architectures.get("mlp").parallelism());
        assertEquals(Parallelism.INTRA_OP, org.gan4j.nn.Architectures.get("dcgan").parallelism());
        assertEquals(Parallelism.INTRA_OP, org.gan4j.nn.Architectures.get("infogan").parallelism());
    }

    /** Subnormal floats would slow Adam's decaying moments tenfold: the computing threads flush them to zero. */
    @Test
    void subnormalsAreFlushedToZeroOnEveryComputingThread() {
        Engine.init(2);
        float tiny = 1e-39f;   // subnormal: below Float.MIN_NORMAL
        float[] values = new float[1 << 20];   // a million elements: split over the intra-op pool's threads
        java.util.Arrays.fill(values, tiny);
        Tensor one = Tensors.fromFloats(new float[] {tiny}, 1);   // copied in bit for bit
        Tensor many = Tensors.fromFloats(values, values.length);
        assertEquals(tiny, Tensors.toFloats(one)[0], "the input holds the subnormal");
        assertEquals(0.0, one.mul(new Scalar(1.0)).item_double(), "this thread");
        assertEquals(0.0, many.mul(new Scalar(1.0)).abs().max().item_double(), "libtorch's worker threads");
        float small = 1e-37f;   // normal
        assertEquals(2 * small, Tensors.toFloats(Tensors.fromFloats(new float[] {small}, 1).mul(new Scalar(2.0)))[0],
                "normal floats are untouched");
    }

    @Test
    void reportsItsVersions() {
        assertEquals("2.10.0", Engine.libtorchVersion());
        org.junit.jupiter.api.Assertions.assertTrue(Engine.parallelInfo().contains("OpenMP"));
    }
}
