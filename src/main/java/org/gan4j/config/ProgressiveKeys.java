package org.gan4j.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.gan4j.BadInputException;

/**
 * The keys of progressive growing ({@code --model progan}, Karras et al. 2018); other models refuse them. A kimg
 * is a thousand real images shown to D (steps × batch × d-steps).
 *
 * @param fadeKimg   kimg of each fade-in, over which α of a new resolution's blocks rises linearly from 0 to 1 (the
 *                   paper: 600 or 800). Default {@value #DEFAULT_FADE_KIMG}.
 * @param stableKimg kimg of the stable phase after each fade-in, and of the first one at 4×4 (the paper: 600 or
 *                   800). Default {@value #DEFAULT_STABLE_KIMG}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProgressiveKeys(Double fadeKimg, Double stableKimg) {
    static final ProgressiveKeys NONE = new ProgressiveKeys(null, null);
    /**
     * Defaults that fit a 2-core CPU: 8 kimg (250 steps of batch 32) per phase, so 4→32 takes 48 kimg (1,500
     * steps) and the default 3,000 steps train as long again at 32×32; 4→64 takes 64 kimg.
     */
    static final double DEFAULT_FADE_KIMG = 8;
    static final double DEFAULT_STABLE_KIMG = 8;

    /** @param progressive whether the family grows (only {@code progan}) */
    ProgressiveKeys resolve(boolean progressive) {
        if (!progressive) {
            if (!equals(NONE)) {
                throw new BadInputException("'fade-kimg' and 'stable-kimg' apply only to --model progan");
            }
            return NONE;
        }
        ProgressiveKeys r = new ProgressiveKeys(Checks.or(fadeKimg, DEFAULT_FADE_KIMG), Checks.or(stableKimg, DEFAULT_STABLE_KIMG));
        Checks.nonNegative("fade-kimg", r.fadeKimg, "must be 0 (switch at once) or more kimg");
        Checks.nonNegative("stable-kimg", r.stableKimg, "must be 0 or more kimg");
        return r;
    }
}
