package org.gan4j.nn;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.engine.ComputeDevice;
import org.gan4j.engine.Rng;

/**
 * What a generator's input is drawn from: p(z), and with it a class per sample (class-conditional
 * GANs) or InfoGAN's codes. Training, sample grids, {@code sample}, {@code eval}, {@code --eval-every}
 * and {@code interpolate} all draw through a run's prior, so each sees the labels and codes its
 * generator was trained with.
 * <ul>
 *   <li>{@link Noise}: z alone.</li>
 *   <li>{@link Classes}: z and a class per sample, uniform over K.</li>
 *   <li>{@link Codes}: z and InfoGAN's categorical and continuous (U(−1, 1)) codes.</li>
 * </ul>
 * Every draw comes from the thread's {@link Rng#current() generator}, which the trainer reseeds per
 * step: the same seed draws the same batch.
 */
public sealed interface Prior permits Prior.Noise, Prior.Classes, Prior.Codes {

    /** A batch of {@code batch} inputs. */
    Latent draw(long batch, ComputeDevice device);

    /** The batch a sample grid shows: {@code count} draws, or for a class grid one row per class. */
    default Latent grid(int count, boolean image, ComputeDevice device) {
        return draw(count, device);
    }

    /** Tiles per row of the sample grid; 0 = square. */
    default int gridColumns(boolean image) {
        return 0;
    }

    /** The prior of a generator: class-conditional when it has classes, InfoGAN's when it has codes. */
    static Prior of(LatentNoise noise, int latentDim, int classes, LatentCodes codes) {
        if (classes > 0) {
            return new Classes(noise, latentDim, classes);
        }
        if (codes != null && !codes.isEmpty()) {
            return new Codes(noise, latentDim, codes);
        }
        return new Noise(noise, latentDim);
    }

    /** Options of int64 class indices (made per call: a static native object could be freed by the first memory scope it met). */
    private static TensorOptions longs() {
        return new TensorOptions(torch.ScalarType.Long);
    }

    private static Tensor onDevice(Tensor t, ComputeDevice device) {
        return device.isCuda() ? t.to(device.torchDevice(), t.scalar_type()) : t;
    }

    /** z alone. */
    record Noise(LatentNoise noise, int latentDim) implements Prior {
        @Override
        public Latent draw(long batch, ComputeDevice device) {
            return new Latent(noise.sample(batch, latentDim, device), null, null, null);
        }
    }

    /** z and y ~ U{0..K−1}. */
    record Classes(LatentNoise noise, int latentDim, int classes) implements Prior {
        /** Noise vectors per row of the class grid. */
        public static final int GRID_COLUMNS = 8;

        @Override
        public Latent draw(long batch, ComputeDevice device) {
            Tensor z = noise.sample(batch, latentDim, device);
            Tensor labels = onDevice(Rng.current().randint(classes, batch), device);
            return new Latent(z, labels, null, null);
        }

        /** {@code batch} noise vectors, all of class {@code k}. */
        public Latent ofClass(long batch, int k, ComputeDevice device) {
            Tensor z = noise.sample(batch, latentDim, device);
            Tensor labels = onDevice(torch.full(new long[] {batch}, new Scalar(k), longs()), device);
            return new Latent(z, labels, null, null);
        }

        /**
         * Images: one row per class, one column per noise vector ({@value #GRID_COLUMNS} vectors shared by all
         * rows); points: {@code count} draws with labels 0, 1, ..., K−1, 0, 1, ...
         */
        @Override
        public Latent grid(int count, boolean image, ComputeDevice device) {
            if (!image) {
                Tensor z = noise.sample(count, latentDim, device);
                Tensor labels = torch.arange(new Scalar(count)).remainder(new Scalar(classes));
                return new Latent(z, onDevice(labels, device), null, null);
            }
            Tensor z = noise.sample(GRID_COLUMNS, latentDim, device).repeat(classes, 1);       // (K·8)×latent, row k·8+j = z_j
            Tensor labels = torch.arange(new Scalar(classes)).repeat_interleave(GRID_COLUMNS); // k repeated 8 times
            return new Latent(z, onDevice(labels, device), null, null);
        }

        @Override
        public int gridColumns(boolean image) {
            return image ? GRID_COLUMNS : 0;
        }
    }

    /** z and InfoGAN's codes: c_cat ~ U{0..K−1}, c_cont ~ U(−1, 1)ⁿ. */
    record Codes(LatentNoise noise, int latentDim, LatentCodes codes) implements Prior {
        @Override
        public Latent draw(long batch, ComputeDevice device) {
            Tensor z = noise.sample(batch, latentDim, device);
            Tensor categories = codes.categories() > 0 ? Rng.current().randint(codes.categories(), batch) : null;
            Tensor continuous = codes.continuous() > 0
                    ? LatentNoise.UNIFORM.sample(batch, codes.continuous(), ComputeDevice.CPU) : null;
            return withCodes(z, categories, continuous, device);
        }

        /** G's input [z, one-hot(categories), continuous] (codes drawn on the CPU, moved with it). */
        public Latent withCodes(Tensor z, Tensor categories, Tensor continuous, ComputeDevice device) {
            TensorVector parts = new TensorVector(z);
            if (categories != null) {
                categories = onDevice(categories, device);
                parts.push_back(torch.one_hot(categories, codes.categories()).to(z.scalar_type()));
            }
            if (continuous != null) {
                continuous = onDevice(continuous, device);
                parts.push_back(continuous);
            }
            return new Latent(torch.cat(parts, 1), null, categories, continuous);
        }
    }
}
