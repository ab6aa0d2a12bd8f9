package org.gan4j.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.gan4j.BadInputException;

/**
 * CIFAR-10 (Krizhevsky 2009, "Learning Multiple Layers of Features from Tiny Images"): 60,000
 * 32x32 colour images in 10 classes, read from the authors' binary version
 * ({@code cifar-10-binary.tar.gz}, 170,052,171 bytes).
 *
 * <p>Each batch file is a run of 3,073-byte records: one label byte (0-9), then 1,024 red, 1,024
 * green and 1,024 blue bytes, each plane row-major 32x32. That is already the C×H×W order of
 * {@link Dataset#copyTo}, so the records become an {@link IdxDataset} (bytes, scaled to [0, 1] per
 * sample) without reordering. {@code data_batch_1.bin} to {@code data_batch_5.bin} are the train
 * split (50,000 images), {@code test_batch.bin} the test split (10,000).
 *
 * <p>A split is looked for, in order, in
 * <ol>
 *   <li>the directory the user named ({@code --data DIR}), which fails rather than falling through;</li>
 *   <li>{@code $GAN4J_DATA/cifar10};</li>
 *   <li>{@code ~/.gan4j/data/cifar10};</li>
 *   <li>the authors' site, when downloads are allowed: the tarball lands in {@code ~/.gan4j/data/cifar10}
 *       (resumable, see {@link Downloader}) once its SHA-256 and MD5 both match.</li>
 * </ol>
 * A directory holds the data when it has the split's batch files (it is the extracted
 * {@code cifar-10-batches-bin}), when its {@code cifar-10-batches-bin} subdirectory has them, or when
 * it holds {@code cifar-10-binary.tar.gz}. The tarball is kept as downloaded, not extracted: it is
 * read in one pass through {@link GZIPInputStream} and a small ustar reader, so the verified file is
 * the only copy on disk (162 MB rather than 162 + 184).
 *
 * <p>The digests: the MD5 is the one the authors publish beside the link on
 * https://www.cs.toronto.edu/~kriz/cifar.html; the SHA-256 (and the size) are the ones
 * tensorflow-datasets records for the same URL ({@code tensorflow_datasets/url_checksums/cifar10.txt}).
 * gan4j could not compute either itself (it was written offline), so a download must match both.
 * As for MNIST, local copies are not checked against the digests; their structure is (whole records,
 * labels 0-9, gzip's CRC and tar's header checksums), and a {@link BadInputException} names the file.
 */
public final class Cifar10 {
    /** The name it is registered under: {@code --dataset cifar10}. */
    public static final String NAME = "cifar10";
    static final String ARCHIVE = "cifar-10-binary.tar.gz";
    /** The folder the tarball extracts to. */
    static final String FOLDER = "cifar-10-batches-bin";
    static final List<URI> MIRRORS = List.of(URI.create("https://www.cs.toronto.edu/~kriz/"));
    /** Expected digests of {@link #ARCHIVE}, both checked; see the class comment for where each comes from. */
    static final Map<String, String> DIGESTS = orderedDigests(
            "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd",
            "c32a1d4ab5d03f1284b67883e8d87530");
    static final SampleShape SHAPE = SampleShape.image(3, 32, 32);
    static final int CLASSES = 10;
    /** One label byte and 3x32x32 pixel bytes. */
    static final int RECORD = 1 + 3 * 32 * 32;

    private final NamedDatasets.Locations locations;
    private final List<URI> mirrors;
    private final Map<String, String> digests;
    private final Supplier<Downloader> downloader;

    Cifar10(NamedDatasets.Locations locations, List<URI> mirrors, Map<String, String> digests,
            Supplier<Downloader> downloader) {
        this.locations = locations;
        this.mirrors = mirrors;
        this.digests = digests;
        this.downloader = downloader;
    }

    static Map<String, String> orderedDigests(String sha256, String md5) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("SHA-256", sha256);
        m.put("MD5", md5);
        return m;
    }

    private static Cifar10 standard() {
        return new Cifar10(NamedDatasets.Locations.fromEnvironment(), MIRRORS, DIGESTS, Downloader::create);
    }

    /**
     * Opens the split {@code request.split()} of CIFAR-10, downloading the tarball first when it is
     * nowhere on disk and {@code request.download()} allows it.
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

    /** The batch files of a split, in the order their records are concatenated. */
    static List<String> members(Split split) {
        if (split == Split.TEST) {
            return List.of("test_batch.bin");
        }
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            names.add("data_batch_" + i + ".bin");
        }
        return names;
    }

    Dataset openDataset(DatasetRequest request) {
        Split split = request.split() == null ? Split.TRAIN : request.split();
        String label = NAME + "/" + split.label();
        if (request.dataDir() != null) {
            Path source = locate(request.dataDir(), split);
            if (source == null) {
                throw new BadInputException("dataset '" + NAME + "' not found in " + request.dataDir() + ": expected "
                        + String.join(", ", members(split)) + " there (the extracted " + FOLDER + " folder), in its "
                        + FOLDER + " subfolder, or " + ARCHIVE);
            }
            return read(label, source, split, request);
        }
        for (Path dir : searchDirs()) {
            Path source = locate(dir, split);
            if (source != null) {
                return read(label, source, split, request);
            }
        }
        if (!request.download()) {
            throw notFound("download is off");
        }
        Path dir = locations.userDir(NAME);
        try {
            downloader.get().fetch(ARCHIVE, mirrors, digests, dir, request.messages());
        } catch (IOException e) {
            throw notFound("download failed: " + Downloader.describe(e));
        }
        return read(label, dir.resolve(ARCHIVE), split, request);
    }

    String describeDataset() {
        List<String> parts = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Map<Path, List<String>> found = new LinkedHashMap<>();
        for (Split split : Split.values()) {
            Path source = searchDirs().stream().map(d -> locate(d, split)).filter(p -> p != null).findFirst().orElse(null);
            if (source == null) {
                missing.add(split.label());
            } else {
                found.computeIfAbsent(source, k -> new ArrayList<>()).add(split.label());
            }
        }
        found.forEach((source, splits) -> parts.add(String.join(" and ", splits) + " in " + source));
        if (!missing.isEmpty()) {
            parts.add(String.join(" and ", missing) + " not found; would download " + mirrors.get(0) + ARCHIVE
                    + " (162 MB) into " + locations.userDir(NAME));
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

    /**
     * Where {@code dir} holds {@code split}: the directory with its batch files ({@code dir} itself or
     * {@code dir/cifar-10-batches-bin}), the tarball, or null.
     */
    static Path locate(Path dir, Split split) {
        for (Path d : List.of(dir, dir.resolve(FOLDER))) {
            if (members(split).stream().allMatch(m -> Files.isRegularFile(d.resolve(m)))) {
                return d;
            }
        }
        Path archive = dir.resolve(ARCHIVE);
        return Files.isRegularFile(archive) ? archive : null;
    }

    private static Dataset read(String label, Path source, Split split, DatasetRequest request) {
        request.messages().accept("reading " + label + " from " + source);
        List<String> names = members(split);
        List<byte[]> batches = new ArrayList<>();
        List<String> files = new ArrayList<>();
        if (Files.isDirectory(source)) {
            for (String name : names) {
                Path file = source.resolve(name);
                try {
                    batches.add(Files.readAllBytes(file));
                } catch (IOException e) {
                    throw new BadInputException(file + ": cannot be read (" + Downloader.describe(e) + ")");
                }
                files.add(file.toString());
            }
        } else {
            Map<String, byte[]> found = TarGz.read(source, names);
            for (String name : names) {
                byte[] b = found.get(name);
                if (b == null) {
                    throw new BadInputException(source + ": holds no " + FOLDER + "/" + name
                            + " (is it the CIFAR-10 binary version, " + ARCHIVE + "?)");
                }
                batches.add(b);
                files.add(source + " (" + FOLDER + "/" + name + ")");
            }
        }
        return fromBatches(label, batches, files);
    }

    /**
     * Joins batch files of 3,073-byte records into one dataset, checking that each is a whole,
     * non-zero number of records and that every label is 0-9.
     *
     * @param files what to call each batch in messages (its path)
     */
    static IdxDataset fromBatches(String label, List<byte[]> batches, List<String> files) {
        long total = 0;
        for (int i = 0; i < batches.size(); i++) {
            int length = batches.get(i).length;
            if (length == 0 || length % RECORD != 0) {
                throw new BadInputException(files.get(i) + ": " + (length == 0 ? "is empty" : length + " bytes are "
                        + length / RECORD + " records and " + length % RECORD + " bytes")
                        + ", but CIFAR-10 batch files are whole " + RECORD + "-byte records (1 label byte, 3x32x32 pixels)");
            }
            total += length / RECORD;
        }
        int n = Math.toIntExact(total);
        int features = SHAPE.features();
        byte[] pixels = new byte[n * features];
        byte[] labels = new byte[n];
        int at = 0;
        for (int i = 0; i < batches.size(); i++) {
            byte[] b = batches.get(i);
            for (int r = 0; r < b.length / RECORD; r++, at++) {
                int label0 = b[r * RECORD] & 0xff;
                if (label0 >= CLASSES) {
                    throw new BadInputException(files.get(i) + ": the record at index " + r + " has label " + label0
                            + ", but " + NAME + "'s classes are 0-" + (CLASSES - 1));
                }
                labels[at] = (byte) label0;
                System.arraycopy(b, r * RECORD + 1, pixels, at * features, features);
            }
        }
        return IdxDataset.withClasses(label, pixels, n, SHAPE, labels, CLASSES);
    }

    private BadInputException notFound(String reason) {
        return new BadInputException(("dataset '" + NAME + "' not found: pass --data DIR (the extracted " + FOLDER
                + " folder), set GAN4J_DATA, put " + ARCHIVE + " in " + locations.userDir(NAME)
                + ", or allow the download (" + reason + ")").replaceAll("[\\r\\n]+", " "));
    }

    /**
     * Reads the regular files of a gzipped tar archive whose base names are wanted: ustar headers of
     * 512 bytes (name at 0-100, octal size at 124-136, header checksum at 148-156, type at 156, name
     * prefix at 345-500), each file's bytes padded to a multiple of 512, two zero blocks at the end.
     * GNU and pax extension headers are skipped (CIFAR-10's names need neither). The archive is read
     * to its end, so that gzip's CRC is checked too.
     */
    static final class TarGz {
        private static final int BLOCK = 512;

        private TarGz() {
        }

        static Map<String, byte[]> read(Path archive, List<String> wanted) {
            Map<String, byte[]> found = new LinkedHashMap<>();
            try (InputStream in = new GZIPInputStream(Files.newInputStream(archive), 1 << 16)) {
                byte[] header = new byte[BLOCK];
                while (true) {
                    if (!readBlock(in, header)) {
                        break; // no end-of-archive blocks, but every header so far was whole
                    }
                    if (allZero(header)) {
                        break;
                    }
                    checkHeader(archive, header);
                    String name = name(header);
                    long size = octal(archive, header, 124, 12, "size");
                    char type = (char) header[156];
                    String base = name.substring(name.lastIndexOf('/') + 1);
                    boolean regular = type == '0' || type == 0;
                    if (regular && wanted.contains(base) && !found.containsKey(base)) {
                        if (size > Integer.MAX_VALUE - 8) {
                            throw new BadInputException(archive + ": " + name + " is " + size + " bytes, too large for a batch file");
                        }
                        byte[] data = new byte[(int) size];
                        if (in.readNBytes(data, 0, data.length) < data.length) {
                            throw new BadInputException(archive + ": is truncated inside " + name);
                        }
                        found.put(base, data);
                        skip(in, pad(size));
                    } else {
                        skip(in, size + pad(size));
                    }
                }
                in.transferTo(java.io.OutputStream.nullOutputStream()); // reach gzip's trailer: its CRC and length
            } catch (ZipException e) {
                throw new BadInputException(archive + ": is not a valid gzip file (" + Downloader.describe(e) + ")");
            } catch (EOFException e) {
                throw new BadInputException(archive + ": is truncated (" + Downloader.describe(e) + ")");
            } catch (IOException e) {
                throw new BadInputException(archive + ": cannot be read (" + Downloader.describe(e) + ")");
            }
            return found;
        }

        /** Reads one block; false at a clean end of stream, a {@link BadInputException} mid-block. */
        private static boolean readBlock(InputStream in, byte[] block) throws IOException {
            int n = in.readNBytes(block, 0, BLOCK);
            if (n == 0) {
                return false;
            }
            if (n < BLOCK) {
                throw new EOFException("the archive ends inside a tar header");
            }
            return true;
        }

        /** Skips {@code n} bytes; an {@link EOFException} when the archive ends first. */
        private static void skip(InputStream in, long n) throws IOException {
            in.skipNBytes(n);
        }

        private static long pad(long size) {
            return (BLOCK - size % BLOCK) % BLOCK;
        }

        private static boolean allZero(byte[] b) {
            for (byte x : b) {
                if (x != 0) {
                    return false;
                }
            }
            return true;
        }

        /** The header checksum: the sum of its bytes with the checksum field counted as spaces. */
        private static void checkHeader(Path archive, byte[] h) {
            long stored = octal(archive, h, 148, 8, "header checksum");
            long sum = 0;
            for (int i = 0; i < BLOCK; i++) {
                sum += i >= 148 && i < 156 ? ' ' : h[i] & 0xff;
            }
            if (sum != stored) {
                throw new BadInputException(archive + ": is corrupt (a tar header's checksum is " + stored
                        + ", its bytes sum to " + sum + ")");
            }
        }

        private static String name(byte[] h) {
            String name = field(h, 0, 100);
            boolean ustar = new String(h, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
            String prefix = ustar ? field(h, 345, 155) : "";
            return prefix.isEmpty() ? name : prefix + "/" + name;
        }

        private static String field(byte[] h, int from, int length) {
            int end = from;
            while (end < from + length && h[end] != 0) {
                end++;
            }
            return new String(h, from, end - from, StandardCharsets.UTF_8);
        }

        private static long octal(Path archive, byte[] h, int from, int length, String what) {
            String s = field(h, from, length).trim();
            if (s.isEmpty() || !s.chars().allMatch(c -> c >= '0' && c <= '7')) {
                throw new BadInputException(archive + ": is corrupt (a tar header's " + what + " is not an octal number)");
            }
            return Long.parseLong(s, 8);
        }
    }
}
