package org.gan4j.metrics;

import java.util.Arrays;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.BadInputException;
import org.gan4j.engine.Engine;

/**
 * Full-reference image quality of super-resolved images, computed the way the SR literature's
 * tables are (SRGAN, EDSR, and the MATLAB evaluation code they share):
 * <ul>
 *   <li>RGB images are compared on their luma only, ITU-R BT.601 as MATLAB's {@code rgb2ycbcr}:
 *       Y = (16 + 65.481·R + 128.553·G + 24.966·B) / 255 for R, G, B in [0, 1]; grayscale images as
 *       they are;</li>
 *   <li>a border of {@code border} pixels is cropped from each side first (by convention the scale
 *       factor: the network cannot know what lies beyond the low-resolution image's edge);</li>
 *   <li>PSNR = 10·log10(1 / MSE), data range 1;</li>
 *   <li>SSIM (Wang, Bovik, Sheikh &amp; Simoncelli, "Image Quality Assessment: From Error Visibility to
 *       Structural Similarity", IEEE TIP 2004): local statistics under an 11 × 11 Gaussian window
 *       with σ = 1.5 over the window positions that fit inside the image ("valid", as the authors'
 *       {@code ssim_index.m}), K1 = 0.01, K2 = 0.03, L = 1, and the mean of the SSIM map;</li>
 *   <li>both averaged over the images of the batch.</li>
 * </ul>
 * Values are not quantised to 8 bits first (some evaluation scripts do, which moves PSNR by a few
 * hundredths of a dB). An image identical to its reference has an infinite PSNR, and so then does
 * the mean. Computed in double precision on the CPU, without autograd.
 */
public final class ImageQuality {
    /** Side of the SSIM window. */
    public static final int WINDOW = 11;
    /** Standard deviation of the SSIM window's Gaussian, in pixels. */
    public static final double SIGMA = 1.5;
    public static final double K1 = 0.01;
    public static final double K2 = 0.03;
    /** How far outside [0, 1] an input value may stray (rounding) before it is refused. */
    private static final double RANGE_SLACK = 1e-4;

    private ImageQuality() {
    }

    /**
     * Mean PSNR (dB) and mean SSIM of a batch, and the number of images they average.
     *
     * @param psnr   mean over images of 10·log10(1 / MSE); +∞ when an image equals its reference
     * @param ssim   mean over images of the mean SSIM map, at most 1
     * @param images batch size
     */
    public record Result(double psnr, double ssim, int images) {
    }

    /**
     * Compares super-resolved images with their high-resolution references.
     *
     * @param predicted n × C × H × W, C = 1 or 3, values in [0, 1] (map gan4j's [−1, 1] images by (x + 1)/2)
     * @param reference the same shape and range
     * @param border    pixels cropped from each side before measuring (the scale factor, by convention)
     */
    public static Result compare(Tensor predicted, Tensor reference, int border) {
        long[] shape = predicted.sizes().vec().get();
        if (!Arrays.equals(shape, reference.sizes().vec().get())) {
            throw new IllegalArgumentException("predicted " + Arrays.toString(shape) + " and reference "
                    + Arrays.toString(reference.sizes().vec().get()) + " differ in shape");
        }
        if (shape.length != 4 || shape[0] < 1) {
            throw new IllegalArgumentException("expected a non-empty n × C × H × W batch, got " + Arrays.toString(shape));
        }
        if (shape[1] != 1 && shape[1] != 3) {
            throw new BadInputException("PSNR and SSIM are measured on grayscale or RGB images, not " + shape[1] + " channels");
        }
        if (border < 0) {
            throw new IllegalArgumentException("border must be 0 or more, got " + border);
        }
        long h = shape[2] - 2L * border;
        long w = shape[3] - 2L * border;
        if (h < WINDOW || w < WINDOW) {
            throw new BadInputException("SSIM needs at least " + WINDOW + "×" + WINDOW + " pixels after cropping "
                    + border + " from each side of the " + shape[2] + "×" + shape[3] + " images");
        }
        Engine.ensureLoaded();
        try (PointerScope scope = new PointerScope(); NoGradGuard guard = new NoGradGuard()) {
            Tensor p = crop(luma(asDouble(predicted, "predicted")), border, h, w);
            Tensor r = crop(luma(asDouble(reference, "reference")), border, h, w);
            Tensor mse = p.sub(r).square().mean(new long[] {1, 2, 3}, false, new ScalarTypeOptional()); // n
            double psnr = mse.log10().mul(new Scalar(-10.0)).mean().item_double();
            double ssim = ssimMap(p, r).mean(new long[] {1, 2, 3}, false, new ScalarTypeOptional()).mean().item_double();
            return new Result(psnr, ssim, (int) shape[0]);
        }
    }

    /** A CPU double copy of {@code images}, refused when it is not in [0, 1]. */
    private static Tensor asDouble(Tensor images, String what) {
        Tensor d = images.detach().cpu().to(torch.ScalarType.Double);
        double min = d.min().item_double();
        double max = d.max().item_double();
        if (min < -RANGE_SLACK || max > 1 + RANGE_SLACK) {
            throw new IllegalArgumentException("the " + what + " images must be in [0, 1], found values in ["
                    + min + ", " + max + "] (gan4j's [-1, 1] images map by (x + 1)/2)");
        }
        return d;
    }

    /** BT.601 luma in [16/255, 235/255] of an RGB batch, a 1 × 1 convolution; a grayscale batch as it is. */
    private static Tensor luma(Tensor images) {
        if (images.size(1) == 1) {
            return images;
        }
        Tensor weight = DoubleTensors.fromDoubles(new double[] {65.481 / 255, 128.553 / 255, 24.966 / 255}, 1, 3, 1, 1);
        Tensor bias = DoubleTensors.fromDoubles(new double[] {16.0 / 255}, 1);
        return torch.conv2d(images, weight, new TensorOptional(bias), new long[] {1, 1}, new long[] {0, 0}, new long[] {1, 1}, 1);
    }

    private static Tensor crop(Tensor images, int border, long h, long w) {
        return images.narrow(2, border, h).narrow(3, border, w);
    }

    /** The SSIM map over every position of the Gaussian window inside the images: n × 1 × (H − 10) × (W − 10). */
    static Tensor ssimMap(Tensor x, Tensor y) {
        Tensor window = gaussianWindow();
        Tensor muX = filter(x, window);
        Tensor muY = filter(y, window);
        Tensor muXX = muX.square();
        Tensor muYY = muY.square();
        Tensor muXY = muX.mul(muY);
        Tensor varX = filter(x.square(), window).sub(muXX);
        Tensor varY = filter(y.square(), window).sub(muYY);
        Tensor covXY = filter(x.mul(y), window).sub(muXY);
        Scalar c1 = new Scalar(K1 * K1);
        Scalar c2 = new Scalar(K2 * K2);
        Tensor numerator = muXY.mul(new Scalar(2.0)).add(c1).mul(covXY.mul(new Scalar(2.0)).add(c2));
        Tensor denominator = muXX.add(muYY).add(c1).mul(varX.add(varY).add(c2));
        return numerator.div(denominator);
    }

    /** The normalised 11 × 11 Gaussian, σ = 1.5, as a 1 × 1 × 11 × 11 double convolution weight. */
    static Tensor gaussianWindow() {
        Tensor offsets = torch.arange(new Scalar(WINDOW)).to(torch.ScalarType.Double).sub(new Scalar((WINDOW - 1) / 2.0));
        Tensor g = offsets.square().mul(new Scalar(-1.0 / (2 * SIGMA * SIGMA))).exp();
        g = g.div(g.sum());
        return g.view(WINDOW, 1).mul(g.view(1, WINDOW)).view(1, 1, WINDOW, WINDOW);
    }

    /** Weighted local means: a valid (unpadded) convolution with the window. */
    private static Tensor filter(Tensor images, Tensor window) {
        return torch.conv2d(images, window);
    }
}
