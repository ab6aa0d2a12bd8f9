package org.gan4j.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.gan4j.BadInputException;
import org.gan4j.data.FolderDataset;
import org.gan4j.data.IdxFormat;
import org.gan4j.io.AtomicFiles;
import org.gan4j.report.ImagePng;
import org.gan4j.train.TrainedUpscaler.Method;

/**
 * Upscales files with a {@link TrainedUpscaler}, what {@code gan4j upscale} does:
 * <ul>
 *   <li>a PNG or JPEG image → a PNG {@code scale} times larger;</li>
 *   <li>a folder → a new folder of PNGs with the same base names ({@code shoe.jpg} → {@code shoe.png}),
 *       from the images directly inside it (sub-folders are not read);</li>
 *   <li>an IDX image file (plain or gzipped, {@link IdxFormat}) → an IDX file of the same count,
 *       gzipped when its name ends with {@code .gz}.</li>
 * </ul>
 * Images may have any size (the networks are fully convolutional), but must have the run's channels:
 * an image counts as grayscale when all its pixels are grey, as the {@code folder} dataset decides
 * ({@link FolderDataset#readImage}). Every input is read and upscaled before anything is written, and
 * every output appears atomically (a folder as a whole), so a bad input leaves nothing behind.
 */
public final class UpscaleFiles {
    private UpscaleFiles() {
    }

    /** What an input path holds. */
    public enum Kind { IMAGE, FOLDER, IDX }

    /** What was written: the kind, the number of images, and where. */
    public record Result(Kind kind, int images, Path out) {
    }

    /**
     * The kind of {@code input}: a folder, a file with an image name ({@code .png}, {@code .jpg},
     * {@code .jpeg}), or else an IDX file (which its reader then checks).
     *
     * @throws BadInputException when it does not exist
     */
    public static Kind kind(Path input) {
        if (Files.isDirectory(input)) {
            return Kind.FOLDER;
        }
        if (!Files.isRegularFile(input)) {
            throw new BadInputException("input " + input + ": no such file or folder");
        }
        return FolderDataset.isImageName(input.getFileName().toString()) ? Kind.IMAGE : Kind.IDX;
    }

    /**
     * Refuses an output name that does not suit the input: an image is written as {@code .png}; IDX
     * images as IDX (so not under an image name); a folder as a folder.
     */
    public static void checkOutput(Kind kind, Path out) {
        String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        switch (kind) {
            case IMAGE -> {
                if (!name.endsWith(".png")) {
                    throw new BadInputException("--out " + out + ": an upscaled image is written as PNG; use a .png name");
                }
            }
            case IDX -> {
                if (FolderDataset.isImageName(name)) {
                    throw new BadInputException("--out " + out + ": upscaled IDX images are written as IDX; use a name like"
                            + " x4-images-idx3-ubyte.gz, not an image name");
                }
            }
            case FOLDER -> {
                if (Files.isRegularFile(out)) {
                    throw new BadInputException("--out " + out + " is a file; a folder of images is upscaled into a new folder");
                }
            }
        }
    }

    /** Upscales {@code input} into {@code out} with {@code method}; see the class comment. */
    public static Result upscale(TrainedUpscaler upscaler, Method method, Path input, Path out) {
        Kind kind = kind(input);
        checkOutput(kind, out);
        return switch (kind) {
            case IMAGE -> {
                Upscaled u = image(upscaler, method, input);
                ImagePng.write(out, u.pixels(), u.channels(), u.height(), u.width());
                yield new Result(kind, 1, out);
            }
            case FOLDER -> folder(upscaler, method, input, out);
            case IDX -> idx(upscaler, method, input, out);
        };
    }

    private record Upscaled(byte[] pixels, int channels, int height, int width) {
    }

    private static Upscaled image(TrainedUpscaler upscaler, Method method, Path file) {
        FolderDataset.Image im = FolderDataset.readImage(file);
        upscaler.checkChannels(im.channels(), "image " + file);
        int s = upscaler.scale();
        return new Upscaled(upscaler.upscale(method, im.pixels(), 1, im.height(), im.width()), im.channels(),
                im.height() * s, im.width() * s);
    }

    private static Result folder(TrainedUpscaler upscaler, Method method, Path dir, Path out) {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> FolderDataset.isImageName(p.getFileName().toString()) && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new BadInputException("input folder " + dir + " cannot be listed (" + e.getMessage() + ")");
        }
        if (files.isEmpty()) {
            throw new BadInputException("input folder " + dir + " holds no .png, .jpg or .jpeg files");
        }
        Map<String, Path> names = new LinkedHashMap<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            String png = name.substring(0, name.lastIndexOf('.')) + ".png";
            Path before = names.put(png, f);
            if (before != null) {
                throw new BadInputException("input folder " + dir + ": " + before.getFileName() + " and " + name
                        + " would both be written as " + png);
            }
        }
        List<Upscaled> images = new ArrayList<>();
        for (Path f : names.values()) {
            images.add(image(upscaler, method, f));
        }
        AtomicFiles.writeDirectory(out, tmp -> {
            int i = 0;
            for (String png : names.keySet()) {
                Upscaled u = images.get(i++);
                ImagePng.write(tmp.resolve(png), u.pixels(), u.channels(), u.height(), u.width());
            }
        });
        return new Result(Kind.FOLDER, images.size(), out);
    }

    private static Result idx(TrainedUpscaler upscaler, Method method, Path file, Path out) {
        IdxFormat.Images in = IdxFormat.readImages(file);
        upscaler.checkChannels(in.channels(), "the images of " + file);
        byte[] pixels = upscaler.upscale(method, in.pixels(), in.count(), in.height(), in.width());
        int s = upscaler.scale();
        IdxFormat.writeImages(out, pixels, in.count(), in.channels(), in.height() * s, in.width() * s);
        return new Result(Kind.IDX, in.count(), out);
    }
}
