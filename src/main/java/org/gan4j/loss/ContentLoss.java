package org.gan4j.loss;

import java.util.Arrays;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.BadInputException;
import org.gan4j.features.FeatureNetwork;
import org.gan4j.features.FeatureNetworks;

/**
 * The content term of a super-resolution generator's loss (Ledig et al. 2017, §2.2.1): how far the
 * super-resolved batch SR is from its high-resolution original HR, to be minimised and
 * differentiable in SR. Both batches are n × C × H × W in gan4j's image range [−1, 1]. Looked up by
 * the name a config gives:
 * <ul>
 *   <li>{@code pixel}: mean squared error of the pixels, SRResNet's MSE loss;</li>
 *   <li>{@code features}: mean squared error of the penultimate activations of the shipped feature
 *       classifier for the dataset ({@link FeatureNetworks}), SRGAN's perceptual "VGG loss" with
 *       gan4j's own 28 × 28 grayscale networks in place of VGG19 (none is available offline). It takes
 *       only 1 × 28 × 28 images; SR and HR are mapped to the classifier's [0, 1] by (x + 1)/2.</li>
 * </ul>
 * The paper weighs its VGG term by 1/12.75² ≈ 0.006 against VGG's activation scale; these features
 * have another scale, so a weight, if any, is the trainer's to choose.
 */
public interface ContentLoss {
    /** Registry name, e.g. {@code pixel}. */
    String name();

    /** One line for help texts. */
    String description();

    /**
     * The loss of a super-resolved batch.
     *
     * @param sr n × C × H × W in [−1, 1], attached to the generator's graph
     * @param hr the high-resolution originals, the same shape; no gradient flows into them
     * @return a scalar
     */
    Tensor loss(Tensor sr, Tensor hr);

    /** The registered names: {@code [pixel, features]}. */
    static List<String> names() {
        return List.of(PixelLoss.NAME, FeatureLoss.NAME);
    }

    /**
     * The content loss called {@code name}.
     *
     * @param dataset the dataset being super-resolved, which picks the feature network for {@code features}
     *                ({@code fashion-mnist} → {@code fmnist}); unused by {@code pixel}
     * @throws BadInputException for an unknown name, or {@code features} on a dataset gan4j ships no
     *                           classifier for
     */
    static ContentLoss named(String name, String dataset) {
        return switch (name) {
            case PixelLoss.NAME -> pixel();
            case FeatureLoss.NAME -> features(FeatureNetworks.get(FeatureNetworks.forDataset(dataset).name()));
            default -> throw new BadInputException("unknown content loss '" + name + "': choose one of "
                    + String.join(", ", names()));
        };
    }

    /** Pixel MSE. */
    static ContentLoss pixel() {
        return new PixelLoss();
    }

    /** Feature MSE under {@code network}. */
    static ContentLoss features(FeatureNetwork network) {
        return new FeatureLoss(network);
    }

    /** Refuses batches of different shapes (a programming error, not the user's). */
    static void checkSameShape(Tensor sr, Tensor hr) {
        long[] a = sr.sizes().vec().get();
        long[] b = hr.sizes().vec().get();
        if (!Arrays.equals(a, b)) {
            throw new IllegalArgumentException("SR " + Arrays.toString(a) + " and HR " + Arrays.toString(b) + " differ in shape");
        }
    }
}
