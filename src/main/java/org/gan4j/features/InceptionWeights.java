package org.gan4j.features;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.gan4j.BadInputException;
import org.gan4j.data.Downloader;

/**
 * pytorch-fid's Inception-v3 weights ({@value #FILE}, 95.6 MB, the TensorFlow 2015-12-05 graph
 * ported to PyTorch): a file the user names ({@code --inception WEIGHTS}), or the copy in
 * {@code ~/.gan4j/weights/}, downloaded once from pytorch-fid's release. Either way the file's
 * SHA-256 must start with {@value #SHA256_PREFIX}, the prefix its name publishes (the release
 * gives no full digest): gan4j never ships these weights, and names its metrics {@code fid},
 * {@code kid}, {@code is} only for them.
 */
public final class InceptionWeights {
    /** The release file's name. */
    public static final String FILE = "pt_inception-2015-12-05-6726825d.pth";
    /** The SHA-256 prefix in its name. */
    public static final String SHA256_PREFIX = "6726825d";
    /** pytorch-fid's release folder ({@code FID_WEIGHTS_URL} without the file name). */
    public static final URI RELEASE = URI.create("https://github.com/mseitzer/pytorch-fid/releases/download/fid_weights/");

    private static FeatureNetwork loaded;
    private static Path loadedFrom;
    /** Files whose digest was checked, with the size and modification time they had then: hashing 96 MB once is enough. */
    private static final java.util.Map<Path, String> VERIFIED = new java.util.concurrent.ConcurrentHashMap<>();

    private InceptionWeights() {
    }

    /**
     * The system property {@code gan4j.weights} (tests, embedding applications), else
     * {@code $GAN4J_WEIGHTS}, else {@code ~/.gan4j/weights}.
     */
    public static Path defaultDir() {
        String property = System.getProperty("gan4j.weights");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv("GAN4J_WEIGHTS");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".gan4j", "weights");
    }

    /**
     * The weights file: {@code explicit} when given (it must exist), else {@value #FILE} in
     * {@code dir}, downloaded from {@code release} when absent (resumable; the part file is kept
     * across attempts). Checks the SHA-256 prefix either way.
     *
     * @throws BadInputException a missing file, a digest without the prefix, or a failed download
     */
    public static Path resolve(Path explicit, Path dir, URI release, Consumer<String> messages) {
        Path file;
        if (explicit != null) {
            if (!Files.isRegularFile(explicit)) {
                throw new BadInputException("--inception " + explicit + ": no such file");
            }
            file = explicit;
        } else {
            file = dir.resolve(FILE);
            if (!Files.isRegularFile(file)) {
                try {
                    messages.accept("Inception-v3 weights are not in " + dir + "; downloading " + release.resolve(FILE));
                    Downloader.fetchWithSha256Prefix(FILE, release, SHA256_PREFIX, dir, messages);
                } catch (IOException e) {
                    throw new BadInputException("cannot download pytorch-fid's Inception-v3 weights (" + Downloader.reason(e)
                            + "); fetch " + release.resolve(FILE) + " elsewhere and pass --inception FILE");
                }
            }
        }
        String stamp = stamp(file);
        if (stamp != null && stamp.equals(VERIFIED.get(file.toAbsolutePath()))) {
            return file;
        }
        String digest = sha256(file);
        if (!digest.startsWith(SHA256_PREFIX)) {
            throw new BadInputException(file + ": SHA-256 " + digest.substring(0, 16) + "..., not pytorch-fid's "
                    + SHA256_PREFIX + "... (" + FILE + ")");
        }
        if (stamp != null) {
            VERIFIED.put(file.toAbsolutePath(), stamp);
        }
        return file;
    }

    private static String stamp(Path file) {
        try {
            return Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return null;
        }
    }

    /** {@link #resolve} in the default directory from pytorch-fid's release, then loaded once per process. */
    public static synchronized FeatureNetwork network(Path explicit, Consumer<String> messages) {
        Path file = resolve(explicit, defaultDir(), RELEASE, messages);
        if (loaded == null || !file.toAbsolutePath().equals(loadedFrom)) {
            loaded = load(file);
            loadedFrom = file.toAbsolutePath();
        }
        return loaded;
    }

    /**
     * The network of a state dict file as {@link FeatureNetwork#inception}; the SHA-256 is not checked
     * here (the cross-check test loads seeded random weights through this), but only the real weights
     * get the name {@value InceptionV3#NAME}.
     */
    public static FeatureNetwork load(Path file) {
        return FeatureNetwork.inception(InceptionV3.load(file), sha256(file));
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                md.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + " (" + e.getMessage() + ")");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
