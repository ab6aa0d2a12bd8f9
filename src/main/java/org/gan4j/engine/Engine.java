package org.gan4j.engine;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.pytorch.Context;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.BadInputException;

/**
 * The one place that talks to libtorch's process-wide state: loading the natives, sizing the
 * thread pools, seeding, and choosing a device. Every entry point of gan4j (the command line, the
 * trainer, a library user's code) calls {@link #init(int)} first; it is idempotent.
 *
 * <p>Two traps are handled here, both measured (../shared/ENGINE-NOTES.md):
 * <ul>
 *   <li>Cold-cache crash: when a system libtorch exists, JavaCPP may dlopen the small
 *       {@code libtorch.so} stub before {@code libtorch_cpu.so} is unpacked beside it, and the
 *       dynamic linker then binds the system copy. Unpacking {@code libtorch_cpu.so} first avoids it.</li>
 *   <li>Thread oversubscription: GEMM runs in OpenBLAS's own thread pool while libtorch's OpenMP
 *       threads spin-wait. Only one of the two pools is given more than one thread, as the
 *       {@link Parallelism} of the work says; this is done in-process, so an application embedding
 *       gan4j gets it without setting environment variables.</li>
 *   <li>Subnormal floats: Adam's first moment of a weight whose gradient is exactly zero (a dead ReLU
 *       unit of D) decays by β₁ each step into the subnormal range, where every operation on it takes
 *       a slow microcode path. In B1, 85% of D's first-layer moments were subnormal after 8,000 steps
 *       and an iteration had slowed from 3.0 to 4.8 ms. So the threads that compute flush subnormals
 *       to zero (FTZ/DAZ), as TensorFlow does by default and PyTorch's {@code torch.set_flush_denormal(True)}
 *       offers: the values lost are below 1.2e-38. The flag is per thread: {@link #init} sets it on its
 *       caller before libtorch's pool first starts (its workers inherit it), and the trainer on the
 *       thread that trains. Java code on those threads sees the same flag; gan4j's own Java arithmetic
 *       never depends on subnormals. {@code -Dgan4j.denormals=keep} keeps IEEE gradual underflow.</li>
 * </ul>
 */
public final class Engine {
    private static final String TORCH_CPU = "/org/bytedeco/pytorch/linux-x86_64/libtorch_cpu.so";
    /** Whether computing threads flush subnormals to zero ({@code -Dgan4j.denormals=keep} turns it off). */
    private static final boolean FLUSH_DENORMALS = !"keep".equals(System.getProperty("gan4j.denormals"));
    private static boolean loaded;
    private static int threads;
    private static Parallelism parallelism;

    private Engine() {
    }

    /**
     * Loads libtorch (once) and gives {@code requestedThreads} cores to libtorch's intra-op pool
     * ({@link Parallelism#INTRA_OP}), the placement for convolutional networks and everything else.
     *
     * @param requestedThreads cores to compute on; 0 or less means all available cores
     * @return the thread count in force
     */
    public static int init(int requestedThreads) {
        return init(requestedThreads, Parallelism.INTRA_OP);
    }

    /**
     * Loads libtorch (once) and gives {@code requestedThreads} cores to the pool {@code where} names;
     * the other pool runs one thread.
     *
     * @param requestedThreads cores to compute on; 0 or less means all available cores
     * @return the thread count in force
     */
    public static synchronized int init(int requestedThreads, Parallelism where) {
        if (!loaded) {
            loadNatives();
            loaded = true;
        }
        flushDenormals();
        int n = requestedThreads > 0 ? requestedThreads : Runtime.getRuntime().availableProcessors();
        if (n != threads || where != parallelism) {
            torch.set_num_threads(where == Parallelism.GEMM ? 1 : n);
            org.bytedeco.openblas.presets.openblas_nolapack.blas_set_num_threads(where == Parallelism.GEMM ? n : 1);
            threads = n;
            parallelism = where;
        }
        return threads;
    }

    /**
     * Makes the calling thread flush subnormal floats to zero (unless {@code -Dgan4j.denormals=keep}); threads
     * it starts afterwards, libtorch's workers among them, inherit the flag. Call it on a thread that trains.
     */
    public static void flushDenormals() {
        if (FLUSH_DENORMALS) {
            Context.setFlushDenormal(true);
        }
    }

    /** Loads the natives with all available cores unless {@link #init(int)} already ran. */
    public static synchronized void ensureLoaded() {
        if (!loaded) {
            init(0);
        }
    }

    /** Cores in force (after {@link #init(int)}). */
    public static synchronized int threads() {
        return threads;
    }

    /** The pool those cores go to (after {@link #init(int)}). */
    public static synchronized Parallelism parallelism() {
        return parallelism;
    }

    private static void loadNatives() {
        try {
            if (!Loader.getPlatform().endsWith("-gpu") && isCpuBuild()) {
                Loader.cacheResource(TORCH_CPU);
            }
        } catch (Exception e) {
            // Not fatal: a GPU build or an already-populated cache has other file names.
        }
        Loader.load(torch.class);
    }

    private static boolean isCpuBuild() {
        return Engine.class.getResource(TORCH_CPU) != null;
    }

    private static final Object RANDOMNESS = new Object();

    /**
     * The lock of libtorch's global generator: whoever seeds it and then draws from it (building a run's
     * networks, a sampler drawing with a seed) holds it in between, so threads of one JVM each draw
     * what they would alone. Training steps draw from their run's own {@link Rng} instead.
     */
    public static Object randomness() {
        return RANDOMNESS;
    }

    /** Seeds libtorch's global generators (CPU and, when present, CUDA). */
    public static void seed(long seed) {
        ensureLoaded();
        torch.manual_seed(seed);
    }

    /**
     * Parses {@code cpu}, {@code cuda} or {@code cuda:N}; asking for CUDA where there is none is a
     * one-line {@link BadInputException}.
     */
    public static ComputeDevice device(String spec) {
        ensureLoaded();
        String s = spec == null ? "cpu" : spec.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.equals("cpu")) {
            return ComputeDevice.CPU;
        }
        if (!s.equals("cuda") && !s.matches("cuda:\\d+")) {
            throw new BadInputException("unknown device '" + spec + "': use cpu, cuda or cuda:N");
        }
        int count = cudaDeviceCount();
        int index = s.equals("cuda") ? 0 : Integer.parseInt(s.substring(5));
        if (count == 0) {
            throw new BadInputException("device '" + spec + "' requested but no CUDA device is available"
                    + " (this build or machine has none; build with -Pgpu on a CUDA host, or use --device cpu)");
        }
        if (index >= count) {
            throw new BadInputException("device '" + spec + "' requested but only " + count + " CUDA device(s) exist");
        }
        return new ComputeDevice("cuda:" + index);
    }

    /** Number of CUDA devices visible to libtorch (0 on CPU builds). */
    public static int cudaDeviceCount() {
        ensureLoaded();
        try {
            return torch.cuda_is_available() ? torch.cuda_device_count() : 0;
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return 0;
        }
    }

    /** The libtorch version these bindings wrap, e.g. {@code 2.10.0}. */
    public static String libtorchVersion() {
        Package pkg = torch.class.getPackage();
        String v = pkg == null ? null : pkg.getImplementationVersion();
        if (v == null) {
            v = "2.10.0-1.5.13";
        }
        int dash = v.indexOf('-');
        return dash > 0 ? v.substring(0, dash) : v;
    }

    /** libtorch's own report of its parallel back-ends (OpenMP, MKL-DNN, threads). */
    public static String parallelInfo() {
        ensureLoaded();
        return torch.get_parallel_info().getString();
    }
}
