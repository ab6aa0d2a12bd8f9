package org.gan4j.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.gan4j.BadInputException;
import org.gan4j.nn.StyleSpec;

/**
 * The keys of the style-based generator ({@code --model stylegan}, Karras et al. 2019, 2020); other models
 * refuse them.
 *
 * @param mappingLayers depth of the mapping network z → w. Default 2 (StyleGAN2-ADA's {@code cifar}; the papers: 8).
 * @param mixingProb    probability of style mixing per training batch: a second z's w replaces w from a random
 *                      crossover layer on; in [0, 1]. Default 0.9 (the papers').
 * @param plWeight      weight of StyleGAN2's path-length regulariser on G; 0 = off. Default 0, as the {@code cifar}
 *                      config (the paper's FFHQ runs use 2); it costs a second G pass with double backward.
 * @param plEvery       lazy path-length regularisation: every k-th G step, scaled by k, on half a batch (StyleGAN2:
 *                      4); needs {@code pl-weight}. Default 4.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StyleKeys(Integer mappingLayers, Double mixingProb, Double plWeight, Integer plEvery) {
    static final StyleKeys NONE = new StyleKeys(null, null, null, null);

    /** @param style whether the run's model is {@code stylegan} */
    StyleKeys resolve(boolean style) {
        if (!style) {
            if (!equals(NONE)) {
                throw new BadInputException("'mapping-layers', 'mixing-prob', 'pl-weight' and 'pl-every' apply only to --model stylegan");
            }
            return NONE;
        }
        double weight = Checks.or(plWeight, 0.0);
        Checks.nonNegative("pl-weight", weight, "must be 0 (off) or positive, the paper's 2");
        if (plEvery != null && weight == 0) {
            throw new BadInputException("'pl-every' applies only with path-length regularisation (set --pl-weight)");
        }
        StyleKeys r = new StyleKeys(Checks.or(mappingLayers, StyleSpec.DEFAULT.mappingLayers()),
                Checks.or(mixingProb, StyleSpec.DEFAULT.mixingProb()), weight, weight > 0 ? Checks.or(plEvery, 4) : null);
        Checks.positive("mapping-layers", r.mappingLayers);
        if (!(r.mixingProb >= 0 && r.mixingProb <= 1)) {
            throw Checks.invalid("mixing-prob", r.mixingProb, "must be in [0, 1]; 0 = off, the paper's 0.9");
        }
        if (r.plEvery != null && r.plEvery < 1) {
            throw Checks.invalid("pl-every", r.plEvery, "must be 1 (every G step) or more");
        }
        return r;
    }

    /** The generator's settings of a resolved stylegan config; the defaults for any other. */
    public StyleSpec spec() {
        return mappingLayers == null ? StyleSpec.DEFAULT : new StyleSpec(mappingLayers, mixingProb);
    }
}
