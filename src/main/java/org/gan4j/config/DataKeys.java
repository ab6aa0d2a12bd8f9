package org.gan4j.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.gan4j.BadInputException;
import org.gan4j.data.Datasets;
import org.gan4j.data.DomainTransforms;
import org.gan4j.data.ImageSides;
import org.gan4j.nn.Architecture;
/**
 * The keys that choose the training data and how it is read.
 *
 * @param dataset   dataset name: {@code fashion-mnist}, {@code mnist}, {@code cifar10}, {@code folder}, {@code ring8}, {@code grid25},
 *                  {@code gauss1d}. Default {@code fashion-mnist}.
 * @param data      directory holding the dataset's files (the folder of a {@code folder} dataset); default: searched
 *                  ($GAN4J_DATA, ~/.gan4j/data, /usr/share/datasets), downloaded if absent.
 * @param imageSize side of the images ({@link ImageSides}): a {@code folder} dataset's are resized and cropped to
 *                  28, 32 or 64 (default 64); {@code fashion-mnist} and {@code mnist} are 28 as they are, or 32
 *                  padded with 2 px of black on each side (default: the side the model prefers,
 *                  {@link Architecture#preferredSide}, else 28); {@code cifar10} is 32; the synthetic datasets of
 *                  points have none (unset). The resolved side is what {@code config.json} records.
 * @param channels  1 or 3 for a {@code folder} dataset; 0 = from the images. Default 0.
 * @param strict    fail on an unreadable image of a {@code folder} dataset instead of skipping it. Default false.
 * @param download  allow downloading a missing named dataset. Default true.
 * @param domainB   CoGAN's second domain, a transform of the other half of the dataset: {@code negative},
 *                  {@code edges} (3×3 morphological gradient, grayscale only) or {@code rotate90}; the first domain is
 *                  the dataset's own images. Default {@code negative} for {@code --model cogan}; other models refuse it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataKeys(String dataset, String data, Integer imageSize, Integer channels, Boolean strict, Boolean download, String domainB) {
    static final String DEFAULT_DATASET = "fashion-mnist";

    /**
     * @param arch the network family: whether it trains on two domains (CoGAN, the only one {@code domain-b}
     *             applies to), and the image side it prefers
     */
    DataKeys resolve(Architecture arch) {
        boolean coupled = arch.game().equals("coupled");
        if (!coupled && domainB != null) {
            throw new BadInputException("'domain-b' applies only to --model cogan");
        }
        String domain = coupled ? Checks.or(domainB, "negative") : null;
        if (domain != null && !DomainTransforms.names().contains(domain)) {
            throw new BadInputException("invalid 'domain-b': '" + domain + "' (use " + String.join(", ", DomainTransforms.names()) + ")");
        }
        String name = Checks.or(dataset, DEFAULT_DATASET);
        ImageSides sides = Datasets.sides(name);
        int preferred = sides.nativeShape() == null ? 0 : arch.preferredSide(sides.nativeShape());
        int side = sides.resolve(name, imageSize, preferred, "model '" + arch.name() + "'");
        DataKeys r = new DataKeys(name, data, side == 0 ? null : side, Checks.or(channels, 0),
                Checks.or(strict, false), Checks.or(download, true), domain);
        if (r.channels != 0 && r.channels != 1 && r.channels != 3) {
            throw Checks.invalid("channels", r.channels, "use 1, 3, or 0 for automatic");
        }
        return r;
    }
}
