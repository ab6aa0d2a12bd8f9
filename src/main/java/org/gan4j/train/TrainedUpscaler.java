package org.gan4j.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.BadInputException;
import org.gan4j.config.SuperResolutionKeys;
import org.gan4j.config.TrainConfig;
import org.gan4j.data.LowResolution;
import org.gan4j.data.SampleShape;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Tensors;
import org.gan4j.nn.Architectures;
import org.gan4j.nn.SrResNet;

/**
 * The upscalers of a super-resolution run ({@code --model srgan}), rebuilt from its directory alone,
 * as {@link TrainedGenerator} rebuilds a noise-to-image generator: {@code config.json} gives the scale,
 * residual blocks and width, its provenance the channels, and the weights come from
 * {@code generator.pt} or, while the run is unfinished, {@code checkpoints/last.pt}. Both files hold
 * two SRResNets:
 * <ul>
 *   <li>{@link Method#SRGAN} ({@code generator}): G after the adversarial phase (Ledig et al. 2017);</li>
 *   <li>{@link Method#SRRESNET} ({@code srresnet}): G at the end of pre-training on pixel MSE, the
 *       MSE-optimal network of the paper's tables (G as it is, while the run is still pre-training);</li>
 * </ul>
 * and {@link Method#BICUBIC}, the baseline both must beat, needs no weights
 * ({@link LowResolution#upscaleBicubic}). The networks are fully convolutional: they take images of any
 * size with the run's channels, not only the low-resolution size of its data. They run on the CPU, in
 * eval mode (BatchNorm's running statistics), without autograd.
 */
public final class TrainedUpscaler {
    /** Images per forward pass in {@link #upscale(Method, byte[], int, int, int)}: bounds the activations' memory. */
    static final int BATCH = 64;

    /** How a low-resolution image is enlarged; {@link #key()} is its name on the command line and in eval-sr.json. */
    public enum Method {
        BICUBIC("bicubic"), SRRESNET("srresnet"), SRGAN("srgan");

        private final String key;

        Method(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        /** The method called {@code name} ({@code bicubic}, {@code srresnet} or {@code srgan}). */
        public static Method named(String name) {
            for (Method m : values()) {
                if (m.key.equals(name.toLowerCase(Locale.ROOT))) {
                    return m;
                }
            }
            throw new BadInputException("invalid --network '" + name + "': use " + String.join(", ", keys()));
        }

        public static List<String> keys() {
            return Arrays.stream(values()).map(Method::key).toList();
        }
    }

    private final RunDirectory run;
    private final TrainConfig config;
    private final SampleShape shape;
    private final Path weights;
    private final long trainedSteps;
    private final SrResNet srgan;
    private final SrResNet srresnet;

    private TrainedUpscaler(RunDirectory run, TrainConfig config, SampleShape shape, Path weights, long trainedSteps,
                            SrResNet srgan, SrResNet srresnet) {
        this.run = run;
        this.config = config;
        this.shape = shape;
        this.weights = weights;
        this.trainedSteps = trainedSteps;
        this.srgan = srgan;
        this.srresnet = srresnet;
    }

    /**
     * Rebuilds the two networks of the super-resolution run in {@code runDir}.
     *
     * @throws BadInputException when the directory is not a run, is a run of another model, has no
     *                           weights yet, or its weights do not match its config
     */
    public static TrainedUpscaler load(Path runDir) {
        if (!Files.isDirectory(runDir)) {
            throw new BadInputException("run directory " + runDir + " does not exist");
        }
        RunDirectory run = new RunDirectory(runDir);
        TrainConfig config = run.readConfig().resolve();
        String model = config.networks().model();
        if (!Architectures.get(model).game().equals("super-resolution")) {
            throw new BadInputException("run " + runDir + " is a " + model + " run; upscale and eval-sr need --model srgan");
        }
        SampleShape shape = run.sampleShape();
        Path weights = Files.isRegularFile(run.generatorFile()) ? run.generatorFile() : run.checkpoint();
        if (!Files.isRegularFile(weights)) {
            throw new BadInputException("run " + runDir + " has no generator yet (neither " + run.generatorFile().getFileName()
                    + " nor " + runDir.relativize(run.checkpoint()) + ")");
        }
        long steps = Files.isRegularFile(run.checkpoint()) ? Checkpoint.readState(run.checkpoint()).step()
                : config.run().steps() != null ? config.run().steps() : 0;
        Engine.ensureLoaded();
        SuperResolutionKeys keys = config.superResolution();
        SrResNet g = SrResNet.create(shape.channels(), keys.scale(), keys.srBlocks(), config.networks().width());
        SrResNet s = SrResNet.create(shape.channels(), keys.scale(), keys.srBlocks(), config.networks().width());
        Checkpoint.loadModules(weights, Map.of("generator", g, SuperResolutionGame.SRRESNET, s));
        g.eval();
        s.eval();
        return new TrainedUpscaler(run, config, shape, weights, steps, g, s);
    }

    /**
     * The upscaled batch: n × C × (h·scale) × (w·scale) in [−1, 1], from n × C × h × w in [−1, 1]
     * with the run's channels and any h, w.
     *
     * @throws BadInputException when the batch has another number of channels than the run's images
     */
    public Tensor upscale(Method method, Tensor lowRes) {
        if (lowRes.dim() != 4) {
            throw new IllegalArgumentException("expected an n × C × h × w batch, got " + lowRes.dim() + " dimensions");
        }
        checkChannels(Math.toIntExact(lowRes.size(1)), "the batch");
        try (NoGradGuard guard = new NoGradGuard()) {
            return switch (method) {
                case BICUBIC -> LowResolution.upscaleBicubic(lowRes, scale());
                case SRRESNET -> srresnet.upscale(lowRes);
                case SRGAN -> srgan.upscale(lowRes);
            };
        }
    }

    /**
     * Upscales {@code n} images of bytes (0–255, C×H×W each, as IDX files and image folders store them)
     * in batches of {@value #BATCH}: {@code n × C × (h·scale) × (w·scale)} bytes, each value rounded
     * from [−1, 1] to the nearest of the 256 levels.
     */
    public byte[] upscale(Method method, byte[] pixels, int n, int height, int width) {
        int c = shape.channels();
        int in = c * height * width;
        if (n < 1 || height < 1 || width < 1 || pixels.length != (long) n * in) {
            throw new IllegalArgumentException(n + " images of " + c + "x" + height + "x" + width + " need "
                    + (long) n * in + " bytes, got " + pixels.length);
        }
        int s = scale();
        int out = Math.multiplyExact(in, s * s);
        byte[] result = new byte[Math.multiplyExact(n, out)];
        for (int start = 0; start < n; start += BATCH) {
            int m = Math.min(BATCH, n - start);
            float[] x = new float[m * in];
            for (int i = 0; i < x.length; i++) {
                x[i] = 2 * ((pixels[start * in + i] & 0xFF) / 255f) - 1;   // as training scales its batches
            }
            float[] y;
            try (PointerScope scope = new PointerScope()) {
                y = Tensors.toFloats(upscale(method, Tensors.fromFloats(x, m, c, height, width)));
            }
            for (int i = 0; i < y.length; i++) {
                result[start * out + i] = (byte) toByte(y[i]);
            }
        }
        return result;
    }

    /** [−1, 1] → 0..255, rounded and clamped; NaN gives 0 (as {@link org.gan4j.report.SampleGrid#toUint8}). */
    private static int toByte(float v) {
        if (Float.isNaN(v)) {
            return 0;
        }
        return (int) Math.max(0, Math.min(255, Math.round((v + 1f) * 127.5f)));
    }

    /**
     * Refuses images with another number of channels than the run was trained on.
     *
     * @param what the images, for the message ({@code image x.png})
     */
    public void checkChannels(int channels, String what) {
        if (channels != shape.channels()) {
            throw new BadInputException(what + ": " + describe(channels) + ", but run " + run.root() + " upscales images of "
                    + describe(shape.channels()));
        }
    }

    private static String describe(int channels) {
        return channels == 1 ? "1 channel (grayscale)" : channels == 3 ? "3 channels (RGB)" : channels + " channels";
    }

    /** The upscaling factor, 2 or 4. */
    public int scale() {
        return config.superResolution().scale();
    }

    /** The shape of the run's high-resolution images (its data); the networks take any size with these channels. */
    public SampleShape shape() {
        return shape;
    }

    /** The low-resolution shape of the run's data: H/scale × W/scale. */
    public SampleShape lowResolutionShape() {
        return SampleShape.image(shape.channels(), shape.height() / scale(), shape.width() / scale());
    }

    /** The run's resolved config. */
    public TrainConfig config() {
        return config;
    }

    /** The run directory. */
    public Path runDir() {
        return run.root();
    }

    /** The file the weights came from: {@code generator.pt}, or {@code checkpoints/last.pt} of an unfinished run. */
    public Path weights() {
        return weights;
    }

    /** Steps the run has trained (its last checkpoint's). */
    public long trainedSteps() {
        return trainedSteps;
    }

    /** Steps of SRResNet pre-training the run was configured with. */
    public long pretrainSteps() {
        return config.superResolution().srPretrainSteps();
    }

    /** Adversarial steps behind {@link Method#SRGAN}: 0 while the run is pre-training (SRGAN is then SRResNet). */
    public long adversarialSteps() {
        return Math.max(0, trainedSteps - pretrainSteps());
    }

    /** The network behind a method; null for {@link Method#BICUBIC}. */
    public SrResNet network(Method method) {
        return switch (method) {
            case BICUBIC -> null;
            case SRRESNET -> srresnet;
            case SRGAN -> srgan;
        };
    }
}
