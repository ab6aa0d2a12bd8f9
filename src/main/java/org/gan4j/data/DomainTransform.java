package org.gan4j.data;

import java.util.List;
import org.bytedeco.pytorch.Tensor;

/**
 * A map T from one image domain to another, used to make CoGAN's second domain from the first
 * ({@link CoupledDomains}) and to check that a coupled pair agrees ({@code metrics.PairAgreement}):
 * Liu &amp; Tuzel (2016, §5) pair MNIST digits with their edge maps and with their negatives.
 * Registered by name in {@link DomainTransforms}; the names are what {@code --domain-b} takes.
 *
 * <p>Images are n × c × h × w tensors with values in [−1, 1] (a Tanh generator's range); T maps them
 * to the same shape and range, without autograd state of its own.
 */
public interface DomainTransform {
    /** Registry name, e.g. {@code edges}. */
    String name();

    /** One line for help texts. */
    String description();

    /**
     * Fails with a one-line {@link org.gan4j.BadInputException} when images of this shape cannot be
     * transformed (edges of RGB images, a quarter turn of non-square ones).
     */
    void check(int channels, int height, int width);

    /**
     * T(images).
     *
     * @param images n × c × h × w in [−1, 1], of a shape {@link #check} accepts
     * @return a new tensor of the same shape, in [−1, 1]
     */
    Tensor apply(Tensor images);

    /** The registered transform {@code name}; an unknown name fails with a {@link org.gan4j.BadInputException} listing the known ones. */
    static DomainTransform named(String name) {
        return DomainTransforms.get(name);
    }

    /** The registered names, in registration order. */
    static List<String> names() {
        return DomainTransforms.names();
    }
}
