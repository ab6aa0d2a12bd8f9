package org.gan4j.engine;

import org.bytedeco.pytorch.DimnameListOptional;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * A run's own random generator: a libtorch CPU {@link Generator} (mt19937, as the global one), so
 * runs in several threads of one JVM draw independently and in parallel. A trainer reseeds it from
 * (seed, step) before each step and makes it {@linkplain #activate() current} on its thread for the
 * step's draws; what draws during a step ({@code LatentNoise}, the priors' labels and codes, instance
 * noise, WGAN-GP's ε) asks {@link #current()}. Reseeded with the same value it draws exactly what the
 * global generator draws after {@code manual_seed} of that value, so runs saved before it existed
 * resume bit-identically.
 *
 * <p>Outside an active scope (sampling a finished run with {@code Engine.seed}, building networks),
 * {@link #current()} is libtorch's global generator. Draws are made on the CPU; tensors for a CUDA
 * device are drawn on the CPU and copied (so a seed gives the same numbers on every device).
 */
public final class Rng implements AutoCloseable {
    private static final ThreadLocal<Rng> CURRENT = new ThreadLocal<>();
    /** Draws from libtorch's global generator (the default when no run's generator is active). */
    private static final Rng GLOBAL = new Rng(null);

    /** Null for the global generator. */
    private final Generator generator;

    private Rng(Generator generator) {
        this.generator = generator;
    }

    /** A new generator of its own, seeded with {@code seed}. */
    public static Rng seeded(long seed) {
        Engine.ensureLoaded();
        Generator g = torch.createCPUGenerator(seed);
        g.retainReference();
        return new Rng(g);
    }

    /** The generator draws on this thread go to: the active run's, else libtorch's global one. */
    public static Rng current() {
        Rng r = CURRENT.get();
        return r == null ? GLOBAL : r;
    }

    /** Restarts the stream from {@code seed}. */
    public void reseed(long seed) {
        if (generator == null) {
            Engine.seed(seed);
        } else {
            generator.set_current_seed(seed);
        }
    }

    /** Makes this generator {@link #current()} on this thread until the scope closes. */
    public Scope activate() {
        Rng previous = CURRENT.get();
        CURRENT.set(this);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** An active generator's scope; closing it restores the previous one. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private GeneratorOptional option() {
        return generator == null ? new GeneratorOptional() : new GeneratorOptional(generator);
    }

    /** N(0, 1) floats of {@code shape}, on the CPU. */
    public Tensor randn(long... shape) {
        return torch.randn(shape, option(), new TensorOptions(torch.ScalarType.Float));
    }

    /** U[0, 1) floats of {@code shape}, on the CPU. */
    public Tensor rand(long... shape) {
        return torch.rand(shape, option(), new DimnameListOptional(), new TensorOptions(torch.ScalarType.Float));
    }

    /** Uniform int64 in [0, high) of {@code shape}, on the CPU. */
    public Tensor randint(long high, long... shape) {
        return torch.randint(high, shape, option(), new TensorOptions(torch.ScalarType.Long));
    }

    /** N(0, 1) of {@code like}'s shape, dtype and device. */
    public Tensor randnLike(Tensor like) {
        return onDeviceOf(randn(like.sizes().vec().get()), like);
    }

    /** U[0, 1) of {@code shape}, with {@code like}'s dtype and device. */
    public Tensor randLike(long[] shape, Tensor like) {
        return onDeviceOf(rand(shape), like);
    }

    private static Tensor onDeviceOf(Tensor t, Tensor like) {
        return like.is_cuda() || like.scalar_type() != torch.ScalarType.Float ? t.to(like.device(), like.scalar_type()) : t;
    }

    @Override
    public void close() {
        if (generator != null) {
            generator.releaseReference();
        }
    }
}
