package org.gan4j.eval;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.gan4j.data.Dataset;
import org.gan4j.features.FeatureNetwork;
import org.gan4j.io.AtomicFiles;
import org.gan4j.metrics.ClassCoverage;
import org.gan4j.metrics.Features;

/**
 * Real-data references on disk, one file per (dataset split and its digest, sample count, subset
 * seed, feature network digest), so the real side of a metric is computed once per machine.
 * Directory: {@code $GAN4J_CACHE}, else {@code $XDG_CACHE_HOME/gan4j}, else {@code ~/.cache/gan4j}
 * (or one given explicitly, {@code eval --cache DIR}).
 *
 * <p>A file holds its full key, checked on reading, then the features and probabilities as floats
 * (exact: the network computes floats) and the class distribution. A file that is unreadable or
 * belongs to another key is recomputed and replaced, with a message; files appear atomically.
 */
public final class ReferenceCache {
    private static final String MAGIC = "gan4j-real-reference-1";
    /** Seed of the real subset when fewer images are asked for than the split holds. */
    public static final long SUBSET_SEED = 0;

    private final Path dir;

    public ReferenceCache(Path dir) {
        this.dir = dir;
    }

    /** The cache in the default directory. */
    public static ReferenceCache standard() {
        return new ReferenceCache(defaultDir());
    }

    /**
     * The system property {@code gan4j.cache} (for embedding applications and tests), else
     * {@code $GAN4J_CACHE}, else {@code $XDG_CACHE_HOME/gan4j}, else {@code ~/.cache/gan4j}.
     */
    public static Path defaultDir() {
        String property = System.getProperty("gan4j.cache");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String own = System.getenv("GAN4J_CACHE");
        if (own != null && !own.isBlank()) {
            return Path.of(own);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache")).resolve("gan4j");
    }

    public Path dir() {
        return dir;
    }

    /**
     * The reference of {@code min(n, data.size())} images of {@code data} under {@code net}: read from
     * the cache when there, otherwise computed and stored.
     */
    public RealReference get(Dataset data, int n, FeatureNetwork net, Consumer<String> messages) {
        int m = Math.min(n, data.size());
        String key = RealReference.key(data.name(), data.digest(), m, SUBSET_SEED, net.name(), net.digest());
        Path file = dir.resolve(data.name().replaceAll("[^A-Za-z0-9._-]", "_") + "-n" + m + "-" + net.name() + "-"
                + sha256(key).substring(0, 16) + ".ref");
        if (Files.isRegularFile(file)) {
            try {
                RealReference cached = read(file, key, data.name(), data.digest(), m, net);
                messages.accept("real " + data.name() + " features (n=" + m + ") from the cache " + file);
                return cached;
            } catch (IOException | RuntimeException e) {
                messages.accept("cache file " + file + " is unusable (" + e.getMessage() + "); recomputing it");
            }
        }
        RealReference ref = compute(data, m, net);
        try {
            write(file, ref);
            messages.accept("real " + data.name() + " features (n=" + m + ") computed and cached in " + file);
        } catch (RuntimeException e) {
            messages.accept("could not cache real features in " + file + " (" + e.getMessage() + ")");
        }
        return ref;
    }

    /** The reference without any cache. */
    public static RealReference compute(Dataset data, int n, FeatureNetwork net) {
        EvalImages images = EvalImages.fromDataset(data, n, SUBSET_SEED, net.isInception());
        int[] idx = EvalImages.subset(data.size(), n, SUBSET_SEED);
        int[] labels = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            labels[i] = data.label(idx[i]);
        }
        FeatureNetwork.Output out = net.apply(images.pixels(), images.n(), images.shape());
        int classes = out.probabilities().d();
        return new RealReference(data.name(), data.digest(), images.n(), SUBSET_SEED, net.name(), net.digest(),
                out.features(), out.probabilities(), ClassCoverage.distribution(labels, classes));
    }

    private static void write(Path file, RealReference ref) {
        AtomicFiles.writeStream(file, raw -> {
            DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(raw, 1 << 16));
            out.writeUTF(MAGIC);
            out.writeUTF(ref.key());
            writeFeatures(out, ref.features());
            writeFeatures(out, ref.probabilities());
            double[] dist = ref.classDistribution();
            out.writeInt(dist.length);
            for (double v : dist) {
                out.writeDouble(v);
            }
            out.flush();
        });
    }

    private static RealReference read(Path file, String key, String data, String digest, int n, FeatureNetwork net) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            if (!MAGIC.equals(in.readUTF())) {
                throw new IOException("not a gan4j reference file");
            }
            String found = in.readUTF();
            if (!key.equals(found)) {
                throw new IOException("it was written for " + found);
            }
            Features features = readFeatures(in);
            Features probabilities = readFeatures(in);
            double[] dist = new double[in.readInt()];
            for (int i = 0; i < dist.length; i++) {
                dist[i] = in.readDouble();
            }
            if (in.read() != -1) {
                throw new IOException("trailing bytes");
            }
            if (features.n() != n || probabilities.n() != n) {
                throw new IOException("holds " + features.n() + " rows, expected " + n);
            }
            return new RealReference(data, digest, n, SUBSET_SEED, net.name(), net.digest(), features, probabilities, dist);
        }
    }

    private static void writeFeatures(DataOutputStream out, Features f) throws IOException {
        out.writeInt(f.n());
        out.writeInt(f.d());
        for (double v : f.values()) {
            out.writeFloat((float) v);
        }
    }

    private static Features readFeatures(DataInputStream in) throws IOException {
        int n = in.readInt();
        int d = in.readInt();
        if (n < 1 || d < 1 || (long) n * d > 100_000_000L) {
            throw new IOException("bad matrix size " + n + " x " + d);
        }
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readFloat();
        }
        return Features.ofFloats(v, n, d);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
