package org.gan4j.nn;

import org.gan4j.BadInputException;
import org.gan4j.data.SampleShape;
import org.gan4j.loss.LossDefaults;

/**
 * {@code --model progan}: progressive growing of GANs (Karras et al. 2018), {@link ProGanGenerator} against
 * {@link ProGanDiscriminator}, trained by the {@code adversarial} game, which grows both (and G's weight
 * average) by a {@code GrowthSchedule} from the keys {@code fade-kimg} and {@code stable-kimg}. The target
 * resolution is the data's side, a power of two ≥ 8 (Fashion-MNIST padded to 32, a folder at 32 or 64).
 */
public final class ProGanArchitecture implements Architecture {
    /** The paper's ε of the drift term ε·E[D(x)²] that keeps the critic's output near 0 (§A.1). */
    public static final double DRIFT = 0.001;

    @Override
    public String name() {
        return "progan";
    }

    @Override
    public String description() {
        return "progressive growing (Karras et al. 2018): 4x4 up to 32 or 64 with fade-ins, equalised LR, pixel norm,"
                + " minibatch std, WGAN-GP with drift";
    }

    /**
     * The paper's Adam (lr 1e-3, β (0, 0.99)); z of 128 (the paper's 512); 32 feature maps up to 16×16 and 16 at
     * 32×32 (the paper's 512, halving above 32×32); batch 32 (the paper's 16). Measured on the 2-core machine
     * under load, 32 images: 4×4 ~380 images/s, 32×32 ~85 at width 32 (23 at width 48, 37 at 64), so the default
     * 3,000 steps (96 kimg) take about a quarter of an hour.
     */
    @Override
    public Defaults defaults() {
        return new Defaults(1e-3, 0.0, 0.99, LatentNoise.NORMAL, 128, 32, 32);
    }

    /**
     * WGAN-GP (λ 10) with drift 0.001, one critic step per G step, Adam β (0, 0.99) (§A.1), and G's EMA at 0.99. The
     * paper's average has a half-life of 10 kimg (β ≈ 0.999 at batch 16) against phases of 600-800 kimg; here the
     * phases are 8 kimg, and at 0.999 (a half-life of 693 steps, 22 kimg at batch 32) the average still showed
     * mostly the random initial weights when 8×8 had been trained (0.999^375 = 69%). 0.99 halves in 69 steps
     * (2.2 kimg), a quarter of a phase.
     */
    @Override
    public Recipe recipe() {
        return new Recipe("wgan-gp", new LossDefaults(null, 1e-3, 0.0, 0.99, 1, null), 0.99, DRIFT);
    }

    @Override
    public boolean grows() {
        return true;
    }

    /** 32 for a dataset of 28×28 images (Fashion-MNIST, MNIST: padded by 2 px a side); a power-of-two side stays. */
    @Override
    public int preferredSide(SampleShape nativeShape) {
        int side = nativeShape.height();
        return side >= 8 && Integer.bitCount(side) == 1 ? 0 : 32;
    }

    @Override
    public void checkSupports(SampleShape shape) {
        checkTarget(shape);
    }

    /** Refuses data whose side is not a power of two ≥ 8 (or that is not square images). */
    public static void checkTarget(SampleShape shape) {
        int side = shape.height();
        if (!shape.image() || shape.width() != side || side < 8 || Integer.bitCount(side) != 1) {
            throw new BadInputException("model 'progan' grows to the data's side, which must be a power of two of at least 8,"
                    + " but the data is " + shape + " (use --image-size 32 or 64)");
        }
    }

    @Override
    public Generator generator(NetworkSpec spec) {
        checkSupports(spec.shape());
        return new ProGanGenerator(spec.latentDim(), spec.shape(), spec.width());
    }

    @Override
    public Discriminator discriminator(NetworkSpec spec) {
        checkSupports(spec.shape());
        return new ProGanDiscriminator(spec.shape(), spec.width());
    }

    /** Its D is not rebuilt from the sample shape alone (and already judges batches by their minibatch std). */
    @Override
    public boolean supportsPacking() {
        return false;
    }
}
