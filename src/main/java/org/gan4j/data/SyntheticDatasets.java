package org.gan4j.data;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.gan4j.BadInputException;

/**
 * Low-dimensional toy distributions that need no files: mixtures of isotropic Gaussians whose modes are
 * known, so that mode collapse can be seen and counted.
 *
 * <ul>
 *   <li>{@code ring8}: 8 Gaussians evenly spaced on the unit circle (angles 2πk/8), σ = 0.01; the mixture on
 *       which Metz et al., "Unrolled Generative Adversarial Networks" (ICLR 2017), show a GAN hopping from
 *       mode to mode.</li>
 *   <li>{@code grid25}: 25 Gaussians at {−4, −2, 0, 2, 4}², σ = 0.05; the grid of Srivastava et al.,
 *       "VEEGAN" (NeurIPS 2017) and Lin et al., "PacGAN" (NeurIPS 2018).</li>
 *   <li>{@code gauss1d}: the one-dimensional N(4, 0.5²) used by popular reproductions of figure 1 of
 *       Goodfellow et al., "Generative Adversarial Nets" (NeurIPS 2014), where the discriminator's curve is
 *       drawn over the data density (the paper gives no parameters).</li>
 * </ul>
 *
 * <p>Each dataset is a fixed sample ({@value #DEFAULT_POINTS} points by default) drawn from a seed that is
 * built in and independent of the run's seed, so the same name always gives the same points and the same
 * digest. The test split uses another built-in seed. The label of a point is the index of the mode it was
 * drawn from (the mode is chosen uniformly), for mode-coverage metrics. Points are drawn with
 * {@link java.util.Random}, whose algorithm is fixed by its specification, so they do not change with the JDK.
 */
public final class SyntheticDatasets {
    /** Points in each split unless asked otherwise. */
    public static final int DEFAULT_POINTS = 65_536;

    private static final long TRAIN_SEED = 0x6A09E667F3BCC908L;
    private static final long TEST_SEED = 0xBB67AE8584CAA73BL;

    private static final List<String> NAMES = List.of("ring8", "grid25", "gauss1d");

    private SyntheticDatasets() {
    }

    private record Mixture(double[][] modes, double sigma) {
    }

    /** The registered names, in a fixed order. */
    public static List<String> names() {
        return NAMES;
    }

    /** Whether {@code name} (any case) is one of {@link #names()}. */
    public static boolean isSynthetic(String name) {
        return name != null && NAMES.contains(name.toLowerCase(Locale.ROOT));
    }

    /** The dataset {@code request.name()} with {@value #DEFAULT_POINTS} points of the requested split. */
    public static Dataset open(DatasetRequest request) {
        return open(request.name(), request.split(), DEFAULT_POINTS);
    }

    /** The dataset {@code name} with {@code points} points of {@code split}, for metrics that need another sample size. */
    public static Dataset open(String name, Split split, int points) {
        if (points < 1) {
            throw new IllegalArgumentException("a synthetic dataset needs at least one point, got " + points);
        }
        String key = key(name);
        Mixture mixture = mixture(key);
        int k = mixture.modes.length;
        int d = mixture.modes[0].length;
        Split s = split == null ? Split.TRAIN : split;
        Random rng = new Random(s == Split.TEST ? TEST_SEED : TRAIN_SEED);
        float[] values = new float[points * d];
        int[] labels = new int[points];
        for (int i = 0; i < points; i++) {
            int mode = rng.nextInt(k);
            labels[i] = mode;
            for (int j = 0; j < d; j++) {
                values[i * d + j] = (float) (mixture.modes[mode][j] + mixture.sigma * rng.nextGaussian());
            }
        }
        return new Points(key + "/" + s.label(), d, k, values, labels);
    }

    /** Centres of the mixture's Gaussians, indexed by label (a fresh copy). */
    public static double[][] modes(String name) {
        double[][] modes = mixture(key(name)).modes;
        double[][] copy = new double[modes.length][];
        for (int i = 0; i < modes.length; i++) {
            copy[i] = modes[i].clone();
        }
        return copy;
    }

    /** Standard deviation of every Gaussian of the mixture (the same along each axis). */
    public static double sigma(String name) {
        return mixture(key(name)).sigma;
    }

    private static String key(String name) {
        if (!isSynthetic(name)) {
            throw new BadInputException("unknown synthetic dataset '" + name + "' (known: " + String.join(", ", NAMES) + ")");
        }
        return name.toLowerCase(Locale.ROOT);
    }

    private static Mixture mixture(String key) {
        switch (key) {
            case "ring8": {
                double[][] modes = new double[8][];
                for (int k = 0; k < 8; k++) {
                    double angle = 2 * Math.PI * k / 8;
                    modes[k] = new double[] {Math.cos(angle), Math.sin(angle)};
                }
                return new Mixture(modes, 0.01);
            }
            case "grid25": {
                double[][] modes = new double[25][];
                for (int k = 0; k < 25; k++) {
                    modes[k] = new double[] {-4 + 2 * (k / 5), -4 + 2 * (k % 5)};
                }
                return new Mixture(modes, 0.05);
            }
            case "gauss1d":
                return new Mixture(new double[][] {{4.0}}, 0.5);
            default:
                throw new IllegalStateException("no mixture for " + key);
        }
    }

    /** A fixed set of labelled points, {@code dimension} floats each. */
    private static final class Points extends AbstractDataset {
        private final int dimension;
        private final float[] values;

        Points(String name, int dimension, int numClasses, float[] values, int[] labels) {
            super(name, SampleShape.vector(dimension), labels.length, labels, numClasses);
            this.dimension = dimension;
            this.values = values;
        }

        @Override
        public void copyTo(int index, float[] dst, int offset) {
            System.arraycopy(values, index * dimension, dst, offset, dimension);
        }

        /** The values (IEEE bits, big-endian) followed by the labels (4 bytes each, big-endian). */
        @Override
        protected void digestContent(MessageDigest sha) {
            ByteBuffer buf = ByteBuffer.allocate(4 * values.length);
            buf.asFloatBuffer().put(values);
            sha.update(buf);
            updateInts(sha, labels());
        }
    }
}
