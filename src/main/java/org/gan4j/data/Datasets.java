package org.gan4j.data;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.function.Function;
import org.gan4j.BadInputException;

/**
 * The registry of datasets by name: {@code mnist} and {@code fashion-mnist} (IDX files, found or
 * downloaded), {@code cifar10} (its binary version, found or downloaded; {@link Cifar10}), {@code svhn}
 * (the cropped digits' MAT-files, found or downloaded; {@link Svhn}), {@code folder} (a
 * directory of images) and the synthetic {@code ring8},
 * {@code grid25} and {@code gauss1d}. Each has the {@link ImageSides} it may be given at ({@code --image-size}):
 * {@link #open} pads a fixed-size dataset's images to a larger allowed side ({@link Padding}), so every
 * opener reads its files as they are.
 */
public final class Datasets {
    private static final Map<String, Function<DatasetRequest, Dataset>> REGISTRY = new LinkedHashMap<>();
    private static final Map<String, ImageSides> SIDES = new LinkedHashMap<>();

    static {
        register("fashion-mnist", NamedDatasets::open, ImageSides.MNIST);
        register("mnist", NamedDatasets::open, ImageSides.MNIST);
        register(Cifar10.NAME, Cifar10::open, ImageSides.fixed(Cifar10.SHAPE));
        register(Svhn.NAME, Svhn::open, ImageSides.fixed(Svhn.SHAPE));
        register("folder", FolderDataset::open, ImageSides.RESIZED);
        for (String name : SyntheticDatasets.names()) {
            register(name, SyntheticDatasets::open, ImageSides.NONE);
        }
    }

    private Datasets() {
    }

    /**
     * Adds a dataset under {@code name}; the opener receives the whole request and is given every image
     * side {@code --image-size} allows ({@link ImageSides#RESIZED}: it resizes them itself).
     */
    public static synchronized void register(String name, Function<DatasetRequest, Dataset> opener) {
        register(name, opener, ImageSides.RESIZED);
    }

    /**
     * Adds a dataset under {@code name} that may be given at {@code sides}: for a fixed-size one
     * ({@link ImageSides#nativeShape()} set) the opener reads the images as they are and {@link #open} pads them.
     */
    public static synchronized void register(String name, Function<DatasetRequest, Dataset> opener, ImageSides sides) {
        REGISTRY.put(name, opener);
        SIDES.put(name, sides);
    }

    /** The sides the dataset {@code name} may be given at; {@link ImageSides#RESIZED} for a name not registered. */
    public static synchronized ImageSides sides(String name) {
        return SIDES.getOrDefault(name, ImageSides.RESIZED);
    }

    /**
     * Opens the dataset the request names. A fixed-size dataset asked for at a larger side than its own
     * ({@code fashion-mnist} at 32) comes padded with background ({@link Padding#pad}); at 0 or its own side
     * it comes as it is.
     *
     * @throws BadInputException for an unknown name, or a side the dataset cannot be given at
     */
    public static Dataset open(DatasetRequest request) {
        Function<DatasetRequest, Dataset> opener;
        ImageSides sides;
        synchronized (Datasets.class) {
            opener = REGISTRY.get(request.name());
            sides = sides(request.name());
        }
        if (opener == null) {
            throw new BadInputException("unknown dataset '" + request.name() + "': choose one of " + String.join(", ", names()));
        }
        int border = sides.border(request.name(), request.imageSize());   // fails before the files are read
        Dataset data = opener.apply(request);
        if (border > 0 && !data.shape().equals(sides.nativeShape())) {
            throw new IllegalStateException(data.name() + " is " + data.shape() + ", registered as " + sides.nativeShape());
        }
        if (border > 0) {
            request.messages().accept("padding " + data.name() + " to " + request.imageSize() + "x" + request.imageSize()
                    + ": " + border + " px of black on each side");
        }
        return Padding.pad(data, border);
    }

    public static synchronized List<String> names() {
        return List.copyOf(REGISTRY.keySet());
    }
}
