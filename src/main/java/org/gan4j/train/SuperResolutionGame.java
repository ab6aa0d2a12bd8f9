package org.gan4j.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.config.SuperResolutionKeys;
import org.gan4j.config.TrainConfig;
import org.gan4j.data.Batch;
import org.gan4j.data.Dataset;
import org.gan4j.data.LowResolution;
import org.gan4j.data.SampleShape;
import org.gan4j.engine.ComputeDevice;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Tensors;
import org.gan4j.loss.ContentLoss;
import org.gan4j.loss.InstanceNoise;
import org.gan4j.loss.Term;
import org.gan4j.metrics.ImageQuality;
import org.gan4j.nn.Discriminator;
import org.gan4j.nn.SrDiscriminator;
import org.gan4j.nn.SrResNet;

/**
 * SRGAN's game (Ledig et al. 2017). The generator sees a low-resolution image I_LR = downscale(I_HR)
 * (bicubic, antialiased; {@link LowResolution}) and returns I_SR. Two phases, as in the paper:
 * <ol>
 *   <li><b>SRResNet</b>, the first {@code sr-pretrain-steps} steps: G alone minimises the pixel MSE
 *       ‖I_SR − I_HR‖². After each step of the phase G's weights are copied to {@code srresnet}, so
 *       that it holds G at the end of the phase (and, in a run stopped during pre-training, G as it is):
 *       the MSE-optimal baseline that {@code eval-sr} sets beside SRGAN.</li>
 *   <li><b>SRGAN</b>, the rest: k steps of D on I_HR against I_SR (the config's adversarial loss and
 *       terms), then one step of G on the perceptual loss l = l_content + w · l_adversarial, with
 *       {@code content} pixel MSE or the feature MSE of the shipped classifier, and w = {@code adversarial-weight}.</li>
 * </ol>
 * Every step also reports the PSNR of its batch (Y channel for RGB, border of {@code scale} cropped).
 * The phase is a function of the step, so a checkpoint needs no game state.
 *
 * <p>Players: {@code generator} (SRResNet) and {@code discriminator}; modules kept: those two and {@code srresnet}.
 */
final class SuperResolutionGame implements Game {
    static final List<String> SCALARS = List.of("d_loss", "g_loss", "content_loss", "adversarial_loss", "pixel_loss",
            "d_real", "d_fake", "grad_norm_d", "grad_norm_g", "psnr");
    /** Images in the progress picture: rows of low-res (nearest) | bicubic | SR | original. */
    static final int SHEET_ROWS = 8;
    static final int SHEET_COLUMNS = 4;
    static final String SRRESNET = "srresnet";

    private final TrainConfig config;
    private final SuperResolutionKeys keys;
    private final ComputeDevice device;
    private final Dataset data;
    private final SampleShape shape;
    private final SrResNet generator;
    /** G's weights at the end of pre-training (the SRResNet of the paper's tables). */
    private final SrResNet pretrained;
    private final SrDiscriminator discriminator;
    private final Player playerG;
    private final Player playerD;
    private final Objective objective;
    private final ContentLoss content;
    /** Fixed high-resolution images of the progress picture (SHEET_ROWS × C × H × W, in [−1, 1]). */
    private final Tensor sheetImages;

    SuperResolutionGame(GameSetup setup) {
        TrainConfig c = setup.config();
        this.config = c;
        this.keys = c.superResolution();
        this.device = setup.device();
        this.data = setup.data();
        this.shape = data.shape();
        LowResolution.checkDivisible(shape.height(), shape.width(), keys.scale());
        this.content = ContentLoss.named(keys.content(), c.data().dataset());
        Engine.seed(c.run().seed());
        this.generator = SrResNet.create(shape.channels(), keys.scale(), keys.srBlocks(), c.networks().width());
        this.discriminator = SrDiscriminator.create(shape.channels(), c.networks().width());
        this.pretrained = SrResNet.create(shape.channels(), keys.scale(), keys.srBlocks(), c.networks().width());
        copyWeights(generator, pretrained);   // with sr-pretrain-steps 0, SRResNet is G untrained (a resume loads it)
        if (c.networks().spectralNorm()) {
            discriminator.applySpectralNorm();
        }
        if (device.isCuda()) {
            for (Module m : List.<Module>of(generator, discriminator, pretrained)) {
                m.to(device.torchDevice(), false);
            }
        }
        this.playerG = Player.of("generator", generator, null, c.optimiser(), c.optimiser().lrG());
        this.playerD = Player.of("discriminator", discriminator, null, c.optimiser(), c.optimiser().lrD());
        this.objective = Objective.of(c, device, null, null);
        this.sheetImages = sheetImages(data, shape, device);
    }

    /** {@value #SHEET_ROWS} images spread evenly over the dataset, scaled to [−1, 1]. */
    private static Tensor sheetImages(Dataset data, SampleShape shape, ComputeDevice device) {
        int n = Math.min(SHEET_ROWS, data.size());
        int d = shape.features();
        float[] values = new float[n * d];
        for (int i = 0; i < n; i++) {
            data.copyTo((int) ((long) i * data.size() / n), values, i * d);
        }
        for (int j = 0; j < values.length; j++) {
            values[j] = 2 * values[j] - 1;
        }
        try (PointerScope scope = new PointerScope()) {
            Tensor t = Tensors.fromFloats(values, n, shape.channels(), shape.height(), shape.width());
            if (device.isCuda()) {
                t = t.to(device.torchDevice(), t.scalar_type());
            }
            t.retainReference();
            return t;
        }
    }

    @Override
    public Dataset trainingData() {
        return data;
    }

    @Override
    public List<String> scalars() {
        return SCALARS;
    }

    private boolean pretraining(long step) {
        return step < keys.srPretrainSteps();
    }

    @Override
    public StepScalars play(StepContext step) {
        StepScalars s = pretraining(step.step()) ? pretrain(step) : adversarial(step);
        if (pretraining(step.step())) {
            copyWeights(generator, pretrained);   // srresnet follows G until pre-training ends, then stays
        }
        return s;
    }

    /** An SRResNet step: G minimises the pixel MSE. */
    private StepScalars pretrain(StepContext step) {
        Pair p = pair(step.data().next());
        Tensor sr = generator.forward(p.lowRes());
        Tensor mse = torch.mse_loss(sr, p.highRes());
        Player.Backward back = playerG.backward(mse);
        double gradientNorm = back.gradientNorm();
        double value = back.loss();
        playerG.optimizer().step();
        return StepScalars.of("d_loss", Double.NaN, "g_loss", value, "content_loss", Double.NaN, "adversarial_loss", Double.NaN,
                "pixel_loss", value, "d_real", Double.NaN, "d_fake", Double.NaN, "grad_norm_d", Double.NaN,
                "grad_norm_g", gradientNorm, "psnr", psnr(sr, p.highRes()));
    }

    /** k D steps on I_HR against I_SR, then one G step on content + w · adversarial. */
    private StepScalars adversarial(StepContext step) {
        int k = config.optimiser().dSteps();
        double lossD = 0;
        double meanReal = 0;
        double meanFake = 0;
        double normD = 0;
        Pair p = null;
        Tensor sr = null;
        for (int i = 0; i < k; i++) {
            p = pair(step.data().next());
            boolean last = i == k - 1;
            if (last) {
                sr = generator.forward(p.lowRes());
            } else {
                try (NoGradGuard guard = new NoGradGuard()) {
                    sr = generator.forward(p.lowRes());
                }
            }
            Tensor realSeen = InstanceNoise.add(p.highRes(), step.sigma());
            Tensor fakeSeen = InstanceNoise.add(sr.detach(), step.sigma());
            Tensor realLogits = discriminator.forward(realSeen);
            Tensor fakeLogits = discriminator.forward(fakeSeen);
            Term.Judgement judged = new Term.Judgement(step.step(), discriminator, realSeen, fakeSeen,
                    new Discriminator.Output(realLogits, null), new Discriminator.Output(fakeLogits, null), null, null);
            Tensor l = objective.discriminator(realLogits, fakeLogits, judged);
            Player.Backward back = playerD.backward(l);
            normD = back.gradientNorm();
            lossD = back.loss();
            playerD.optimizer().step();
            objective.afterDiscriminatorStep(discriminator);
            meanReal = objective.mean(realLogits);
            meanFake = objective.mean(fakeLogits);
        }
        playerD.requiresGrad(false);
        try {
            Tensor contentLoss = content.loss(sr, p.highRes());
            Tensor seen = InstanceNoise.add(sr, step.sigma());
            Tensor fakeLogits = discriminator.forward(seen);
            Tensor adversarialLoss = objective.generator(fakeLogits, new Term.Judgement(step.step(), discriminator, null, seen, null,
                    new Discriminator.Output(fakeLogits, null), null, null));
            Tensor perceptual = contentLoss.add(adversarialLoss.mul(new Scalar(keys.adversarialWeight())));
            Player.Backward back = playerG.backward(perceptual);
            double normG = back.gradientNorm();
            double value = back.loss();
            double pixel;
            try (NoGradGuard guard = new NoGradGuard()) {
                pixel = torch.mse_loss(sr.detach(), p.highRes()).item_double();
            }
            double quality = psnr(sr, p.highRes());
            playerG.optimizer().step();
            return StepScalars.of("d_loss", lossD, "g_loss", value, "content_loss", contentLoss.item_double(),
                    "adversarial_loss", adversarialLoss.item_double(), "pixel_loss", pixel, "d_real", meanReal, "d_fake", meanFake,
                    "grad_norm_d", normD, "grad_norm_g", normG, "psnr", quality);
        } finally {
            playerD.requiresGrad(true);
        }
    }

    /** A high-resolution batch (B × C × H × W in [−1, 1]) and its low-resolution version (B × C × H/s × W/s). */
    private record Pair(Tensor highRes, Tensor lowRes) {
    }

    private Pair pair(Batch batch) {
        Tensor hr = Tensors.fromFloats(batch.data(), batch.size(), shape.channels(), shape.height(), shape.width());
        if (device.isCuda()) {
            hr = hr.to(device.torchDevice(), hr.scalar_type());
        }
        try (NoGradGuard guard = new NoGradGuard()) {
            return new Pair(hr, LowResolution.downscale(hr, keys.scale()));
        }
    }

    /** PSNR (dB) of a batch against its originals, as the literature measures it. */
    private double psnr(Tensor sr, Tensor hr) {
        try (NoGradGuard guard = new NoGradGuard()) {
            return ImageQuality.compare(unit(sr.detach()), unit(hr), keys.scale()).psnr();
        }
    }

    /** [−1, 1] → [0, 1], clamped (what ImageQuality reads). */
    static Tensor unit(Tensor x) {
        return x.add(new Scalar(1)).mul(new Scalar(0.5)).clamp(new org.bytedeco.pytorch.ScalarOptional(new Scalar(0)),
                new org.bytedeco.pytorch.ScalarOptional(new Scalar(1)));
    }

    /** Copies parameters and buffers (BatchNorm statistics) of {@code from} into {@code to}, which has the same layout. */
    static void copyWeights(Module from, Module to) {
        try (PointerScope scope = new PointerScope(); NoGradGuard guard = new NoGradGuard()) {
            for (var pair : List.of(List.of(from.parameters(), to.parameters()), List.of(from.buffers(), to.buffers()))) {
                TensorVector a = pair.get(0);
                TensorVector b = pair.get(1);
                for (long i = 0; i < a.size(); i++) {
                    b.get(i).copy_(a.get(i));
                }
            }
        }
    }

    @Override
    public List<Player> players() {
        return List.of(playerG, playerD);
    }

    @Override
    public Map<String, Module> modules() {
        Map<String, Module> m = new LinkedHashMap<>();
        m.put("generator", generator);
        m.put(SRRESNET, pretrained);
        m.put("discriminator", discriminator);
        return m;
    }

    /** {@code generator.pt}: SRGAN's generator under {@code generator} and the pre-trained SRResNet under {@code srresnet}. */
    @Override
    public void saveProduct(Path file) {
        Map<String, Module> m = new LinkedHashMap<>();
        m.put("generator", generator);
        m.put(SRRESNET, pretrained);
        Checkpoint.saveModules(file, m);
    }

    /** Not sampled from noise: {@code eval-sr} evaluates it. */
    @Override
    public org.gan4j.nn.Sampler sampler() {
        return null;
    }

    /** Rows of: low-res (nearest-neighbour, so its pixels show) | bicubic | SR | original, in [−1, 1]. */
    @Override
    public Sheet sheet() {
        try (PointerScope scope = new PointerScope(); NoGradGuard guard = new NoGradGuard()) {
            Tensor lr = LowResolution.downscale(sheetImages, keys.scale());
            Tensor nearest = LowResolution.upscaleNearest(lr, keys.scale());
            Tensor bicubic = LowResolution.upscaleBicubic(lr, keys.scale());
            Tensor sr = generator.upscale(lr);
            long n = sheetImages.size(0);
            Tensor rows = torch.stack(new TensorVector(nearest, bicubic, sr, sheetImages), 1)    // n × 4 × C × H × W
                    .reshape(n * SHEET_COLUMNS, shape.channels(), shape.height(), shape.width());
            return new Sheet(Tensors.toFloats(rows), (int) (n * SHEET_COLUMNS), shape, -1f, 1f, SHEET_COLUMNS);
        }
    }

    @Override
    public void close() {
        sheetImages.releaseReference();
        objective.close();
        playerG.close();
        playerD.close();
        generator.release();
        pretrained.release();
        discriminator.release();
    }
}
