package org.gan4j.train;

import org.gan4j.config.TrainConfig;
import org.gan4j.nn.Latent;
import org.gan4j.nn.Prior;
import org.gan4j.nn.Sampler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.javacpp.PointerScope;
import org.gan4j.BadInputException;
import org.gan4j.data.IdxFormat;
import org.gan4j.data.SampleShape;
import org.gan4j.data.Split;
import org.gan4j.data.SyntheticDatasets;
import org.gan4j.engine.ComputeDevice;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Tensors;
import org.gan4j.data.DomainTransform;
import org.gan4j.data.DomainTransforms;
import org.gan4j.metrics.PairAgreement;
import org.gan4j.nn.Architecture;
import org.gan4j.nn.CoupledGenerators;
import org.gan4j.nn.Architectures;
import org.gan4j.nn.Generator;
import org.gan4j.nn.NetworkSpec;
import org.gan4j.nn.Networks;
import org.gan4j.nn.OutputRange;
import org.gan4j.report.PointPlot;
import org.gan4j.report.SampleGrid;

/**
 * The generator of a finished (or interrupted) run, rebuilt from its directory alone: the run's
 * {@code config.json} names the architecture, latent size and width, its provenance the sample
 * shape, and the weights come from {@code generator.pt} or, while the run is unfinished, from
 * {@code checkpoints/last.pt} (with {@code ema-decay}, both hold the moving average of G's weights,
 * which is what is loaded). It draws samples on the CPU, in eval mode (BatchNorm uses its
 * running statistics), without autograd.
 *
 * <p>A coupled run ({@code --model cogan}) has two generators of one z, G₀ for domain A and G₁ for
 * domain B. Loaded, it stands for the pair: its picture shows both domains of each z
 * ({@link #writePicture}), {@link #samplePairs} draws both and {@link #agreement} scores them; the
 * one-generator calls ({@link #sample}, {@link #decode}, {@link #generator()}) use domain A, the one
 * the run's {@code --eval-every} compares with the data. {@link #domain(int)} gives one domain alone,
 * for its picture or IDX file.
 */
public final class TrainedGenerator {
    /** Real points drawn under a toy run's samples, as in the run's own pictures. */
    private static final int REFERENCE_POINTS = 2000;
    /** {@link #domainIndex()} of a coupled run loaded as the pair of its domains, and of a run with one generator. */
    public static final int BOTH_DOMAINS = -1;

    private final RunDirectory run;
    private final TrainConfig config;
    private final Path weights;
    private final Generator generator;
    private final Sampler sampler;
    /** Both generators of a coupled run; null otherwise. */
    private final CoupledGenerators coupled;
    /** 0 or 1 when this is one domain of a coupled run, else {@link #BOTH_DOMAINS}. */
    private final int domain;

    private TrainedGenerator(RunDirectory run, TrainConfig config, Path weights, Generator generator, Sampler sampler,
                             CoupledGenerators coupled, int domain) {
        this.run = run;
        this.config = config;
        this.weights = weights;
        this.generator = generator;
        this.sampler = sampler;
        this.coupled = coupled;
        this.domain = domain;
    }

    /**
     * Domain {@code d} (0 is A, 1 is B) of a coupled run alone: every call samples G_d.
     *
     * @throws BadInputException when the run has one generator, or {@code d} is neither 0 nor 1
     */
    public TrainedGenerator domain(int d) {
        if (coupled == null) {
            throw new BadInputException("--domain needs a coupled run (--model cogan); run " + run.root() + " is model "
                    + config.networks().model() + " with one generator");
        }
        if (d != 0 && d != 1) {
            throw new BadInputException("invalid domain " + d + ": a coupled run has domains 0 (A) and 1 (B)");
        }
        Generator g = coupled.domain(d);
        return new TrainedGenerator(run, config, weights, g, new Sampler(g, sampler.prior()), coupled, d);
    }

    /** Whether the run is coupled (two generators of one z, {@code --model cogan}). */
    public boolean coupled() {
        return coupled != null;
    }

    /** 0 (A) or 1 (B) for one domain of a coupled run ({@link #domain(int)}), else {@link #BOTH_DOMAINS}. */
    public int domainIndex() {
        return domain;
    }

    /** A coupled run's domain B transform T (domain B = T(domain A)). */
    public DomainTransform transform() {
        requireCoupled("a domain transform");
        return DomainTransforms.get(config.data().domainB());
    }

    /**
     * Both domains' images of {@code n} z drawn from the run's prior with {@code seed}.
     *
     * @param a G₀(z), domain A: {@code n × shape().features()} floats in the output range
     * @param b G₁(z) of the same z, domain B
     * @param n the number of z
     */
    public record Pairs(float[] a, float[] b, int n) {
    }

    /**
     * G₀(z) and G₁(z) of {@code n} z drawn with {@code seed}, in eval mode: {@code pairs.a()} equals
     * {@code domain(0).sample(n, seed)} and {@code pairs.b()} {@code domain(1).sample(n, seed)}.
     *
     * @throws BadInputException when the run has one generator
     */
    public Pairs samplePairs(int n, long seed) {
        requireCoupled("pairs");
        if (n < 1) {
            throw new BadInputException("invalid sample count: " + n + " (must be positive)");
        }
        try (PointerScope scope = new PointerScope()) {
            Latent latent;
            synchronized (Engine.randomness()) {
                Engine.seed(seed);
                latent = sampler.prior().draw(n, ComputeDevice.CPU);
            }
            CoupledGenerators.Pair pair = coupled.generateBoth(latent.input());
            return new Pairs(Tensors.toFloats(pair.a()), Tensors.toFloats(pair.b()), n);
        }
    }

    /**
     * How well the pairs agree with the run's transform: {@link PairAgreement} of T(G₀(z)) against
     * G₁(z), on the generators' outputs as they are (not quantised), with tolerance
     * {@value PairAgreement#DEFAULT_TOLERANCE}, as each training step reports it.
     */
    public PairAgreement.Result agreement(Pairs pairs) {
        DomainTransform t = transform();
        SampleShape s = shape();
        try (PointerScope scope = new PointerScope()) {
            return PairAgreement.measure(Tensors.fromFloats(pairs.a(), pairs.n(), s.channels(), s.height(), s.width()),
                    Tensors.fromFloats(pairs.b(), pairs.n(), s.channels(), s.height(), s.width()), t);
        }
    }

    private void requireCoupled(String what) {
        if (coupled == null) {
            throw new BadInputException(what + " need a coupled run (--model cogan); run " + run.root() + " is model "
                    + config.networks().model());
        }
    }

    /**
     * Rebuilds the generator of the run in {@code runDir}.
     *
     * @throws BadInputException when the directory is not a run, has no weights yet, or its weights do not
     *                           match its config
     */
    public static TrainedGenerator load(Path runDir) {
        RunDirectory run = new RunDirectory(runDir);
        if (!Files.isDirectory(runDir)) {
            throw new BadInputException("run directory " + runDir + " does not exist");
        }
        TrainConfig config = run.readConfig().resolve();
        SampleShape shape = run.sampleShape();
        Path weights = Files.isRegularFile(run.generatorFile()) ? run.generatorFile() : run.checkpoint();
        if (!Files.isRegularFile(weights)) {
            throw new BadInputException("run " + runDir + " has no generator yet (neither " + run.generatorFile().getFileName()
                    + " nor " + runDir.relativize(run.checkpoint()) + ")");
        }
        Engine.ensureLoaded();
        int classes = 0;
        if (Boolean.TRUE.equals(config.networks().conditional())) {
            classes = Checkpoint.readClasses(weights);
            if (classes < 2) {
                throw new BadInputException("run " + runDir + " is conditional, but " + weights + " records no number of classes");
            }
        }
        Architecture architecture = Architectures.get(config.networks().model());
        NetworkSpec spec = Checkpoint.savedLayout(weights, architecture, AdversarialGame.spec(config, shape, classes));
        Generator g = Networks.generator(architecture, spec);
        Checkpoint.loadGenerator(weights, g);
        g.eval();
        Prior prior = Prior.of(config.networks().latentNoise(), config.networks().latentDim(), classes, config.networks().latentCodes());
        if (g instanceof CoupledGenerators pair) {   // a plain call names no domain: domain A's view answers it
            Generator a = pair.domain(0);
            return new TrainedGenerator(run, config, weights, a, new Sampler(a, prior), pair, BOTH_DOMAINS);
        }
        return new TrainedGenerator(run, config, weights, g, new Sampler(g, prior), null, BOTH_DOMAINS);
    }

    /**
     * {@code n} samples of G, z (and a conditional run's classes, uniformly, or InfoGAN's codes) drawn from
     * the run's prior with {@code seed}: {@code n × shape().features()} floats.
     */
    public float[] sample(int n, long seed) {
        return sample(n, seed, null);
    }

    /**
     * {@link #sample(int, long)}, all of class {@code classIndex} when it is not null.
     *
     * @throws BadInputException when the run is not conditional or has no such class
     */
    public float[] sample(int n, long seed, Integer classIndex) {
        if (n < 1) {
            throw new BadInputException("invalid sample count: " + n + " (must be positive)");
        }
        checkClass(classIndex);
        try (PointerScope scope = new PointerScope()) {
            Latent latent;
            synchronized (Engine.randomness()) {
                Engine.seed(seed);
                latent = classIndex == null ? sampler.prior().draw(n, ComputeDevice.CPU)
                    : ((Prior.Classes) sampler.prior()).ofClass(n, classIndex, ComputeDevice.CPU);
            }
            return sampler.generate(latent);
        }
    }

    private void checkClass(Integer classIndex) {
        if (classIndex == null) {
            return;
        }
        if (classes() == 0) {
            throw new BadInputException("--class needs a conditional run; run " + run.root() + " was trained without --conditional");
        }
        if (classIndex < 0 || classIndex >= classes()) {
            throw new BadInputException("invalid --class: " + classIndex + " (run " + run.root() + " has classes 0 to "
                    + (classes() - 1) + ")");
        }
    }

    /** Number of classes of a conditional run; 0 otherwise. */
    public int classes() {
        return generator.classes();
    }

    /**
     * {@code n} inputs of G from the run's prior, drawn with {@code seed}: {@code n × generator().latentDim()}
     * floats (z; for InfoGAN z followed by its codes).
     */
    public float[] noise(int n, long seed) {
        if (n < 1) {
            throw new BadInputException("invalid noise count: " + n + " (must be positive)");
        }
        Engine.seed(seed);
        try (PointerScope scope = new PointerScope()) {
            return Tensors.toFloats(sampler.prior().draw(n, ComputeDevice.CPU).input());
        }
    }

    /**
     * G(z) for {@code n} given inputs ({@code n × generator().latentDim()} floats, row after row):
     * {@code n × shape().features()} floats, in eval mode without autograd.
     */
    public float[] decode(float[] z, int n) {
        return decode(z, null, n);
    }

    /** {@link #decode(float[], int)} of a conditional run with one class per input ({@code labels} null otherwise). */
    public float[] decode(float[] z, int[] labels, int n) {
        int dim = generator.latentDim();
        if (n < 1 || z.length != (long) n * dim) {
            throw new IllegalArgumentException(n + " latent vectors of size " + dim + " need " + (long) n * dim
                    + " values, got " + z.length);
        }
        try (PointerScope scope = new PointerScope()) {
            return Tensors.toFloats(generator.generate(Tensors.fromFloats(z, n, dim), labels == null ? null : Tensors.fromInts(labels)));
        }
    }

    /**
     * Writes a picture of {@code n} samples to {@code png} (atomically): a grid for an image run; for a
     * toy run a scatter plot or histogram, over the real points when the dataset is a built-in one.
     */
    public void writePicture(Path png, int n, long seed) {
        writePicture(png, n, seed, null);
    }

    /**
     * {@link #writePicture(Path, int, long)}, all of class {@code classIndex} when it is not null. A coupled
     * run loaded as the pair of its domains draws {@code n} pairs: rows alternate domain A and domain B,
     * eight z to a row, each B image right below the A image of its z, as the run's training grid.
     */
    public void writePicture(Path png, int n, long seed, Integer classIndex) {
        if (coupled != null && domain == BOTH_DOMAINS) {
            checkClass(classIndex);
            Pairs pairs = samplePairs(n, seed);
            OutputRange range = generator.outputRange();
            SampleGrid.writePairs(png, pairs.a(), pairs.b(), n, shape(), range.low(), range.high(), 0);
            return;
        }
        float[] samples = sample(n, seed, classIndex);
        SampleShape shape = shape();
        if (shape.image()) {
            OutputRange range = generator.outputRange();
            SampleGrid.write(png, samples, n, shape, range.low(), range.high(), 0);
            return;
        }
        float[] reference = new float[0];
        int referenceCount = 0;
        if (SyntheticDatasets.isSynthetic(config.data().dataset())) {
            var data = SyntheticDatasets.open(config.data().dataset(), Split.TRAIN, REFERENCE_POINTS);
            referenceCount = data.size();
            reference = new float[referenceCount * shape.features()];
            for (int i = 0; i < referenceCount; i++) {
                data.copyTo(i, reference, i * shape.features());
            }
        }
        PointPlot.write(png, samples, n, shape.features(), reference, referenceCount,
                String.format(Locale.ROOT, "%s: %d samples (seed %d)", config.data().dataset(), n, seed));
    }

    /**
     * Writes {@code n} samples as an IDX image file (atomically; gzipped when the name ends with
     * {@code .gz}), quantised to bytes from G's output range, as MNIST stores images.
     *
     * @throws BadInputException for a toy run, whose samples are not images
     */
    public void writeIdx(Path file, int n, long seed) {
        writeIdx(file, n, seed, null);
    }

    /** {@link #writeIdx(Path, int, long)}, all of class {@code classIndex} when it is not null. */
    public void writeIdx(Path file, int n, long seed, Integer classIndex) {
        SampleShape shape = shape();
        if (!shape.image()) {
            throw new BadInputException("IDX export needs an image run; run " + run.root() + " generates "
                    + shape + " points (write a .png instead)");
        }
        if (coupled != null && domain == BOTH_DOMAINS) {
            throw new BadInputException("run " + run.root() + " is a coupled GAN with two domains; an IDX file holds one:"
                    + " choose --domain a or --domain b");
        }
        float[] samples = sample(n, seed, classIndex);
        OutputRange range = generator.outputRange();
        byte[] pixels = SampleGrid.toUint8(samples, n, shape, range.low(), range.high());
        IdxFormat.writeImages(file, pixels, n, shape.channels(), shape.height(), shape.width());
    }

    /**
     * Samples of a style-based run from now on use the truncation trick with {@code psi}: w ← w_avg + ψ·(w − w_avg),
     * 1 = off (every call: {@link #sample}, pictures, IDX files, {@link #sampler()}).
     *
     * @throws BadInputException when ψ is outside [0, 1] or the run is not {@code stylegan}
     */
    public TrainedGenerator truncated(double psi) {
        if (!(psi >= 0 && psi <= 1)) {
            throw new BadInputException("invalid --truncation: " + psi + " (must be in [0, 1]; 1 = off)");
        }
        StylePictures.of(this, "--truncation").truncation(psi);
        return this;
    }

    /** The sample shape G produces. */
    public SampleShape shape() {
        return generator.sampleShape();
    }

    /** The run's resolved config. */
    public TrainConfig config() {
        return config;
    }

    /** The file the weights were read from: {@code generator.pt}, or the last checkpoint of an unfinished run. */
    public Path weights() {
        return weights;
    }

    public Generator generator() {
        return generator;
    }

    /** The generator with the prior it was trained on. */
    public Sampler sampler() {
        return sampler;
    }
}
