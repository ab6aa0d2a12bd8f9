package org.gan4j.nn;

/**
 * The settings of the style-based generator ({@link StyleGan}) that are not the shared network keys.
 *
 * @param mappingLayers depth of the mapping network z → w (StyleGAN2-ADA's {@code cifar} config: 2; the paper: 8)
 * @param mixingProb    probability that a training batch mixes two w's at a random crossover layer (the paper's 0.9)
 */
public record StyleSpec(int mappingLayers, double mixingProb) {
    /** StyleGAN2-ADA's {@code cifar} settings: a 2-layer mapping network, style mixing with probability 0.9. */
    public static final StyleSpec DEFAULT = new StyleSpec(2, 0.9);

    public StyleSpec {
        if (mappingLayers < 1 || !(mixingProb >= 0 && mixingProb <= 1)) {
            throw new IllegalArgumentException("mapping layers ≥ 1 and mixing probability in [0, 1], got "
                    + mappingLayers + " and " + mixingProb);
        }
    }
}
