package org.gan4j.features;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.BadInputException;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Tensors;

/**
 * Inception-v3 as pytorch-fid computes FID with it: torchvision's Inception-v3 graph with
 * pytorch-fid's {@code FIDInceptionA/C/E_1/E_2} blocks (the TensorFlow-ported network of
 * {@code pt_inception-2015-12-05-6726825d.pth}, 1008 classes, no auxiliary head), evaluated
 * functionally on libtorch from the tensors of a state dict, in eval mode and without autograd.
 *
 * <p>Preprocessing is pytorch-fid's: images of any size in [0, 1] are resized to 299×299 with
 * bilinear interpolation ({@code align_corners=False}, no antialiasing, as its
 * {@code F.interpolate}), scaled to [−1, 1] ({@code 2x − 1}); one channel is replicated to three (as
 * PIL's {@code convert('RGB')} does for pytorch-fid's grayscale files).
 *
 * <p>The variant's quirks, each from TensorFlow's graph: every convolution is bias-free and followed
 * by batch norm with ε = 0.001 and ReLU; the pooling branches of the A, C and first E blocks average
 * with {@code count_include_pad=False} (TensorFlow ignores padded zeros); the last E block
 * ({@code Mixed_7c}) max-pools instead. Outputs per image: the 2048-d global average pool of
 * {@code Mixed_7c} (pool3, the features of FID and KID) and the 1008 logits of {@code fc}
 * ({@code pool3 · Wᵀ + b}); the Inception Score uses softmax of the logits without the bias
 * ({@code pool3 · Wᵀ}), as the original TensorFlow IS code and torch-fidelity's default
 * {@code logits_unbiased} do.
 */
public final class InceptionV3 {
    /** Its name as a feature network ({@code --features inception}). */
    public static final String NAME = "inception";
    /** Feature dimension (pool3). */
    public static final int FEATURES = 2048;
    /** Classes of the TensorFlow graph's softmax (1000 ImageNet classes and 8 unused). */
    public static final int CLASSES = 1008;
    /** Side the input is resized to. */
    public static final int SIZE = 299;
    /** Batch norm's ε in the ported graph. */
    static final double BN_EPS = 0.001;

    /** One BasicConv2d: bias-free convolution, batch norm, ReLU. */
    private record Conv(int in, int out, int kh, int kw, int sh, int sw, int ph, int pw) {
        long[] weightShape() {
            return new long[] {out, in, kh, kw};
        }
    }

    /** Every BasicConv2d by its state-dict prefix, in torchvision's order. */
    private static final Map<String, Conv> CONVS = new LinkedHashMap<>();

    static {
        conv("Conv2d_1a_3x3", 3, 32, 3, 3, 2, 0);
        conv("Conv2d_2a_3x3", 32, 32, 3, 3, 1, 0);
        conv("Conv2d_2b_3x3", 32, 64, 3, 3, 1, 1);
        conv("Conv2d_3b_1x1", 64, 80, 1, 1, 1, 0);
        conv("Conv2d_4a_3x3", 80, 192, 3, 3, 1, 0);
        blockA("Mixed_5b", 192, 32);
        blockA("Mixed_5c", 256, 64);
        blockA("Mixed_5d", 288, 64);
        blockB("Mixed_6a", 288);
        blockC("Mixed_6b", 768, 128);
        blockC("Mixed_6c", 768, 160);
        blockC("Mixed_6d", 768, 160);
        blockC("Mixed_6e", 768, 192);
        blockD("Mixed_7a", 768);
        blockE("Mixed_7b", 1280);
        blockE("Mixed_7c", 2048);
    }

    private static void conv(String name, int in, int out, int kh, int kw, int stride, int pad) {
        CONVS.put(name, new Conv(in, out, kh, kw, stride, stride, pad, pad));
    }

    /** A 1×7 / 7×1 (or 1×3 / 3×1) convolution with "same" padding. */
    private static void convRect(String name, int in, int out, int kh, int kw) {
        CONVS.put(name, new Conv(in, out, kh, kw, 1, 1, kh / 2, kw / 2));
    }

    private static void blockA(String p, int in, int poolFeatures) {
        conv(p + ".branch1x1", in, 64, 1, 1, 1, 0);
        conv(p + ".branch5x5_1", in, 48, 1, 1, 1, 0);
        conv(p + ".branch5x5_2", 48, 64, 5, 5, 1, 2);
        conv(p + ".branch3x3dbl_1", in, 64, 1, 1, 1, 0);
        conv(p + ".branch3x3dbl_2", 64, 96, 3, 3, 1, 1);
        conv(p + ".branch3x3dbl_3", 96, 96, 3, 3, 1, 1);
        conv(p + ".branch_pool", in, poolFeatures, 1, 1, 1, 0);
    }

    private static void blockB(String p, int in) {
        conv(p + ".branch3x3", in, 384, 3, 3, 2, 0);
        conv(p + ".branch3x3dbl_1", in, 64, 1, 1, 1, 0);
        conv(p + ".branch3x3dbl_2", 64, 96, 3, 3, 1, 1);
        conv(p + ".branch3x3dbl_3", 96, 96, 3, 3, 2, 0);
    }

    private static void blockC(String p, int in, int c7) {
        conv(p + ".branch1x1", in, 192, 1, 1, 1, 0);
        conv(p + ".branch7x7_1", in, c7, 1, 1, 1, 0);
        convRect(p + ".branch7x7_2", c7, c7, 1, 7);
        convRect(p + ".branch7x7_3", c7, 192, 7, 1);
        conv(p + ".branch7x7dbl_1", in, c7, 1, 1, 1, 0);
        convRect(p + ".branch7x7dbl_2", c7, c7, 7, 1);
        convRect(p + ".branch7x7dbl_3", c7, c7, 1, 7);
        convRect(p + ".branch7x7dbl_4", c7, c7, 7, 1);
        convRect(p + ".branch7x7dbl_5", c7, 192, 1, 7);
        conv(p + ".branch_pool", in, 192, 1, 1, 1, 0);
    }

    private static void blockD(String p, int in) {
        conv(p + ".branch3x3_1", in, 192, 1, 1, 1, 0);
        conv(p + ".branch3x3_2", 192, 320, 3, 3, 2, 0);
        conv(p + ".branch7x7x3_1", in, 192, 1, 1, 1, 0);
        convRect(p + ".branch7x7x3_2", 192, 192, 1, 7);
        convRect(p + ".branch7x7x3_3", 192, 192, 7, 1);
        conv(p + ".branch7x7x3_4", 192, 192, 3, 3, 2, 0);
    }

    private static void blockE(String p, int in) {
        conv(p + ".branch1x1", in, 320, 1, 1, 1, 0);
        conv(p + ".branch3x3_1", in, 384, 1, 1, 1, 0);
        convRect(p + ".branch3x3_2a", 384, 384, 1, 3);
        convRect(p + ".branch3x3_2b", 384, 384, 3, 1);
        conv(p + ".branch3x3dbl_1", in, 448, 1, 1, 1, 0);
        conv(p + ".branch3x3dbl_2", 448, 384, 3, 3, 1, 1);
        convRect(p + ".branch3x3dbl_3a", 384, 384, 1, 3);
        convRect(p + ".branch3x3dbl_3b", 384, 384, 3, 1);
        conv(p + ".branch_pool", in, 192, 1, 1, 1, 0);
    }

    /** The state dict's tensors this network needs, name → shape, in torchvision's order. */
    static Map<String, long[]> expectedShapes() {
        Map<String, long[]> m = new LinkedHashMap<>();
        CONVS.forEach((name, c) -> {
            m.put(name + ".conv.weight", c.weightShape());
            for (String b : List.of("weight", "bias", "running_mean", "running_var")) {
                m.put(name + ".bn." + b, new long[] {c.out()});
            }
        });
        m.put("fc.weight", new long[] {CLASSES, FEATURES});
        m.put("fc.bias", new long[] {CLASSES});
        return m;
    }

    /** Parameters and running statistics by state-dict name (CPU float tensors, no autograd). */
    private final Map<String, Tensor> weights;
    private final Tensor fcWeightT;

    /** The tensors outlive any {@link PointerScope} the caller loads them in (retained, as the rest of gan4j's long-lived tensors). */
    private InceptionV3(Map<String, Tensor> weights) {
        this.weights = weights;
        weights.values().forEach(Tensor::retainReference);
        this.fcWeightT = weights.get("fc.weight").t().contiguous();
        fcWeightT.retainReference();
    }

    /**
     * The network from a state dict written by {@code torch.save} (zip or legacy format): exactly the
     * tensors of {@link #expectedShapes()}, each with its shape; {@code num_batches_tracked} buffers
     * are ignored. Anything else (a missing, unexpected or misshapen tensor) is a one-line
     * {@link BadInputException} naming the first difference.
     */
    public static InceptionV3 load(Path file) {
        return fromStateDict(TorchStateDict.read(file), file.toString());
    }

    static InceptionV3 fromStateDict(Map<String, TorchStateDict.Stored> dict, String source) {
        Engine.ensureLoaded();
        Map<String, long[]> expected = expectedShapes();
        for (String key : dict.keySet()) {
            if (!expected.containsKey(key) && !key.endsWith(".num_batches_tracked")) {
                throw new BadInputException(source + ": unexpected tensor '" + key + "' for pytorch-fid's Inception-v3 (FID variant)");
            }
        }
        Map<String, Tensor> w = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            TorchStateDict.Stored s = dict.get(e.getKey());
            if (s == null) {
                throw new BadInputException(source + ": tensor '" + e.getKey() + "' of pytorch-fid's Inception-v3 is missing");
            }
            if (!Arrays.equals(s.shape(), e.getValue())) {
                throw new BadInputException(source + ": tensor '" + e.getKey() + "' has shape " + s.shapeText() + ", expected "
                        + Arrays.toString(e.getValue()) + " (not pytorch-fid's Inception-v3 weights)");
            }
            w.put(e.getKey(), Tensors.fromFloats(s.values(), s.shape()));
        }
        return new InceptionV3(w);
    }

    /** What the network says about a batch: both as {@code n × d} row-major floats. */
    public record Output(float[] features, float[] unbiasedLogits, float[] logits) {
    }

    /**
     * pool3 features, unbiased logits and logits of a batch of images.
     *
     * @param images {@code B × C × H × W} float tensor in [0, 1], C = 1 or 3
     */
    public Output apply(Tensor images) {
        try (NoGradGuard guard = new NoGradGuard(); PointerScope scope = new PointerScope()) {
            Tensor pool = pool3(images);                                              // B×2048
            Tensor unbiased = pool.matmul(fcWeightT);                                  // B×1008
            Tensor logits = unbiased.add(weights.get("fc.bias"));
            return new Output(Tensors.toFloats(pool), Tensors.toFloats(unbiased), Tensors.toFloats(logits));
        }
    }

    /** B×2048 global average pool of Mixed_7c, from B×C×H×W images in [0, 1]. */
    Tensor pool3(Tensor images) {
        long[] shape = images.sizes().vec().get();
        if (shape.length != 4 || (shape[1] != 1 && shape[1] != 3)) {
            throw new BadInputException("Inception-v3 takes B x 1|3 x H x W images, got " + Arrays.toString(shape));
        }
        Tensor x = images;
        if (shape[1] == 1) {
            x = x.expand(new long[] {shape[0], 3, shape[2], shape[3]});
        }
        x = torch.upsample_bilinear2d(x.contiguous(), new long[] {SIZE, SIZE}, false);
        x = x.mul(new Scalar(2.0)).sub(new Scalar(1.0));
        x = basic("Conv2d_1a_3x3", x);                                                // 32×149×149
        x = basic("Conv2d_2a_3x3", x);                                                // 32×147×147
        x = basic("Conv2d_2b_3x3", x);                                                // 64×147×147
        x = maxPool(x, 3, 2, 0);                                                       // 64×73×73
        x = basic("Conv2d_3b_1x1", x);                                                // 80×73×73
        x = basic("Conv2d_4a_3x3", x);                                                // 192×71×71
        x = maxPool(x, 3, 2, 0);                                                       // 192×35×35
        x = inceptionA("Mixed_5b", x);                                                // 256×35×35
        x = inceptionA("Mixed_5c", x);                                                // 288
        x = inceptionA("Mixed_5d", x);                                                // 288
        x = inceptionB("Mixed_6a", x);                                                // 768×17×17
        x = inceptionC("Mixed_6b", x);
        x = inceptionC("Mixed_6c", x);
        x = inceptionC("Mixed_6d", x);
        x = inceptionC("Mixed_6e", x);
        x = inceptionD("Mixed_7a", x);                                                // 1280×8×8
        x = inceptionE("Mixed_7b", x, false);                                         // 2048×8×8
        x = inceptionE("Mixed_7c", x, true);                                          // 2048×8×8
        return torch.adaptive_avg_pool2d(x, 1, 1).flatten(1, -1);
    }

    private Tensor basic(String name, Tensor x) {
        Conv c = CONVS.get(name);
        Tensor y = torch.conv2d(x, weights.get(name + ".conv.weight"), new TensorOptional(),
                new long[] {c.sh(), c.sw()}, new long[] {c.ph(), c.pw()}, new long[] {1, 1}, 1);
        y = torch.batch_norm(y, new TensorOptional(weights.get(name + ".bn.weight")), new TensorOptional(weights.get(name + ".bn.bias")),
                new TensorOptional(weights.get(name + ".bn.running_mean")), new TensorOptional(weights.get(name + ".bn.running_var")),
                false, 0.1, BN_EPS, true);
        return torch.relu(y);
    }

    private static Tensor maxPool(Tensor x, int k, int stride, int pad) {
        return torch.max_pool2d(x, new long[] {k, k}, new long[] {stride, stride}, new long[] {pad, pad}, new long[] {1, 1}, false);
    }

    /** 3×3, stride 1, padding 1 average that ignores the padding (TensorFlow's). */
    private static Tensor avgPoolExcludingPad(Tensor x) {
        return torch.avg_pool2d(x, new long[] {3, 3}, new long[] {1, 1}, new long[] {1, 1}, false, false,
                new org.bytedeco.pytorch.LongOptional());
    }

    private static Tensor cat(Tensor... parts) {
        TensorVector v = new TensorVector(parts);
        return torch.cat(v, 1);
    }

    private Tensor inceptionA(String p, Tensor x) {
        Tensor b1 = basic(p + ".branch1x1", x);
        Tensor b5 = basic(p + ".branch5x5_2", basic(p + ".branch5x5_1", x));
        Tensor b3 = basic(p + ".branch3x3dbl_3", basic(p + ".branch3x3dbl_2", basic(p + ".branch3x3dbl_1", x)));
        Tensor bp = basic(p + ".branch_pool", avgPoolExcludingPad(x));
        return cat(b1, b5, b3, bp);
    }

    private Tensor inceptionB(String p, Tensor x) {
        Tensor b3 = basic(p + ".branch3x3", x);
        Tensor bd = basic(p + ".branch3x3dbl_3", basic(p + ".branch3x3dbl_2", basic(p + ".branch3x3dbl_1", x)));
        return cat(b3, bd, maxPool(x, 3, 2, 0));
    }

    private Tensor inceptionC(String p, Tensor x) {
        Tensor b1 = basic(p + ".branch1x1", x);
        Tensor b7 = x;
        for (int i = 1; i <= 3; i++) {
            b7 = basic(p + ".branch7x7_" + i, b7);
        }
        Tensor bd = x;
        for (int i = 1; i <= 5; i++) {
            bd = basic(p + ".branch7x7dbl_" + i, bd);
        }
        Tensor bp = basic(p + ".branch_pool", avgPoolExcludingPad(x));
        return cat(b1, b7, bd, bp);
    }

    private Tensor inceptionD(String p, Tensor x) {
        Tensor b3 = basic(p + ".branch3x3_2", basic(p + ".branch3x3_1", x));
        Tensor b7 = x;
        for (int i = 1; i <= 4; i++) {
            b7 = basic(p + ".branch7x7x3_" + i, b7);
        }
        return cat(b3, b7, maxPool(x, 3, 2, 0));
    }

    /** An E block; {@code maxPool} for Mixed_7c (FIDInceptionE_2), the padding-free average otherwise (E_1). */
    private Tensor inceptionE(String p, Tensor x, boolean maxPool) {
        Tensor b1 = basic(p + ".branch1x1", x);
        Tensor b3 = basic(p + ".branch3x3_1", x);
        b3 = cat(basic(p + ".branch3x3_2a", b3), basic(p + ".branch3x3_2b", b3));
        Tensor bd = basic(p + ".branch3x3dbl_2", basic(p + ".branch3x3dbl_1", x));
        bd = cat(basic(p + ".branch3x3dbl_3a", bd), basic(p + ".branch3x3dbl_3b", bd));
        Tensor pooled = maxPool ? maxPool(x, 3, 1, 1) : avgPoolExcludingPad(x);
        Tensor bp = basic(p + ".branch_pool", pooled);
        return cat(b1, b3, bd, bp);
    }

    /** Names of the convolutions, for messages and tests. */
    static List<String> convolutions() {
        return new ArrayList<>(CONVS.keySet());
    }
}
