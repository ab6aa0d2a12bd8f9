package org.gan4j.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.gan4j.BadInputException;
import org.gan4j.data.Dataset;
import org.gan4j.data.Datasets;
import org.gan4j.data.Split;
import org.gan4j.eval.EvalImages;
import org.gan4j.eval.EvalReport;
import org.gan4j.eval.Evaluation;
import org.gan4j.eval.GeneratorSamples;
import org.gan4j.eval.RealReference;
import org.gan4j.eval.ReferenceCache;
import org.gan4j.eval.SampleCrop;
import org.gan4j.features.FeatureNetwork;
import org.gan4j.features.FeatureNetworks;
import org.gan4j.features.InceptionV3;
import org.gan4j.features.InceptionWeights;
import org.gan4j.io.AtomicFiles;
import org.gan4j.config.ConfigFiles;
import org.gan4j.train.TrainedGenerator;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gan4j eval}: the metrics of a run's generator, or of samples written by any tool, against
 * a real dataset split, with gan4j's own feature network for that dataset. The work lives in
 * {@link Evaluation}; real features are cached by {@link ReferenceCache}.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a run's generator (--run) or samples from any tool (--samples: an IDX file of 28x28"
            + " images, values 0-255, or a folder of 28x28 PNGs; 32x32 ones, of a 28x28 dataset padded to 32, lose"
            + " their 2-px border) against a real split: fid-, kid-, is-, precision-,"
            + " recall-, density-, coverage- and class coverage, named for the feature network (e.g. fid-fmnist)."
            + " With --features inception they are pytorch-fid's Inception-v3 numbers, named fid, kid, is, ... (any"
            + " image size, grayscale or RGB; weights from --inception FILE or downloaded once to ~/.gan4j/weights)."
            + " A coupled run (cogan) is evaluated on domain A, and its pair"
            + " agreement T(A) vs B of the same z is reported too. Prints a table and writes eval.json.",
        footer = {"", "Examples:",
            "  gan4j eval --run runs/dcgan-fashion-mnist",
            "  gan4j eval --samples fake-images-idx3-ubyte.gz --dataset fashion-mnist --n 10000",
            "  gan4j eval --samples pngs/ --dataset mnist --split test --out pngs-eval.json",
            "  gan4j eval --run runs/dcgan-cifar10 --features inception --inception pt_inception-2015-12-05-6726825d.pth"})
public final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    static final class Source {
        @Option(names = "--run", paramLabel = "DIR", required = true, description = "A run directory: its generator is sampled.")
        Path run;

        @Option(names = "--samples", paramLabel = "FILE|DIR", required = true,
                description = "An IDX image file (-idx3-ubyte[.gz], 0-255, 28x28 or 32x32) or a folder of 28x28 or 32x32 PNGs.")
        Path samples;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--dataset", paramLabel = "NAME", description = "Real dataset: fashion-mnist or mnist (default: the run's; required with --samples).")
    String dataset;

    @Option(names = "--split", paramLabel = "train|test", description = "Real split to compare with (default ${DEFAULT-VALUE}).")
    String split = "test";

    @Option(names = {"-n", "--n"}, paramLabel = "N",
            description = "Samples drawn from a run / read from --samples at most, and real images used at most (default ${DEFAULT-VALUE}).")
    int n = 10_000;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the generator's noise with --run (default: the run's seed).")
    Long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the JSON (default: DIR/eval.json with --run, ./eval.json with --samples).")
    Path out;

    @Option(names = "--network", paramLabel = "FILE", description = "A classifier written by train-classifier, instead of the shipped one.")
    Path network;

    @Option(names = "--features", paramLabel = "NAME",
            description = "Feature network: inception (pytorch-fid's Inception-v3), fmnist or mnist (default: the dataset's classifier).")
    String features;

    @Option(names = "--inception", paramLabel = "WEIGHTS",
            description = "pytorch-fid's weights file " + InceptionWeights.FILE + " (SHA-256 checked); implies --features inception."
                + " Without it they are downloaded once into ~/.gan4j/weights.")
    Path inception;

    @Option(names = "--cache", paramLabel = "DIR", description = "Cache of real features (default $GAN4J_CACHE, else ~/.cache/gan4j).")
    Path cache;

    @Mixin
    DataOptions dataOptions;

    /** {@code n} samples of a run's generator with noise seed {@code seed}, quantised as its IDX export is. */
    static EvalImages draw(TrainedGenerator g, int n, long seed) {
        SampleCrop crop = crop(g);
        return GeneratorSamples.fromOutputs(g.sample(n, seed), n, crop, g.generator().outputRange(),
                "generator of " + g.weights() + " (seed " + seed + ")");
    }

    /** {@code n} samples of any image shape (for Inception-v3), quantised as the IDX export is. */
    static EvalImages drawAnyShape(TrainedGenerator g, int n, long seed) {
        if (!g.shape().image() || (g.shape().channels() != 1 && g.shape().channels() != 3)) {
            throw new BadInputException("the run generates " + g.shape() + " samples; Inception-v3 takes images of 1 or 3 channels");
        }
        return GeneratorSamples.fromOutputs(g.sample(n, seed), n, g.shape(), g.generator().outputRange(),
                "generator of " + g.weights() + " (seed " + seed + ")");
    }

    /**
     * The feature network: {@code --features} by name ({@code inception}, or a shipped classifier), or
     * {@code --network FILE}, or the dataset's shipped classifier; a classifier must judge {@code dataset}.
     */
    FeatureNetwork featureNetwork(String dataset, Consumer<String> messages) {
        String chosen = features != null ? features.toLowerCase(Locale.ROOT) : inception != null ? InceptionV3.NAME : null;
        if (inception != null && !InceptionV3.NAME.equals(chosen)) {
            throw new BadInputException("--inception WEIGHTS goes with --features inception, not --features " + features);
        }
        if (network != null && chosen != null) {
            throw new BadInputException("--network FILE and --features " + chosen + " both choose the feature network: give one");
        }
        if (InceptionV3.NAME.equals(chosen)) {
            return InceptionWeights.network(inception, messages);
        }
        FeatureNetwork net;
        if (chosen != null) {
            if (!FeatureNetworks.names().contains(chosen)) {
                throw new BadInputException("unknown --features '" + features + "' (known: " + InceptionV3.NAME + ", "
                        + String.join(", ", FeatureNetworks.names()) + ")");
            }
            net = FeatureNetworks.get(chosen);
        } else {
            try {
                net = network != null ? FeatureNetwork.load(network) : FeatureNetworks.get(FeatureNetworks.forDataset(dataset).name());
            } catch (BadInputException e) {
                throw network != null ? e : new BadInputException(e.getMessage() + "; --features inception judges any images");
            }
        }
        if (!net.card().dataset().equals(dataset)) {
            throw new BadInputException("feature network '" + net.name() + "' was trained on " + net.card().dataset()
                    + ", not on " + dataset);
        }
        return net;
    }

    /** How the run's samples become the feature networks' 1x28x28 (32x32 ones of a padded dataset lose their border). */
    private static SampleCrop crop(TrainedGenerator g) {
        return SampleCrop.of(g.shape(), "the run generates");
    }

    /**
     * A coupled run's samples and their pair agreement: domain A's images of {@code n} z, quantised as
     * {@code sample --domain a} exports them (so the feature metrics compare domain A with the real data,
     * which domain A is a half of), and T(G₀(z)) against G₁(z) of the same z.
     */
    record Coupled(EvalImages images, EvalReport.PairScores pairs) {
        static Coupled draw(TrainedGenerator g, int n, long seed) {
            SampleCrop crop = crop(g);
            TrainedGenerator.Pairs pairs = g.samplePairs(n, seed);
            EvalImages a = GeneratorSamples.fromOutputs(pairs.a(), n, crop, g.generator().outputRange(),
                    "domain A of generator of " + g.weights() + " (seed " + seed + ")");
            return new Coupled(a, EvalReport.PairScores.of(g.transform().name(), g.agreement(pairs)));
        }
    }

    @Override
    public Integer call() {
        if (n < 2) {
            throw new BadInputException("invalid --n: " + n + " (the metrics need at least 2 samples)");
        }
        dataOptions.check();
        Split s = switch (split.toLowerCase(Locale.ROOT)) {
            case "test" -> Split.TEST;
            case "train" -> Split.TRAIN;
            default -> throw new BadInputException("invalid --split '" + split + "': use train or test");
        };
        if (source.samples != null && dataset == null) {
            throw new BadInputException("--samples needs --dataset NAME (fashion-mnist or mnist) to compare with");
        }
        PrintWriter err = spec.commandLine().getErr();
        Consumer<String> messages = m -> {
            err.println("eval: " + m);
            err.flush();
        };
        dataOptions.initEngine();
        TrainedGenerator generator = source.run != null ? TrainedGenerator.load(source.run) : null;
        String name = dataset != null ? dataset : generator.config().data().dataset();
        FeatureNetwork net = featureNetwork(name, messages);
        long noiseSeed = generator == null ? 0 : seed != null ? seed : generator.config().run().seed();
        Coupled coupled = generator != null && generator.coupled() ? Coupled.draw(generator, n, noiseSeed) : null;
        EvalImages images = coupled != null ? coupled.images()
                : generator != null ? (net.isInception() ? drawAnyShape(generator, n, noiseSeed) : draw(generator, n, noiseSeed))
                : EvalImages.read(source.samples, net.isInception()).first(n);
        Dataset real = Datasets.open(dataOptions.request(name, messages).withSplit(s));
        ReferenceCache refs = cache != null ? new ReferenceCache(cache) : ReferenceCache.standard();
        RealReference reference = refs.get(real, n, net, messages);
        EvalReport report = Evaluation.all(net, reference, images);
        if (coupled != null) {
            report = report.withPairs(coupled.pairs());
        }
        Path target = out != null ? out : source.run != null ? source.run.resolve("eval.json") : Path.of("eval.json");
        var json = new java.util.LinkedHashMap<String, Object>();
        json.put("command", "gan4j " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        json.putAll(report.toJson());
        try {
            AtomicFiles.write(target, ConfigFiles.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json)
                    .concat("\n").getBytes(StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        PrintWriter w = spec.commandLine().getOut();
        report.table().forEach(w::println);
        w.println("wrote " + target);
        w.flush();
        return ExitCodes.OK;
    }
}
