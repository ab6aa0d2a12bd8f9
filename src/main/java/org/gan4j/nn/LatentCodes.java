package org.gan4j.nn;

/**
 * InfoGAN's latent codes (Chen et al. 2016): one categorical code with {@code categories} values
 * (fed to G one-hot) and {@code continuous} codes, each ~ U(−1, 1). G's input is [z, one-hot(c₁), c₂..].
 *
 * @param categories values of the categorical code (0 = none)
 * @param continuous number of continuous codes
 */
public record LatentCodes(int categories, int continuous) {
    /** No codes: every model but InfoGAN. */
    public static final LatentCodes NONE = new LatentCodes(0, 0);
    /** The paper's MNIST setting: one 10-way categorical code and two continuous codes. */
    public static final LatentCodes PAPER = new LatentCodes(10, 2);

    public LatentCodes {
        if (categories < 0 || continuous < 0 || categories == 1) {
            throw new IllegalArgumentException("categories must be 0 or at least 2, continuous at least 0: "
                    + categories + ", " + continuous);
        }
    }

    /** Values the codes add to G's input (the categorical code one-hot). */
    public int size() {
        return categories + continuous;
    }

    public boolean isEmpty() {
        return size() == 0;
    }
}
