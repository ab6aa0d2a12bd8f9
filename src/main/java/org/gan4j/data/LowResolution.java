package org.gan4j.data;

import org.bytedeco.pytorch.InterpolateFuncOptions;
import org.bytedeco.pytorch.LongVector;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.kBicubic;
import org.bytedeco.pytorch.kNearest;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.BadInputException;

/**
 * Low-resolution images for super-resolution, made from high-resolution ones as the SR literature
 * does (SRGAN, EDSR: the bicubic kernel of MATLAB's {@code imresize}): libtorch's bicubic
 * interpolation with antialiasing, which is PIL's and MATLAB's filter (Keys' cubic with a = −0.5,
 * widened by the scale when shrinking, so it low-passes before subsampling). Enlarging uses the same
 * kernel: with antialiasing libtorch takes a = −0.5 in both directions (its plain bicubic has −0.75),
 * so {@link #upscaleBicubic} is the MATLAB-style bicubic baseline of the SR tables.
 *
 * <p>Batches are n × C × H × W in gan4j's image range [−1, 1]. Bicubic weights are partly negative,
 * so a result can overshoot past a sharp edge; it is clamped back to [−1, 1].
 */
public final class LowResolution {
    private LowResolution() {
    }

    /**
     * The bicubic-downscaled batch: n × C × (H/scale) × (W/scale), clamped to [−1, 1].
     *
     * @throws BadInputException when {@code scale} does not divide H and W
     */
    public static Tensor downscale(Tensor hr, int scale) {
        checkImages(hr);
        long h = hr.size(2);
        long w = hr.size(3);
        checkDivisible(Math.toIntExact(h), Math.toIntExact(w), scale);
        return resize(hr, h / scale, w / scale);
    }

    /**
     * The bicubic-upscaled batch, n × C × (h·scale) × (w·scale), clamped to [−1, 1]: the baseline a
     * super-resolution network has to beat.
     */
    public static Tensor upscaleBicubic(Tensor lr, int scale) {
        checkImages(lr);
        if (scale < 1) {
            throw new BadInputException("--scale must be at least 1, got " + scale);
        }
        return resize(lr, lr.size(2) * scale, lr.size(3) * scale);
    }

    /** The batch upscaled by pixel repetition (nearest neighbour): how a low-resolution image looks at the high resolution. */
    public static Tensor upscaleNearest(Tensor lr, int scale) {
        checkImages(lr);
        InterpolateFuncOptions o = new InterpolateFuncOptions();
        o.size().put(new LongVector(lr.size(2) * scale, lr.size(3) * scale));
        o.mode().put(new kNearest());
        return torch.interpolate(lr, o);
    }

    /** Refuses a scale that does not divide both sides of the images, e.g. 3 on 28×28. */
    public static void checkDivisible(int height, int width, int scale) {
        if (scale < 1) {
            throw new BadInputException("--scale must be at least 1, got " + scale);
        }
        if (height % scale != 0 || width % scale != 0) {
            throw new BadInputException("--scale " + scale + " does not divide the " + height + "×" + width
                    + " images (both sides must be multiples of it)");
        }
    }

    private static void checkImages(Tensor images) {
        if (images.dim() != 4) {
            throw new IllegalArgumentException("expected an n × C × H × W batch, got " + images.dim() + " dimensions");
        }
    }

    /** Antialiased bicubic resize to {@code height × width} (half-pixel centres, no corner alignment), clamped to [−1, 1]. */
    private static Tensor resize(Tensor images, long height, long width) {
        InterpolateFuncOptions o = new InterpolateFuncOptions();
        o.size().put(new LongVector(height, width));
        o.mode().put(new kBicubic());
        o.align_corners().put(false);
        o.antialias().put(true);
        Tensor out = torch.interpolate(images, o);
        return out.clamp(new ScalarOptional(new Scalar(-1.0)), new ScalarOptional(new Scalar(1.0)));
    }
}
