package org.gan4j.nn;

/**
 * A network that grows progressively (Karras et al. 2018, "Progressive Growing of GANs"): it is built at
 * its target resolution with every block from the start, and a {@link Stage} says which of them are in
 * use. A game that trains such networks sets the stage before each step ({@code train.GrowthSchedule});
 * the network keeps it in a registered buffer, so checkpoints and {@code generator.pt} hold it with the
 * weights.
 */
public interface Growing {
    /** Puts the network at {@code stage} (it must name one of the network's resolutions). */
    void stage(Stage stage);

    /** The stage the network computes at, as its buffer holds it. */
    Stage stage();

    /**
     * Where a growing pair is.
     *
     * @param resolution the side of the images the network currently works at: 4, 8, ... up to the target
     * @param alpha      fade-in α ∈ [0, 1] of the block of {@code resolution}: 0 is the network of half the
     *                   resolution (upsampled), 1 the new block alone; between, the two outputs blended linearly
     */
    record Stage(int resolution, double alpha) {
        public Stage {
            if (resolution < 4 || Integer.bitCount(resolution) != 1) {
                throw new IllegalArgumentException("a stage's resolution is a power of two ≥ 4, got " + resolution);
            }
            if (!(alpha >= 0 && alpha <= 1)) {
                throw new IllegalArgumentException("a stage's alpha is in [0, 1], got " + alpha);
            }
            if (resolution == 4 && alpha != 1) {
                throw new IllegalArgumentException("4×4 is the first resolution: it has no fade-in");
            }
        }

        /** Whether a fade-in is under way (the block of half the resolution still contributes). */
        public boolean fading() {
            return alpha < 1;
        }

        /** The stable stage at {@code resolution}. */
        public static Stage stable(int resolution) {
            return new Stage(resolution, 1);
        }
    }
}
