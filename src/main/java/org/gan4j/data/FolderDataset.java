package org.gan4j.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferInt;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.gan4j.BadInputException;

/**
 * A folder of PNG and JPEG images, decoded once into memory (the {@code folder} dataset).
 *
 * <p>Layout: when every image lies in a sub-folder of the root, the sub-folder names (sorted) are the
 * class labels, as in torchvision's {@code ImageFolder}; images found directly in the root make the
 * dataset unlabelled. Files are found recursively; other extensions and hidden files (names starting
 * with a dot, such as macOS {@code ._x.jpg}) are ignored. The sample order is that of the sorted relative
 * paths, so it does not depend on the file system or on the parallel decoding.
 *
 * <p>Each image is scaled so that its shorter side becomes the requested size (halving repeatedly with
 * bilinear filtering for large reductions, then one bicubic step, so that downscaling does not alias),
 * then centre-cropped to a square. Grayscale files are read from their raw samples, not through Java 2D's
 * colour conversion, which would brighten them (a stored 100 reads back as 168). Alpha is dropped, as
 * PIL's {@code convert("RGB")} does. Pixels are kept as bytes, C×H×W per sample.
 */
public final class FolderDataset extends AbstractDataset {
    /** Side used when the request leaves {@link DatasetRequest#imageSize()} at 0. */
    public static final int DEFAULT_IMAGE_SIZE = 64;

    /** Files decoded in parallel between two checks for failures (bounds the work wasted in strict mode). */
    private static final int CHUNK = 512;
    /** Names quoted in the one-line warning about skipped files. */
    private static final int NAMES_IN_WARNING = 3;
    private static final float[] UNIT = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            UNIT[i] = i / 255f;
        }
    }

    private final byte[][] pixels;
    private final List<String> classNames;

    private FolderDataset(String name, SampleShape shape, byte[][] pixels, int[] labels, List<String> classNames) {
        super(name, shape, pixels.length, labels, classNames.size());
        this.pixels = pixels;
        this.classNames = List.copyOf(classNames);
    }

    /**
     * Reads every image under {@code request.dataDir()}.
     *
     * @throws BadInputException when the folder is missing, holds no readable image, or (with
     *                           {@link DatasetRequest#strict()}) one image cannot be decoded
     */
    public static FolderDataset open(DatasetRequest request) {
        Path root = request.dataDir();
        if (root == null) {
            throw new BadInputException("the folder dataset needs a directory: give --data DIR");
        }
        if (!Files.exists(root)) {
            throw new BadInputException("image folder " + root + " does not exist");
        }
        if (!Files.isDirectory(root)) {
            throw new BadInputException("image folder " + root + " is not a directory");
        }
        if (request.imageSize() < 0) {
            throw new BadInputException("image size must be positive, got " + request.imageSize());
        }
        int channels = request.channels();
        if (channels != 0 && channels != 1 && channels != 3) {
            throw new BadInputException("channels must be 1 (grayscale), 3 (RGB) or 0 (auto), got " + channels);
        }
        int size = request.imageSize() == 0 ? DEFAULT_IMAGE_SIZE : request.imageSize();
        Consumer<String> messages = request.messages() == null ? m -> { } : request.messages();

        List<Path> files = listImages(root);
        if (files.isEmpty()) {
            throw new BadInputException("image folder " + root + " contains no .png, .jpg or .jpeg files");
        }
        List<String> classNames = classNames(files);
        if (classNames.isEmpty() && files.stream().anyMatch(f -> f.getNameCount() > 1)) {
            messages.accept("images lie both in " + root + " and in its sub-folders: reading them without class labels");
        }

        int n = files.size();
        byte[][] decoded = new byte[n][];
        boolean[] colour = new boolean[n];
        String[] errors = new String[n];
        boolean gray = channels == 1;
        for (int start = 0; start < n; start += CHUNK) {
            IntStream.range(start, Math.min(n, start + CHUNK)).parallel().forEach(i -> {
                try {
                    BufferedImage img = scaleAndCrop(toRgb(read(root.resolve(files.get(i)))), size);
                    int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
                    colour[i] = isColour(px);
                    decoded[i] = gray ? luma(px) : planes(px);
                } catch (IOException | RuntimeException e) {
                    errors[i] = reason(e);
                }
            });
            if (request.strict()) {
                for (int i = start; i < Math.min(n, start + CHUNK); i++) {
                    if (errors[i] != null) {
                        throw new BadInputException("cannot read image " + root.resolve(files.get(i)) + ": " + errors[i]);
                    }
                }
            }
        }

        List<String> skipped = new ArrayList<>();
        int kept = 0;
        boolean anyColour = false;
        for (int i = 0; i < n; i++) {
            if (errors[i] != null) {
                skipped.add(slashed(files.get(i)));
            } else {
                kept++;
                anyColour |= colour[i];
            }
        }
        if (kept == 0) {
            throw new BadInputException("image folder " + root + " has no readable image (" + n
                    + " files failed to decode, e.g. " + skipped.get(0) + ")");
        }
        int outChannels = channels != 0 ? channels : anyColour ? 3 : 1;
        byte[][] samples = new byte[kept][];
        int[] labels = classNames.isEmpty() ? null : new int[kept];
        for (int i = 0, k = 0; i < n; i++) {
            if (errors[i] != null) {
                continue;
            }
            // Auto mode read RGB; without a colour image, every pixel has r = g = b, so the red plane is the luma.
            samples[k] = !gray && outChannels == 1 ? Arrays.copyOf(decoded[i], size * size) : decoded[i];
            decoded[i] = null;
            if (labels != null) {
                labels[k] = classNames.indexOf(files.get(i).getName(0).toString());
            }
            k++;
        }
        if (!skipped.isEmpty()) {
            String names = String.join(", ", skipped.subList(0, Math.min(NAMES_IN_WARNING, skipped.size())));
            messages.accept("skipped " + skipped.size() + " unreadable file" + (skipped.size() == 1 ? "" : "s") + ": "
                    + names + (skipped.size() > NAMES_IN_WARNING ? ", ..." : ""));
        }
        Path fileName = root.toAbsolutePath().normalize().getFileName();
        String name = "folder/" + (fileName == null ? root : fileName);
        FolderDataset dataset = new FolderDataset(name, SampleShape.image(outChannels, size, size), samples, labels, classNames);
        messages.accept("loaded " + kept + " images (" + dataset.shape() + (classNames.isEmpty() ? "" : ", "
                + classNames.size() + " classes") + ") from " + root);
        return dataset;
    }

    /**
     * One image file decoded at its own size, read as {@link #open} reads the files of a folder (8-bit samples,
     * grayscale from its raw samples, alpha dropped) but neither scaled nor cropped.
     *
     * @param pixels   {@code channels × height × width} bytes, planar C×H×W
     * @param channels 1 when every pixel is grey (r = g = b, or a grayscale file), else 3: what the folder dataset's
     *                 automatic channels decide for an image
     */
    public record Image(byte[] pixels, int channels, int height, int width) {
    }

    /**
     * Decodes a PNG or JPEG file.
     *
     * @throws BadInputException naming the file, when it is missing or not a readable PNG or JPEG image
     */
    public static Image readImage(Path file) {
        BufferedImage img;
        try {
            img = toRgb(read(file));
        } catch (IOException | RuntimeException e) {
            throw new BadInputException("cannot read image " + file + ": " + (e instanceof java.nio.file.NoSuchFileException
                    || !Files.exists(file) ? "no such file" : reason(e)), e);
        }
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        boolean colour = isColour(px);
        return new Image(colour ? planes(px) : luma(px), colour ? 3 : 1, img.getHeight(), img.getWidth());
    }

    /** Whether a file name is one {@link #open} reads: a {@code .png}, {@code .jpg} or {@code .jpeg} name not starting with a dot. */
    public static boolean isImageName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return !lower.startsWith(".") && (lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg"));
    }

    /** Names of the classes in label order (sorted sub-folder names); empty when unlabelled. */
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public void copyTo(int index, float[] dst, int offset) {
        byte[] src = pixels[index];
        for (int i = 0; i < src.length; i++) {
            dst[offset + i] = UNIT[src[i] & 0xFF];
        }
    }

    /** The pixel bytes, sample after sample, followed by the labels (4 bytes each, big-endian). */
    @Override
    protected void digestContent(MessageDigest sha) {
        for (byte[] sample : pixels) {
            sha.update(sample);
        }
        if (labels() != null) {
            updateInts(sha, labels());
        }
    }

    /** Image files under {@code root}, relative to it, sorted by their '/'-separated path. */
    private static List<Path> listImages(Path root) {
        try (Stream<Path> walk = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
            return walk.filter(p -> isImageName(p.getFileName().toString()) && Files.isRegularFile(p))
                    .map(root::relativize)
                    .sorted((a, b) -> slashed(a).compareTo(slashed(b)))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new BadInputException("cannot list image folder " + root + ": " + reason(e), e);
        }
    }

    /** Sorted top-level sub-folders when every image lies in one; empty otherwise. */
    private static List<String> classNames(List<Path> files) {
        TreeSet<String> names = new TreeSet<>();
        for (Path f : files) {
            if (f.getNameCount() < 2) {
                return List.of();
            }
            names.add(f.getName(0).toString());
        }
        return List.copyOf(names);
    }

    private static String slashed(Path relative) {
        return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }

    private static BufferedImage read(Path file) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw new IOException("not a PNG or JPEG image");
        }
        return img;
    }

    /** The image as 8-bit sRGB without alpha; grayscale samples are copied as they are (see the class comment). */
    private static BufferedImage toRgb(BufferedImage src) {
        int w = src.getWidth();
        int h = src.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] dst = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        ColorModel cm = src.getColorModel();
        Raster raster = src.getRaster();
        if (!(cm instanceof IndexColorModel) && cm.getNumColorComponents() == 1) {
            int max = (1 << cm.getComponentSize(0)) - 1;
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    int v = max == 255 ? row[x] : (int) ((row[x] * 255L + max / 2) / max);
                    dst[y * w + x] = v << 16 | v << 8 | v;
                }
            }
        } else {
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                src.getRGB(0, y, w, 1, row, 0, w);
                for (int x = 0; x < w; x++) {
                    dst[y * w + x] = row[x] & 0xFFFFFF;
                }
            }
        }
        return out;
    }

    /** Scales the shorter side to {@code size}, then keeps the centred size×size square. */
    private static BufferedImage scaleAndCrop(BufferedImage src, int size) {
        int w = src.getWidth();
        int h = src.getHeight();
        double scale = size / (double) Math.min(w, h);
        int sw = Math.max(size, (int) Math.round(w * scale));
        int sh = Math.max(size, (int) Math.round(h * scale));
        BufferedImage cur = src;
        // Halving with bilinear filtering averages 2×2 blocks exactly; one bicubic step then cannot alias.
        while (cur.getWidth() / 2 >= sw && cur.getHeight() / 2 >= sh) {
            cur = draw(cur, cur.getWidth() / 2, cur.getHeight() / 2, cur.getWidth() / 2, cur.getHeight() / 2, 0, 0,
                    RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        }
        return draw(cur, size, size, sw, sh, (sw - size) / 2, (sh - size) / 2, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    }

    /** Draws {@code src} scaled to scaledW×scaledH, shifted by (-cropX, -cropY), onto a new width×height image. */
    private static BufferedImage draw(BufferedImage src, int width, int height, int scaledW, int scaledH,
                                      int cropX, int cropY, Object interpolation) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, -cropX, -cropY, scaledW, scaledH, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static boolean isColour(int[] rgb) {
        for (int p : rgb) {
            int r = p >>> 16 & 0xFF;
            int g = p >>> 8 & 0xFF;
            int b = p & 0xFF;
            if (r != g || g != b) {
                return true;
            }
        }
        return false;
    }

    /** Red, green and blue planes, one after the other. */
    private static byte[] planes(int[] rgb) {
        int n = rgb.length;
        byte[] out = new byte[3 * n];
        for (int i = 0; i < n; i++) {
            int p = rgb[i];
            out[i] = (byte) (p >>> 16);
            out[n + i] = (byte) (p >>> 8);
            out[2 * n + i] = (byte) p;
        }
        return out;
    }

    /** ITU-R BT.601 luma (0.299 R + 0.587 G + 0.114 B), rounded; exact for gray pixels. */
    private static byte[] luma(int[] rgb) {
        byte[] out = new byte[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            int p = rgb[i];
            out[i] = (byte) ((299 * (p >>> 16 & 0xFF) + 587 * (p >>> 8 & 0xFF) + 114 * (p & 0xFF) + 500) / 1000);
        }
        return out;
    }

    /** A one-line reason for a failed read. */
    private static String reason(Exception e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return message.lines().findFirst().orElse(message).strip();
    }
}
