package org.gan4j.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.gan4j.BadInputException;
import org.gan4j.config.ConfigFiles;
import org.gan4j.data.Dataset;
import org.gan4j.data.DatasetRequest;
import org.gan4j.data.Datasets;
import org.gan4j.data.Split;
import org.gan4j.eval.RealReference;
import org.gan4j.eval.ReferenceCache;
import org.gan4j.features.FeatureNetwork;
import org.gan4j.features.FeatureNetworks;
import org.gan4j.io.AtomicFiles;
import org.gan4j.nn.Classifier;
import org.gan4j.report.SampleGrid;
import org.gan4j.train.SuperResolutionEvaluation;
import org.gan4j.train.TrainedUpscaler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gan4j eval-sr}: a super-resolution run's SRGAN and SRResNet against bicubic on a test split,
 * as the SR tables measure them. The work lives in {@link SuperResolutionEvaluation}.
 */
@Command(name = "eval-sr", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure a --model srgan run on a dataset's test split: each image is downscaled as in training, then"
            + " enlarged by bicubic, SRResNet and SRGAN; PSNR and SSIM (luma for RGB, border = scale) per method, and"
            + " fid-<net> of each upscaled set against the original images where gan4j has a feature network for the data."
            + " Prints a table, writes eval-sr.json and eval-sr.png (rows of low-res | bicubic | SRResNet | SRGAN | original).",
        footer = {"", "Examples:",
            "  gan4j eval-sr --run runs/srgan-fashion-mnist",
            "  gan4j eval-sr --run runs/srgan-fashion-mnist --samples 10000"})
public final class EvalSrCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    @Option(names = "--run", paramLabel = "DIR", required = true, description = "A run of --model srgan.")
    Path run;

    @Option(names = "--dataset", paramLabel = "NAME", description = "Dataset whose test split is measured (default: the run's).")
    String dataset;

    @Option(names = {"-n", "--samples"}, paramLabel = "N", description = "Test images measured (default ${DEFAULT-VALUE}; all of the split when larger).")
    int samples = 1000;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the JSON (default DIR/eval-sr.json).")
    Path out;

    @Option(names = "--picture", paramLabel = "FILE", description = "Where to write the picture (default DIR/eval-sr.png).")
    Path picture;

    @Option(names = "--network", paramLabel = "FILE", description = "A classifier written by train-classifier for FID, instead of the shipped one.")
    Path featureNetwork;

    @Option(names = "--cache", paramLabel = "DIR", description = "Cache of real features (default $GAN4J_CACHE, else ~/.cache/gan4j).")
    Path cache;

    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() {
        if (samples < 2) {
            throw new BadInputException("invalid --samples: " + samples + " (the metrics need at least 2 images)");
        }
        dataOptions.check();
        PrintWriter err = spec.commandLine().getErr();
        Consumer<String> messages = m -> {
            err.println("eval-sr: " + m);
            err.flush();
        };
        dataOptions.initEngine();
        TrainedUpscaler upscaler = TrainedUpscaler.load(run);
        var config = upscaler.config();
        String name = dataset != null ? dataset : config.data().dataset();
        Path dataDir = dataOptions.data != null ? dataOptions.data
                : name.equals(config.data().dataset()) && config.data().data() != null ? Path.of(config.data().data()) : null;
        DatasetRequest request = dataOptions.request(name, messages).withDataDir(dataDir).withSplit(Split.TEST)
                .withImage(upscaler.shape().height(), upscaler.shape().channels());
        FeatureNetwork net = featureNetwork(name);
        Dataset test = Datasets.open(request);
        if (net != null && !test.shape().equals(Classifier.INPUT)) {
            messages.accept("no FID: the feature networks take " + Classifier.INPUT + " images, the data has " + test.shape());
            net = null;
        }
        RealReference reference = null;
        if (net != null) {
            ReferenceCache refs = cache != null ? new ReferenceCache(cache) : ReferenceCache.standard();
            reference = refs.get(test, samples, net, messages);
        }
        if (upscaler.adversarialSteps() == 0) {
            messages.accept("the run has no adversarial step yet (step " + upscaler.trainedSteps() + " of " + upscaler.pretrainSteps()
                    + " pre-training): srgan is still SRResNet");
        }
        SuperResolutionEvaluation.Result result = SuperResolutionEvaluation.evaluate(upscaler, test, samples, net, reference);

        Path json = out != null ? out : run.resolve("eval-sr.json");
        Path png = picture != null ? picture : run.resolve("eval-sr.png");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("command", "gan4j " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        body.put("run", run.toString());
        body.put("weights", upscaler.weights().toString());
        body.put("trained-steps", upscaler.trainedSteps());
        body.put("pretrain-steps", upscaler.pretrainSteps());
        body.putAll(result.toJson());
        byte[] bytes;
        try {
            bytes = ConfigFiles.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body).concat("\n").getBytes(StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        var image = SampleGrid.render(result.picture(), result.pictureRows() * SuperResolutionEvaluation.Result.PICTURE_COLUMNS,
                result.shape(), -1f, 1f, SuperResolutionEvaluation.Result.PICTURE_COLUMNS);
        AtomicFiles.write(json, bytes);
        AtomicFiles.write(png, tmp -> {
            if (!javax.imageio.ImageIO.write(image, "png", tmp.toFile())) {
                throw new java.io.IOException("no PNG writer");
            }
        });
        PrintWriter w = spec.commandLine().getOut();
        result.table().forEach(w::println);
        w.println("wrote " + json + " and " + png);
        w.flush();
        return ExitCodes.OK;
    }

    /** The feature network that judges {@code name}: --network, else the shipped one; null when there is none. */
    private FeatureNetwork featureNetwork(String name) {
        if (featureNetwork != null) {
            FeatureNetwork net = FeatureNetwork.load(featureNetwork);
            if (!net.card().dataset().equals(name)) {
                throw new BadInputException("feature network '" + net.name() + "' was trained on " + net.card().dataset()
                        + ", not on " + name);
            }
            return net;
        }
        for (String n : FeatureNetworks.names()) {
            if (FeatureNetworks.recipe(n).dataset().equals(name) && FeatureNetworks.isShipped(n)) {
                return FeatureNetworks.get(n);
            }
        }
        return null;
    }
}
