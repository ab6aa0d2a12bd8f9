package org.gan4j.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.gan4j.BadInputException;

/**
 * SVHN, the Street View House Numbers (Netzer et al. 2011, "Reading Digits in Natural Images with Unsupervised
 * Feature Learning"), cropped-digits format: 32x32 colour images of house-number digits, 10 classes, from
 * http://ufldl.stanford.edu/housenumbers/ ({@code train_32x32.mat}, 73,257 images, 182,040,794 bytes;
 * {@code test_32x32.mat}, 26,032 images, 64,275,384 bytes; the 531,131 "extra" images are not offered).
 *
 * <p>Why SVHN as the second dataset beside {@link Cifar10}, rather than STL-10: it is 32x32 RGB like CIFAR-10,
 * the side the 32x32 DCGAN, progan and stylegan are built for, so it trains on the same networks with no
 * resizing; STL-10 is 96x96 and would be resized (and is 2.6 GB).
 *
 * <p>The files are MATLAB Level 5 MAT-files ({@link MatFile}) holding two arrays: {@code X}, uint8 of dims
 * 32x32x3xN (height, width, channel, image; column-major, so byte X(h, w, c, n) is at
 * h + 32·(w + 32·(c + 3·n)) and each image's 3,072 bytes are contiguous), and {@code y}, N×1 (double, which
 * MATLAB may store compactly as uint8) with labels 1-10, where 10 is the digit 0. torchvision's {@code SVHN}
 * reads them the same way ({@code np.transpose(X, (3, 2, 0, 1))} to N×C×H×W, and 10 replaced by 0). Here each
 * image is transposed to the C×H×W row-major bytes of {@link Dataset#copyTo} and the labels mapped to 0-9, so
 * class k is the digit k; the result is an {@link IdxDataset} (bytes over 255).
 *
 * <p>A split is looked for, in order, in the directory named by {@code --data DIR} (which fails rather than
 * falling through), {@code $GAN4J_DATA/svhn}, {@code ~/.gan4j/data/svhn}, and, when downloads are allowed, on
 * the authors' site: the split's file lands in {@code ~/.gan4j/data/svhn} (resumable, see {@link Downloader}).
 *
 * <p>The checks: the authors publish no digests, and gan4j was written offline, so no SHA-256 of the real files
 * is known here and none is invented. A download must match the MD5 that torchvision's {@code svhn.py} lists for
 * the file (which fixes its size too). Every file read, downloaded or local, must have the structure above (the
 * array types, 32x32x3 images, the same N in {@code X} and {@code y}, labels 1-10, every element whole, zlib's
 * Adler-32 checks of compressed elements); a local file whose size is not the published one is read (a subset
 * saved in the same layout is legitimate, and is what the tests use) with a note saying so. The SHA-256 of the
 * bytes read is reported in the "reading" message, to be compared with other copies, and the dataset's
 * {@link Dataset#digest} covers the pixels and labels. A wrong file is a one-line {@link BadInputException}
 * naming it.
 */
public final class Svhn {
    /** The name it is registered under: {@code --dataset svhn}. */
    public static final String NAME = "svhn";
    static final List<URI> MIRRORS = List.of(URI.create("http://ufldl.stanford.edu/housenumbers/"));
    static final SampleShape SHAPE = SampleShape.image(3, 32, 32);
    static final int CLASSES = 10;
    private static final int SIDE = 32;
    private static final int IMAGE = 3 * SIDE * SIDE;

    /** What a split's file must be: its name, size in bytes, and the MD5 a download is checked against. */
    record Expected(String file, long bytes, String md5) {
    }

    /** The authors' files, with torchvision's MD5s ({@code torchvision/datasets/svhn.py}). */
    static final Map<Split, Expected> FILES = Map.of(
            Split.TRAIN, new Expected("train_32x32.mat", 182_040_794L, "e26dedcc434d2e4c54c9b2d4a06d8373"),
            Split.TEST, new Expected("test_32x32.mat", 64_275_384L, "eb5a983be6a315427106f1b164d9cef3"));

    private final NamedDatasets.Locations locations;
    private final List<URI> mirrors;
    private final Map<Split, Expected> files;
    private final Supplier<Downloader> downloader;

    Svhn(NamedDatasets.Locations locations, List<URI> mirrors, Map<Split, Expected> files, Supplier<Downloader> downloader) {
        this.locations = locations;
        this.mirrors = mirrors;
        this.files = files;
        this.downloader = downloader;
    }

    private static Svhn standard() {
        return new Svhn(NamedDatasets.Locations.fromEnvironment(), MIRRORS, FILES, Downloader::create);
    }

    /**
     * Opens the split {@code request.split()} of SVHN, downloading its file first when it is nowhere on disk and
     * {@code request.download()} allows it.
     *
     * @throws BadInputException when the data cannot be found or obtained, or a file is malformed
     */
    public static Dataset open(DatasetRequest request) {
        return standard().openDataset(request);
    }

    /** One line for {@code gan4j info}: where each split would be read from now. Never downloads or reads. */
    public static String describe() {
        return standard().describeDataset();
    }

    Dataset openDataset(DatasetRequest request) {
        Split split = request.split() == null ? Split.TRAIN : request.split();
        Expected expected = files.get(split);
        String label = NAME + "/" + split.label();
        if (request.dataDir() != null) {
            Path file = request.dataDir().resolve(expected.file());
            if (!Files.isRegularFile(file)) {
                throw new BadInputException("dataset '" + NAME + "' not found in " + request.dataDir() + ": expected "
                        + expected.file() + " there");
            }
            return read(label, file, expected, request);
        }
        for (Path dir : searchDirs()) {
            Path file = dir.resolve(expected.file());
            if (Files.isRegularFile(file)) {
                return read(label, file, expected, request);
            }
        }
        if (!request.download()) {
            throw notFound(expected, "download is off");
        }
        Path dir = locations.userDir(NAME);
        try {
            downloader.get().fetch(expected.file(), mirrors, Map.of("MD5", expected.md5()), dir, request.messages());
        } catch (IOException e) {
            throw notFound(expected, "download failed: " + Downloader.describe(e));
        }
        return read(label, dir.resolve(expected.file()), expected, request);
    }

    String describeDataset() {
        List<String> parts = new ArrayList<>();
        for (Split split : Split.values()) {
            Expected e = files.get(split);
            Path found = searchDirs().stream().map(d -> d.resolve(e.file())).filter(Files::isRegularFile).findFirst().orElse(null);
            parts.add(split.label() + (found != null ? " in " + found : " not found; would download " + mirrors.get(0)
                    + e.file() + " (" + Math.round(e.bytes() / (1024.0 * 1024.0)) + " MB) into " + locations.userDir(NAME)));
        }
        return String.join("; ", parts);
    }

    private List<Path> searchDirs() {
        List<Path> dirs = new ArrayList<>();
        if (locations.envRoot() != null) {
            dirs.add(locations.envRoot().resolve(NAME));
        }
        dirs.add(locations.userDir(NAME));
        return dirs;
    }

    private static Dataset read(String label, Path file, Expected expected, DatasetRequest request) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot be read (" + Downloader.describe(e) + ")");
        }
        if (size != expected.bytes()) {
            request.messages().accept("note: " + file + " is " + size + " bytes, not the " + expected.bytes() + " of SVHN's "
                    + expected.file() + "; reading it as a file of the same layout");
        }
        Read r = fromMat(label, file);
        request.messages().accept("reading " + label + " from " + file + " (SHA-256 " + r.sha256() + ")");
        return r.data();
    }

    /** A split as read, and the SHA-256 of the file's bytes. */
    record Read(IdxDataset data, String sha256) {
    }

    /**
     * Reads a MAT-file holding SVHN's {@code X} and {@code y} (any other arrays are refused), checking their
     * classes, dimensions and labels.
     */
    static Read fromMat(String label, Path file) {
        Contents arrays = new Contents(file);
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        try (InputStream in = new DigestInputStream(new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16), sha)) {
            MatFile.read(in, arrays);
        } catch (MatFile.MatException e) {
            throw new BadInputException(file + ": " + e.getMessage());
        } catch (EOFException e) {
            throw new BadInputException(file + ": is truncated (" + Downloader.describe(e) + ")");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot be read (" + Downloader.describe(e) + ")");
        }
        if (arrays.pixels == null || arrays.labels == null) {
            throw new BadInputException(file + ": holds no array '" + (arrays.pixels == null ? "X" : "y")
                    + "' (is it SVHN's cropped digits, train_32x32.mat or test_32x32.mat?)");
        }
        if (arrays.pixels.length / IMAGE != arrays.labels.length) {
            throw new BadInputException(file + ": 'X' holds " + arrays.pixels.length / IMAGE + " images but 'y' "
                    + arrays.labels.length + " labels");
        }
        return new Read(IdxDataset.withClasses(label, arrays.pixels, arrays.labels.length, SHAPE, arrays.labels, CLASSES),
                HexFormat.of().formatHex(sha.digest()));
    }

    /** Collects {@code X} as C×H×W bytes per image and {@code y} as labels 0-9. */
    private static final class Contents implements MatFile.Handler {
        private final Path file;
        byte[] pixels;
        byte[] labels;

        Contents(Path file) {
            this.file = file;
        }

        @Override
        public void variable(MatFile.Variable v, MatFile.Values values) throws IOException {
            switch (v.name()) {
                case "X" -> pixels(v, values);
                case "y" -> labels(v, values);
                default -> throw new MatFile.MatException("holds array " + v.describe()
                        + ", but SVHN's files hold only 'X' and 'y'");
            }
        }

        private void pixels(MatFile.Variable v, MatFile.Values values) throws IOException {
            int[] d = v.dims();
            if (pixels != null || v.matlabClass() != MatFile.MX_UINT8 || v.dataType() != MatFile.MI_UINT8 || d.length != 4
                    || d[0] != SIDE || d[1] != SIDE || d[2] != 3 || d[3] == 0) {
                throw new MatFile.MatException("holds " + (pixels != null ? "a second " : "") + "array " + v.describe()
                        + ", but SVHN's 'X' is uint8, 32x32x3xN with N > 0");
            }
            int n = d[3];
            if ((long) n * IMAGE > Integer.MAX_VALUE - 8) {
                throw new MatFile.MatException("holds " + n + " images in 'X', too many for one array");
            }
            pixels = new byte[n * IMAGE];
            byte[] image = new byte[IMAGE];
            for (int i = 0; i < n; i++) {
                values.readBytes(image, 0, IMAGE);
                int to = i * IMAGE;
                // X(h, w, c) is image[h + 32 w + 1024 c]; C×H×W wants it at c·1024 + h·32 + w
                for (int c = 0; c < 3; c++) {
                    for (int w = 0; w < SIDE; w++) {
                        int from = SIDE * w + SIDE * SIDE * c;
                        for (int h = 0; h < SIDE; h++) {
                            pixels[to + c * SIDE * SIDE + h * SIDE + w] = image[from + h];
                        }
                    }
                }
            }
        }

        private void labels(MatFile.Variable v, MatFile.Values values) throws IOException {
            int[] d = v.dims();
            boolean numeric = v.matlabClass() == MatFile.MX_DOUBLE || v.matlabClass() == MatFile.MX_UINT8;
            if (labels != null || !numeric || d.length != 2 || d[1] != 1 || d[0] == 0) {
                throw new MatFile.MatException("holds " + (labels != null ? "a second " : "") + "array " + v.describe()
                        + ", but SVHN's 'y' is double or uint8, Nx1 with N > 0");
            }
            labels = new byte[d[0]];
            for (int i = 0; i < labels.length; i++) {
                double y = values.next();
                if (y != Math.rint(y) || y < 1 || y > 10) {
                    throw new MatFile.MatException("has label " + y + " at index " + i + " of 'y', but SVHN's labels are 1-10");
                }
                labels[i] = (byte) ((int) y % 10);
            }
        }
    }

    private BadInputException notFound(Expected expected, String reason) {
        return new BadInputException(("dataset '" + NAME + "' not found: pass --data DIR (a folder with " + expected.file()
                + "), set GAN4J_DATA, put " + expected.file() + " in " + locations.userDir(NAME)
                + ", or allow the download (" + reason + ")").replaceAll("[\\r\\n]+", " "));
    }
}
