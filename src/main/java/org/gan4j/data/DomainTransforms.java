package org.gan4j.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.BadInputException;

/**
 * The registry of {@link DomainTransform}s, looked up by the name given to {@code --domain-b}:
 * <ul>
 *   <li>{@code negative}: x ↦ −x on [−1, 1], which is 1 − x on stored [0, 1] images (CoGAN's
 *       "negative images" task).</li>
 *   <li>{@code edges}: the morphological gradient, dilation − erosion over each pixel's 3×3
 *       neighbourhood (both by max pooling; the image border is not padded with values), rescaled from
 *       [0, 2] to [−1, 1] (on stored [0, 1] images it is plainly dilation − erosion): flat regions become
 *       −1 (black) and the strokes' outlines light up, like the edge maps of CoGAN's "digits and edges"
 *       task. Grayscale only.</li>
 *   <li>{@code rotate90}: a quarter turn counter-clockwise in the image plane ({@code torch.rot90}
 *       over height and width), for square images only.</li>
 * </ul>
 */
public final class DomainTransforms {
    /** x ↦ −x. */
    public static final DomainTransform NEGATIVE = new Negative();
    /** Dilation − erosion over 3×3, rescaled to [−1, 1]. */
    public static final DomainTransform EDGES = new Edges();
    /** A quarter turn counter-clockwise. */
    public static final DomainTransform ROTATE90 = new Rotate90();

    private static final Map<String, DomainTransform> REGISTRY = new LinkedHashMap<>();

    static {
        register(NEGATIVE);
        register(EDGES);
        register(ROTATE90);
    }

    private DomainTransforms() {
    }

    /** Adds a transform (a later registration under the same name replaces the earlier one). */
    public static synchronized void register(DomainTransform transform) {
        REGISTRY.put(transform.name(), transform);
    }

    public static synchronized DomainTransform get(String name) {
        DomainTransform t = REGISTRY.get(name);
        if (t == null) {
            throw new BadInputException("unknown domain transform '" + name + "': choose one of " + String.join(", ", REGISTRY.keySet()));
        }
        return t;
    }

    /** The registered names, in registration order. */
    public static synchronized List<String> names() {
        return List.copyOf(REGISTRY.keySet());
    }

    /** Checks {@code images} is n × c × h × w and that {@code t} accepts that shape. */
    static void checkBatch(DomainTransform t, Tensor images) {
        if (images.dim() != 4) {
            throw new IllegalArgumentException("domain transform '" + t.name() + "' takes n x c x h x w images, got "
                    + images.dim() + " dimensions");
        }
        t.check((int) images.size(1), (int) images.size(2), (int) images.size(3));
    }

    private static final class Negative implements DomainTransform {
        @Override
        public String name() {
            return "negative";
        }

        @Override
        public String description() {
            return "negative image: x -> -x on [-1, 1] (1 - x on [0, 1])";
        }

        @Override
        public void check(int channels, int height, int width) {
            // any image
        }

        @Override
        public Tensor apply(Tensor images) {
            checkBatch(this, images);
            return images.neg();
        }
    }

    private static final class Edges implements DomainTransform {
        private static final long[] WINDOW = {3, 3};
        private static final long[] STRIDE = {1, 1};
        private static final long[] PADDING = {1, 1};
        private static final long[] DILATION = {1, 1};

        @Override
        public String name() {
            return "edges";
        }

        @Override
        public String description() {
            return "edge map: 3x3 morphological gradient (dilation - erosion); grayscale images only";
        }

        @Override
        public void check(int channels, int height, int width) {
            if (channels != 1) {
                throw new BadInputException("--domain-b edges needs grayscale images; the dataset has " + channels + " channels");
            }
        }

        @Override
        public Tensor apply(Tensor images) {
            checkBatch(this, images);
            // max_pool2d pads with −∞, so at the border each window holds only the pixels inside the image.
            Tensor dilation = torch.max_pool2d(images, WINDOW, STRIDE, PADDING, DILATION, false);
            Tensor erosion = torch.max_pool2d(images.neg(), WINDOW, STRIDE, PADDING, DILATION, false).neg();
            return dilation.sub(erosion).sub(new Scalar(1.0));          // [0, 2] → [−1, 1]
        }
    }

    private static final class Rotate90 implements DomainTransform {
        @Override
        public String name() {
            return "rotate90";
        }

        @Override
        public String description() {
            return "quarter turn counter-clockwise; square images only";
        }

        @Override
        public void check(int channels, int height, int width) {
            if (height != width) {
                throw new BadInputException("--domain-b rotate90 needs square images; the dataset has "
                        + height + "x" + width + " images");
            }
        }

        @Override
        public Tensor apply(Tensor images) {
            checkBatch(this, images);
            return torch.rot90(images, 1, 2, 3);
        }
    }
}
