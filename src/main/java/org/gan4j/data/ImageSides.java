package org.gan4j.data;

import java.util.List;
import java.util.stream.Collectors;
import org.gan4j.BadInputException;

/**
 * The image sides {@code --image-size} may ask of a dataset, registered beside its opener in {@link Datasets}.
 * A dataset of fixed-size images ({@code nativeShape} set) is given at its own side, or at a larger one by
 * {@link Padding} with its background (MNIST and Fashion-MNIST: 28, or 32 for the networks that need
 * power-of-two sides, as progressive growing and StyleGAN do); a {@code folder} dataset is resized and
 * cropped by its reader to any allowed side; a dataset of points has no side.
 *
 * @param nativeShape the shape of the images the dataset's files hold (C×H×W, square), or null when its reader
 *                    resizes them to the side asked for
 * @param defaultSide the side when {@code image-size} is unset (and no architecture prefers another)
 * @param allowed     the sides it may be given at, ascending; empty for a dataset that is not one of images
 */
public record ImageSides(SampleShape nativeShape, int defaultSide, List<Integer> allowed) {
    /** MNIST and Fashion-MNIST: 1×28×28 as they are, or 1×32×32 padded by 2 px of black on each side. */
    public static final ImageSides MNIST = new ImageSides(SampleShape.image(1, 28, 28), 28, List.of(28, 32));
    /** A directory of images, resized and centre-cropped to the side (the reader's own rule). */
    public static final ImageSides RESIZED = new ImageSides(null, 64, List.of(28, 32, 64));
    /** Points of a low-dimensional distribution: {@code image-size} does not apply. */
    public static final ImageSides NONE = new ImageSides(null, 0, List.of());

    public ImageSides {
        allowed = List.copyOf(allowed);
        if (nativeShape != null && (!nativeShape.image() || nativeShape.height() != nativeShape.width()
                || !allowed.contains(nativeShape.height()))) {
            throw new IllegalArgumentException("a fixed-size dataset is given at its own square side: " + nativeShape + ", " + allowed);
        }
    }

    /** A dataset whose images are always {@code shape} ({@code cifar10}: 3×32×32). */
    public static ImageSides fixed(SampleShape shape) {
        return new ImageSides(shape, shape.height(), List.of(shape.height()));
    }

    /** Whether {@code image-size} applies: the dataset holds images. */
    public boolean images() {
        return !allowed.isEmpty();
    }

    /**
     * The side the dataset is given at: {@code requested} when set (checked), else {@code preferred} (an
     * architecture's wish, 0 = none; checked too), else the default.
     *
     * @throws BadInputException naming {@code dataset} and the allowed sides
     */
    public int resolve(String dataset, Integer requested, int preferred, String preferredBy) {
        if (!images()) {
            if (requested != null) {
                throw new BadInputException("invalid 'image-size': " + requested + " (dataset " + dataset
                        + " holds points, not images; leave it unset)");
            }
            return 0;
        }
        if (requested != null) {
            if (!allowed.contains(requested)) {
                throw new BadInputException("invalid 'image-size': " + requested + " (" + dataset + " can be given at "
                        + sides() + describeSides() + ")");
            }
            return requested;
        }
        if (preferred != 0 && nativeShape != null) {
            if (!allowed.contains(preferred)) {
                throw new BadInputException(preferredBy + " needs " + preferred + "x" + preferred + " images, but " + dataset
                        + " can be given at " + sides() + " only");
            }
            return preferred;
        }
        return defaultSide;
    }

    /** The padding border that turns the native images into {@code side}-sided ones: 0 for the native side. */
    public int border(String dataset, int side) {
        if (nativeShape == null || side == 0 || side == nativeShape.height()) {
            return 0;
        }
        if (!allowed.contains(side) || side < nativeShape.height() || (side - nativeShape.height()) % 2 != 0) {
            throw new BadInputException("invalid 'image-size': " + side + " (" + dataset + " can be given at " + sides()
                    + describeSides() + ")");
        }
        return (side - nativeShape.height()) / 2;
    }

    private String sides() {
        return allowed.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private String describeSides() {
        if (nativeShape == null) {
            return "; the images are resized and cropped to it";
        }
        if (allowed.size() == 1) {
            return ": its own size";
        }
        int n = nativeShape.height();
        return ": " + n + " is its own size, larger ones pad it with background";
    }
}
