package org.gan4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.data.SampleShape;
import org.gan4j.engine.Rng;

/**
 * StyleGAN2's generator (Karras et al. 2020) at small scale: a mapping network z → w and a
 * synthesis network that draws an image from one w per layer.
 * <pre>
 *   z (B × d) → pixel norm → L × [EqualizedLinear(d → d, lr ×0.01) → LReLU·√2]  = w (B × d)
 *   ws = w repeated for each of the {@link #numWs()} layers                        B × N × d
 *   x = learned constant C₄ × 4 × 4
 *   4×4:   x = StyleLayer(x, ws₀);                   img = toRGB(x, ws₁)
 *   r×r:   x = StyleLayer↑(x, ws₂ᵢ₋₁); x = StyleLayer(x, ws₂ᵢ); img = up(img) + toRGB(x, ws₂ᵢ₊₁)
 *   → img, C × side × side, linear (as StyleGAN2), real images in [−1, 1]
 * </pre>
 * Channels C_r = min(2·width, width·side/r): 128 at 4–16 and 64 at 32×32 for width 64. Up-sampling is
 * bilinear (StyleGAN2 uses a transposed convolution with a FIR blur; there is no blur here).
 *
 * <p>Training mode: every forward pass moves {@code w_avg}, the running mean of w (β = 0.995, as
 * StyleGAN2), towards the batch's mean w, and with probability {@code mixingProb} the batch mixes
 * styles: a second z (N(0, 1)) maps to w₂, which replaces w from a crossover layer drawn uniformly
 * in [1, N) on. Eval mode applies the truncation trick w ← w_avg + ψ·(w − w_avg) with the ψ set by
 * {@link #truncation(double)} (1 = off). Every draw (per-layer noise, mixing) comes from
 * {@link Rng#current()} during the pass, so a reseeded step or a seeded sample repeats exactly.
 */
public final class StyleGanGenerator extends Generator implements ForwardWork {
    /** Running-mean decay of w_avg (StyleGAN2's {@code w_avg_beta}). */
    public static final double W_AVG_BETA = 0.995;
    /** Learning-rate multiplier of the mapping network (StyleGAN, §C of the appendix; StyleGAN2 keeps it). */
    public static final double MAPPING_LR_MULTIPLIER = 0.01;
    /** Decay of the path-length target a (StyleGAN2's {@code pl_decay}). */
    static final double PL_DECAY = 0.01;

    private final int styleDim;
    private final int side;
    private final int width;
    private final StyleSpec style;
    private final List<EqualizedLinear> mapping = new ArrayList<>();
    private final Tensor constant;
    private final List<StyleGanLayers.StyleLayer> layers = new ArrayList<>();
    private final List<StyleGanLayers.ToRgb> toRgbs = new ArrayList<>();
    /** The running mean of w, d: a buffer, so checkpoints and the weight average carry it. */
    private final Tensor wAvg;
    /** The path-length target a of the PL regulariser: a buffer (1 value). */
    private final Tensor plMean;
    private double psi = 1;

    StyleGanGenerator(SampleShape shape, int latentDim, int width, StyleSpec style) {
        super(latentDim, shape, OutputRange.SYMMETRIC);
        this.styleDim = latentDim;
        this.side = shape.height();
        this.width = width;
        this.style = style;
        for (int i = 0; i < style.mappingLayers(); i++) {
            mapping.add(register_module("mapping" + i, new EqualizedLinear(styleDim, styleDim, 1, MAPPING_LR_MULTIPLIER, 0)));
        }
        this.constant = StyleGanLayers.keep(register_parameter("constant", torch.randn(channels(4), 4, 4)));
        int block = 0;
        for (int r = 4; r <= side; r *= 2, block++) {
            if (r > 4) {
                layers.add(register_module("conv" + block + "_0", new StyleGanLayers.StyleLayer(channels(r / 2), channels(r), styleDim, true)));
            }
            layers.add(register_module("conv" + block + "_1", new StyleGanLayers.StyleLayer(channels(r), channels(r), styleDim, false)));
            toRgbs.add(register_module("torgb" + block, new StyleGanLayers.ToRgb(channels(r), shape.channels(), styleDim)));
        }
        this.wAvg = StyleGanLayers.keep(register_buffer("w_avg", torch.zeros(styleDim)));
        this.plMean = StyleGanLayers.keep(register_buffer("pl_mean", torch.zeros(1)));
    }

    /** Feature maps at resolution r: min(2·width, width·side/r). */
    int channels(int r) {
        return Math.min(2 * width, width * (side / r));
    }

    /** Number of w's the synthesis network takes: 2 per resolution (for 32×32: 8). */
    public int numWs() {
        return 2 * toRgbs.size();
    }

    /** Size of w (the latent size). */
    public int styleDim() {
        return styleDim;
    }

    public StyleSpec style() {
        return style;
    }

    /** The running mean of w (d values; a view of the buffer). */
    public Tensor wAvg() {
        return wAvg;
    }

    /** Sets ψ of the truncation trick for eval-mode passes: 1 = off, 0 = every sample is G(w_avg). */
    public void truncation(double psi) {
        if (!(psi >= 0 && psi <= 1)) {
            throw new IllegalArgumentException("truncation psi must be in [0, 1], got " + psi);
        }
        this.psi = psi;
    }

    public double truncation() {
        return psi;
    }

    /**
     * The mapping network: z (B × d) → w (B × d), no w_avg update, no truncation.
     */
    public Tensor mapping(Tensor z) {
        Tensor x = FeatureNorms.pixelNorm(z);
        for (EqualizedLinear layer : mapping) {
            x = StyleGanLayers.activate(layer.forward(x));
        }
        return x;
    }

    /** w (B × d) for every layer: B × N × d (a copy, so gradients with respect to it are per layer). */
    public Tensor broadcast(Tensor w) {
        return w.unsqueeze(1).repeat(1, numWs(), 1);
    }

    /** The truncation trick: w_avg + ψ·(w − w_avg), for w of any shape ending in d. */
    public Tensor truncate(Tensor w, double psi) {
        return psi == 1 ? w : torch.lerp(wAvg.expand(w.sizes().vec().get()), w, new Scalar(psi));
    }

    /**
     * Style mixing of two per-layer style batches: layers before {@code crossover} from {@code coarse}, the
     * rest from {@code fine} (both B × N × d).
     */
    public Tensor mix(Tensor coarse, Tensor fine, int crossover) {
        int n = numWs();
        if (crossover <= 0) {
            return fine;
        }
        if (crossover >= n) {
            return coarse;
        }
        return torch.cat(new TensorVector(coarse.narrow(1, 0, crossover), fine.narrow(1, crossover, n - crossover)), 1);
    }

    /**
     * The synthesis network.
     *
     * @param ws B × N × d, one w per layer ({@link #numWs()})
     * @return B × C × side × side
     */
    public Tensor synthesis(Tensor ws) {
        long b = ws.size(0);
        Tensor x = constant.unsqueeze(0).repeat(b, 1, 1, 1);
        Tensor img = null;
        int layer = 0;
        for (int block = 0; block < toRgbs.size(); block++) {
            int first = block == 0 ? 0 : 2 * block - 1;       // the block's first w
            int convs = block == 0 ? 1 : 2;
            for (int i = 0; i < convs; i++) {
                x = layers.get(layer++).forward(x, ws.select(1, first + i));
            }
            Tensor rgb = toRgbs.get(block).forward(x, ws.select(1, first + convs));
            img = img == null ? rgb : StyleGanLayers.upsample(img).add(rgb);
        }
        return img;
    }

    /**
     * G(z): in training mode with w_avg's update and style mixing, in eval mode with the truncation ψ.
     *
     * @param z B × d
     * @return B × C × side × side
     */
    @Override
    public Tensor forward(Tensor z) {
        Tensor w = mapping(z);
        if (!is_training()) {
            return synthesis(broadcast(truncate(w, psi)));
        }
        try (NoGradGuard guard = new NoGradGuard()) {
            wAvg.copy_(torch.lerp(w.detach().mean(0), wAvg, new Scalar(W_AVG_BETA)));
        }
        Tensor ws = broadcast(w);
        if (style.mixingProb() > 0) {
            Rng rng = Rng.current();
            double u = rng.rand(1).item_double();
            int crossover = 1 + (int) rng.randint(numWs() - 1, 1).item_long();
            Tensor z2 = rng.randn(z.size(0), z.size(1));
            if (u < style.mixingProb()) {
                ws = mix(ws, broadcast(mapping(z.is_cuda() ? z2.to(z.device(), z.scalar_type()) : z2)), crossover);
            }
        }
        return synthesis(ws);
    }

    /**
     * {@link Generator#generate} with a {@code PointerScope} per chunk: this forward pass is Java code, so each
     * layer's intermediate tensors have Java handles, which a caller's scope around the whole draw would keep
     * alive until it closes (10,000 samples at 32×32 reached 22 GB). Each chunk's result is kept by the list.
     */
    @Override
    public Tensor generate(Tensor z, Tensor labels) {
        if (labels != null) {
            throw new IllegalArgumentException("an unconditional generator takes no labels");
        }
        boolean training = is_training();
        try (NoGradGuard guard = new NoGradGuard()) {
            eval();
            long n = z.size(0);
            TensorVector chunks = new TensorVector();
            for (long start = 0; start < n; start += GENERATION_CHUNK) {
                try (PointerScope scope = new PointerScope()) {
                    chunks.push_back(forward(z.narrow(0, start, Math.min(GENERATION_CHUNK, n - start))));
                }
            }
            return chunks.size() == 1 ? chunks.get(0) : torch.cat(chunks, 0);
        } finally {
            train(training);
        }
    }

    /**
     * StyleGAN2's path-length regulariser (§3.2): for fresh w of {@code batch} z and y ~ N(0, I)/√(H·W),
     * ‖J_wᵀ y‖ = ‖∇_w (G(w)·y)‖ per sample (averaged over the layers), pulled towards its running mean
     * a (decay 0.01): E[(‖J_wᵀ y‖ − a)²]. Differentiable in G's parameters; moves a.
     */
    public Tensor pathLengthPenalty(int batch) {
        Rng rng = Rng.current();
        Tensor z = rng.randn(batch, latentDim());
        if (constant.is_cuda()) {
            z = z.to(constant.device(), constant.scalar_type());
        }
        Tensor ws = broadcast(mapping(z));                                        // B × N × d
        Tensor img = synthesis(ws);                                                // B × C × H × W
        Tensor y = rng.randnLike(img).div(new Scalar(Math.sqrt((double) img.size(2) * img.size(3))));
        TensorVector grads = torch.grad(new TensorVector(img.mul(y).sum()), new TensorVector(ws),
                new TensorVector(), new BoolOptional(true), true, false);
        Tensor lengths = grads.get(0).square().sum(2).mean(1).sqrt();             // B
        try (NoGradGuard guard = new NoGradGuard()) {
            plMean.copy_(torch.lerp(plMean, lengths.detach().mean().reshape(1), new Scalar(PL_DECAY)));
        }
        return lengths.sub(plMean).square().mean();
    }

    /**
     * Multiply-accumulates per sample: the mapping layers (L·d²), each layer's style affine (d·in), its 3×3
     * convolution (r²·in·out·9) and each toRGB's 1×1 convolution (r²·in·C); modulation and demodulation
     * (elementwise) are not counted, as for the other families.
     */
    @Override
    public long forwardMacs() {
        long d = styleDim;
        long macs = (long) mapping.size() * d * d;
        int layer = 0;
        for (int block = 0, r = 4; block < toRgbs.size(); block++, r *= 2) {
            for (int i = 0; i < (block == 0 ? 1 : 2); i++) {
                Tensor w = layers.get(layer++).conv.weight();                     // out × in × 3 × 3
                macs += d * w.size(1) + (long) r * r * w.size(0) * w.size(1) * 9;
            }
            Tensor rgb = toRgbs.get(block).conv.weight();                         // C × in × 1 × 1
            macs += d * rgb.size(1) + (long) r * r * rgb.size(0) * rgb.size(1);
        }
        return macs;
    }

    /** The path-length target a (for tests and logs). */
    double pathLengthTarget() {
        return plMean.item_double();
    }
}
