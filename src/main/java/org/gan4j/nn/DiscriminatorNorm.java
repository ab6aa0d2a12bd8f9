package org.gan4j.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.gan4j.BadInputException;

/**
 * The normalisation between the hidden convolutions of a DCGAN discriminator ({@code --d-norm}).
 *
 * <p>BatchNorm makes each sample's output depend on the rest of its batch. That is harmless for the
 * cross-entropy game but breaks a per-sample gradient penalty: WGAN-GP's critic must not use it
 * (Gulrajani et al. 2017, §4: "we use layer normalization as a drop-in replacement"), which is why
 * {@code wgan-gp} defaults to {@link #LAYER}.
 */
public enum DiscriminatorNorm {
    /** BatchNorm2d over the batch, per channel (DCGAN, Radford et al. 2016). */
    BATCH,
    /**
     * Layer normalisation (Ba, Kiros &amp; Hinton 2016) of each sample over its whole C×H×W map, with a
     * learned per-channel scale and shift: GroupNorm with one group, independent of the batch.
     */
    LAYER,
    /** No normalisation layer. */
    NONE;

    /** The flag's spelling. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(DiscriminatorNorm::key).toList();
    }

    /** Parses {@code batch}, {@code layer} or {@code none}. */
    public static DiscriminatorNorm parse(String key) {
        for (DiscriminatorNorm n : values()) {
            if (n.key().equals(key)) {
                return n;
            }
        }
        throw new BadInputException("invalid 'd-norm': '" + key + "' (use " + String.join(", ", keys()) + ")");
    }

    /** Appends this normalisation of a {@code channels}-channel feature map to {@code layers} (nothing for {@link #NONE}). */
    void addTo(LayerStack layers, long channels) {
        switch (this) {
            case BATCH -> layers.add(Layers.batchNorm2d(channels));
            case LAYER -> layers.add(Layers.layerNorm2d(channels));
            case NONE -> { }
        }
    }
}
