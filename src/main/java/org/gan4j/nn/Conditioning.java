package org.gan4j.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.gan4j.BadInputException;

/** How the class label enters a class-conditional GAN ({@code --conditioning}). */
public enum Conditioning {
    /**
     * The classic cGAN (Mirza &amp; Osindero 2014): a learned label embedding concatenated with z in G
     * and with D's input (flat features for the MLP; for DCGAN broadcast over the image as extra input
     * channels, as in the conditional MNIST DCGAN of Radford et al.'s code).
     */
    CONCAT,
    /**
     * The projection discriminator (Miyato &amp; Koyama 2018): D(x, y) = ψ(φ(x)) + ⟨embed(y), φ(x)⟩,
     * with conditional BatchNorm (per-class γ and β) in G.
     */
    PROJECTION,
    /**
     * AC-GAN (Odena, Olah &amp; Shlens 2017): G takes the label as in {@link #CONCAT}, D is unconditional
     * with an auxiliary classifier head; both players add the cross-entropy of the class.
     */
    ACGAN;

    /** The flag's spelling. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(Conditioning::key).toList();
    }

    /** Parses {@code concat}, {@code projection} or {@code acgan}. */
    public static Conditioning parse(String key) {
        for (Conditioning c : values()) {
            if (c.key().equals(key)) {
                return c;
            }
        }
        throw new BadInputException("invalid 'conditioning': '" + key + "' (use " + String.join(", ", keys()) + ")");
    }
}
