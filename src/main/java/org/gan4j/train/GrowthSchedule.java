package org.gan4j.train;

import java.util.ArrayList;
import java.util.List;
import org.gan4j.nn.Growing;

/**
 * When a progressive pair grows (Karras et al. 2018, §3 and §A.1): from the number of real images D has
 * seen to a {@link Growing.Stage}. The run starts stable at 4×4 for {@code stable} images; then, for each
 * doubling up to the target, α rises linearly from 0 to 1 over {@code fade} images and the new resolution is
 * trained stable for {@code stable} more; after the last doubling the pair stays at the target.
 *
 * <pre>
 *   images:  [0, S)      [S, S+F)        [S+F, 2S+F)   [2S+F, 2S+2F)  …
 *   stage:   (4, 1)      (8, (t−S)/F)    (8, 1)        (16, …)        …   (T, 1) from n(F+S) on
 * </pre>
 * The schedule is a pure function of the image count, which is itself a function of the step, so a resumed
 * run computes the same stages as an uninterrupted one.
 *
 * @param target the final side T, a power of two ≥ 8
 * @param fade   images of each fade-in (0: each doubling switches at once)
 * @param stable images of each stable phase
 */
public record GrowthSchedule(int target, long fade, long stable) {
    public GrowthSchedule {
        if (target < 8 || Integer.bitCount(target) != 1) {
            throw new IllegalArgumentException("a growth target is a power of two ≥ 8, got " + target);
        }
        if (fade < 0 || stable < 0) {
            throw new IllegalArgumentException("fade and stable images are 0 or more, got " + fade + " and " + stable);
        }
    }

    /** A schedule in thousands of images (kimg), the paper's unit, rounded to whole images. */
    public static GrowthSchedule ofKimg(int target, double fadeKimg, double stableKimg) {
        return new GrowthSchedule(target, Math.round(fadeKimg * 1000), Math.round(stableKimg * 1000));
    }

    /** The stage of the step that starts after {@code images} real images were shown. */
    public Growing.Stage at(long images) {
        if (images < 0) {
            throw new IllegalArgumentException("images shown is 0 or more, got " + images);
        }
        long t = images;
        if (t < stable) {
            return Growing.Stage.stable(4);
        }
        t -= stable;
        for (int r = 8; r <= target; r *= 2) {
            if (t < fade) {
                return new Growing.Stage(r, (double) t / fade);
            }
            t -= fade;
            if (t < stable) {
                return Growing.Stage.stable(r);
            }
            t -= stable;
        }
        return Growing.Stage.stable(target);
    }

    /** The resolutions the pair passes through, 4 to the target. */
    public List<Integer> resolutions() {
        List<Integer> r = new ArrayList<>();
        for (int side = 4; side <= target; side *= 2) {
            r.add(side);
        }
        return r;
    }

    /** Images shown when the pair first works at its target resolution with α = 1: n·(F + S) for n doublings. */
    public long imagesToTarget() {
        return (resolutions().size() - 1) * (fade + stable);
    }
}
