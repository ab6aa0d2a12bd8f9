package org.gan4j.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.BadInputException;
import org.gan4j.data.Dataset;
import org.gan4j.data.LowResolution;
import org.gan4j.data.SampleShape;
import org.gan4j.engine.Tensors;
import org.gan4j.eval.EvalImages;
import org.gan4j.eval.Evaluation;
import org.gan4j.eval.RealReference;
import org.gan4j.eval.ReferenceCache;
import org.gan4j.features.FeatureNetwork;
import org.gan4j.metrics.ImageQuality;
import org.gan4j.metrics.KernelDistance;
import org.gan4j.nn.Classifier;
import org.gan4j.train.TrainedUpscaler.Method;

/**
 * What {@code gan4j eval-sr} measures, the protocol of the SR tables (Ledig et al. 2017, table 2):
 * {@code n} high-resolution images I_HR of a (test) split are downscaled to I_LR as in training
 * ({@link LowResolution#downscale}, antialiased bicubic, not quantised), then enlarged by each
 * {@link Method}: bicubic, SRResNet and SRGAN. Each result is compared with its I_HR by
 * {@link ImageQuality}: PSNR and SSIM on the luma (Y, BT.601) of RGB images or on grayscale as it is,
 * with a border of {@code scale} pixels cropped; both are means over the images. Where a feature
 * network judges the data (28×28 grayscale: {@code fmnist}, {@code mnist}), the set of each method's
 * images also gets its Fréchet distance {@code fid-<net>} to the same I_HR images, the real side
 * being the {@link ReferenceCache}'s reference of those {@code n} images; lower means the upscaled
 * images are distributed more like real ones (the paper's MOS stands in here for a perceptual judge).
 *
 * <p>Images are the reference cache's subset ({@link EvalImages#subset} with
 * {@link ReferenceCache#SUBSET_SEED}): all of the split, in order, when {@code n} is at least its
 * size. Upscaled images are scored as floats in [0, 1], without quantising to bytes.
 */
public final class SuperResolutionEvaluation {
    /** Images per forward pass: bounds the networks' activations. */
    static final int BATCH = 100;
    /** Rows of the picture: low-res | bicubic | SRResNet | SRGAN | original for this many test images. */
    public static final int PICTURE_ROWS = 8;

    private SuperResolutionEvaluation() {
    }

    /** One method's numbers; {@code fid} is null without a feature network. */
    public record Row(Method method, double psnr, double ssim, Double fid) {
    }

    /**
     * The measurement.
     *
     * @param data       the split's name and digest
     * @param n          images measured
     * @param network    the feature network's name (FID's {@code fid-<network>}), or null when none judges the data
     * @param rows       bicubic, SRResNet and SRGAN, in that order
     * @param picture    {@link #PICTURE_ROWS} rows (or fewer) of 5 images in [−1, 1]: low-res shown by pixel repetition,
     *                   bicubic, SRResNet, SRGAN, original
     * @param pictureRows rows in {@code picture}
     */
    public record Result(String data, String dataDigest, int n, long subsetSeed, int scale, SampleShape shape, String network,
                         String networkDigest, List<Row> rows, float[] picture, int pictureRows, double seconds) {
        /** Images in each row of {@link #picture}. */
        public static final int PICTURE_COLUMNS = 5;

        /** The metric name of FID, {@code fid-fmnist}; null without a network. */
        public String fidName() {
            return network == null ? null : "fid-" + network;
        }

        /** The table {@code eval-sr} prints: one line per method. */
        public List<String> table() {
            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT, "%d images of %s, x%d, PSNR/SSIM on %s, border %d", n, data, scale,
                    shape.channels() == 3 ? "Y (BT.601)" : "gray", scale));
            lines.add(String.format(Locale.ROOT, "%-10s %10s %8s%s", "method", "PSNR (dB)", "SSIM", network == null ? "" : String.format(Locale.ROOT, " %12s", fidName())));
            for (Row r : rows) {
                lines.add(String.format(Locale.ROOT, "%-10s %10.2f %8.4f%s", r.method().key(), r.psnr(), r.ssim(),
                        r.fid() == null ? "" : String.format(Locale.ROOT, " %12.2f", r.fid())));
            }
            return lines;
        }

        /** The body of {@code eval-sr.json} (without the command and run, which the caller adds). */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", data);
            d.put("digest", dataDigest);
            d.put("n", n);
            d.put("subset-seed", subsetSeed);
            m.put("data", d);
            m.put("scale", scale);
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("border", scale);
            q.put("channel", shape.channels() == 3 ? "Y (BT.601)" : "gray");
            q.put("low-resolution", "antialiased bicubic downscale, not quantised");
            m.put("quality", q);
            if (network != null) {
                m.put("feature-network", Map.of("name", network, "digest", networkDigest));
            }
            Map<String, Object> methods = new LinkedHashMap<>();
            for (Row r : rows) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("psnr", r.psnr());
                v.put("ssim", r.ssim());
                if (r.fid() != null) {
                    v.put(fidName(), r.fid());
                }
                methods.put(r.method().key(), v);
            }
            m.put("methods", methods);
            m.put("seconds", seconds);
            return m;
        }
    }

    /**
     * Measures {@code upscaler} on {@code min(n, data.size())} images of {@code data}.
     *
     * @param net       the feature network for FID, or null for PSNR and SSIM only
     * @param reference the real features of the same images under {@code net} (from {@link ReferenceCache#get}
     *                  with the same {@code n}); null when {@code net} is
     * @throws BadInputException when the data's images are not the run's shape, or there are fewer than 2
     */
    public static Result evaluate(TrainedUpscaler upscaler, Dataset data, int n, FeatureNetwork net, RealReference reference) {
        long started = System.nanoTime();
        SampleShape shape = data.shape();
        if (!shape.equals(upscaler.shape())) {
            throw new BadInputException("dataset " + data.name() + " has " + shape + " images; run " + upscaler.runDir()
                    + " was trained on " + upscaler.shape());
        }
        if (net != null && (!shape.equals(Classifier.INPUT) || reference == null)) {
            throw new IllegalArgumentException("FID needs " + Classifier.INPUT + " images and the real reference");
        }
        int[] idx = EvalImages.subset(data.size(), n, ReferenceCache.SUBSET_SEED);
        int m = idx.length;
        if (m < 2) {
            throw new BadInputException("eval-sr needs at least 2 images; " + data.name() + " gives " + m);
        }
        int d = shape.features();
        int scale = upscaler.scale();
        Method[] methods = Method.values();
        double[] psnr = new double[methods.length];
        double[] ssim = new double[methods.length];
        float[][] upscaled = new float[methods.length][net == null ? 0 : m * d];   // [0, 1], for the features
        int[] pictureAt = pictureIndices(m);
        int cols = Result.PICTURE_COLUMNS;
        float[] picture = new float[pictureAt.length * cols * d];
        for (int start = 0; start < m; start += BATCH) {
            int b = Math.min(BATCH, m - start);
            float[] x = new float[b * d];
            for (int i = 0; i < b; i++) {
                data.copyTo(idx[start + i], x, i * d);
            }
            for (int j = 0; j < x.length; j++) {
                x[j] = 2 * x[j] - 1;   // as training scales its batches
            }
            try (PointerScope scope = new PointerScope(); NoGradGuard guard = new NoGradGuard()) {
                Tensor hr = Tensors.fromFloats(x, b, shape.channels(), shape.height(), shape.width());
                Tensor lr = LowResolution.downscale(hr, scale);
                Tensor hrUnit = SuperResolutionGame.unit(hr);
                Tensor[] outs = new Tensor[methods.length];
                for (int k = 0; k < methods.length; k++) {
                    outs[k] = upscaler.upscale(methods[k], lr);
                    ImageQuality.Result q = ImageQuality.compare(SuperResolutionGame.unit(outs[k]), hrUnit, scale);
                    psnr[k] += q.psnr() * b;
                    ssim[k] += q.ssim() * b;
                    if (net != null) {
                        float[] u = Tensors.toFloats(SuperResolutionGame.unit(outs[k]));
                        System.arraycopy(u, 0, upscaled[k], start * d, u.length);
                    }
                }
                addToPicture(picture, pictureAt, start, b, d,
                        torch.stack(new TensorVector(LowResolution.upscaleNearest(lr, scale), outs[0], outs[1], outs[2], hr), 1));
            }
        }
        String fidNetwork = net == null ? null : net.name();
        List<Row> rows = new ArrayList<>();
        for (int k = 0; k < methods.length; k++) {
            Double fid = null;
            if (net != null) {
                EvalImages images = new EvalImages(upscaled[k], m, methods[k].key() + " of " + upscaler.weights());
                fid = Evaluation.distances(net, reference, images, KernelDistance.defaults()).fid();
            }
            rows.add(new Row(methods[k], psnr[k] / m, ssim[k] / m, fid));
        }
        return new Result(data.name(), data.digest(), m, ReferenceCache.SUBSET_SEED, scale, shape, fidNetwork,
                net == null ? null : net.digest(), List.copyOf(rows), picture, pictureAt.length, (System.nanoTime() - started) / 1e9);
    }

    /** Positions (among the {@code m} measured images) of the picture's rows, spread evenly. */
    static int[] pictureIndices(int m) {
        int rows = Math.min(PICTURE_ROWS, m);
        int[] at = new int[rows];
        for (int r = 0; r < rows; r++) {
            at[r] = (int) ((long) r * m / rows);
        }
        return at;
    }

    /** Copies the rows of the batch (b × 5 × C × H × W, starting at image {@code start}) that the picture shows. */
    private static void addToPicture(float[] picture, int[] pictureAt, int start, int b, int d, Tensor stacked) {
        float[] values = null;
        int row = Result.PICTURE_COLUMNS * d;
        for (int r = 0; r < pictureAt.length; r++) {
            int i = pictureAt[r] - start;
            if (i >= 0 && i < b) {
                if (values == null) {
                    values = Tensors.toFloats(stacked.contiguous());
                }
                System.arraycopy(values, i * row, picture, r * row, row);
            }
        }
    }
}
