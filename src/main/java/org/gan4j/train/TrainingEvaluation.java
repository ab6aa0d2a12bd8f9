package org.gan4j.train;

import org.gan4j.config.TrainConfig;
import org.gan4j.nn.Latent;
import org.gan4j.nn.Sampler;
import org.gan4j.config.ConfigFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.bytedeco.javacpp.PointerScope;
import org.gan4j.BadInputException;
import org.gan4j.data.Dataset;
import org.gan4j.data.DatasetRequest;
import org.gan4j.data.Datasets;
import org.gan4j.data.Split;
import org.gan4j.engine.ComputeDevice;
import org.gan4j.engine.Engine;
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
import org.gan4j.data.SampleShape;
import org.gan4j.io.AtomicFiles;
import org.gan4j.metrics.KernelDistance;

/**
 * FID and KID of the run's generator during training ({@code eval-every}), outside the step loop:
 * every {@code eval-every} steps and at the last step, G (its weight average when kept) turns a
 * fixed batch of {@code eval-samples} noise vectors into images, which are compared with as many
 * images of the dataset's test split through the dataset's shipped feature network (a run on a 28×28 dataset
 * padded to 32 is evaluated on its samples without the 2-px border, {@link SampleCrop}, against the native
 * 28×28 test split), or through the one {@code eval-features} names ({@code inception}: pytorch-fid's
 * Inception-v3 on the uncropped images, columns {@code fid} and {@code kid}). The values
 * go into {@code metrics.csv} as {@code fid_<net>} and {@code kid_<net>} (NaN between
 * evaluations); when FID improves, the whole training state is saved as {@code checkpoints/best.pt}
 * and {@code checkpoints/best.json} records the step and the values.
 *
 * <p>KID uses 10 subsets here (100 in {@code gan4j eval}) to keep evaluation cheap. FID at 2,000
 * samples is biased upwards compared with 10,000: compare values only at the same count.
 *
 * <p>The latent batch is drawn once from the run's prior with {@code (seed, −2)}, so a conditional
 * run is evaluated on uniformly drawn classes and InfoGAN on drawn codes, as the run samples them.
 * Training reseeds libtorch at every step, so evaluating changes nothing in the run itself (a
 * resumed run stays bit-identical).
 */
final class TrainingEvaluation implements RunListener {
    /** KID subset pairs during training. */
    static final int KID_SUBSETS = 10;
    /** Images per forward pass of G while evaluating. */
    private static final int BATCH = 500;

    private final int every;
    private final int samples;
    private final FeatureNetwork net;
    private final RealReference real;
    private final KernelDistance kid = new KernelDistance(KID_SUBSETS, KernelDistance.DEFAULT_SUBSET_SIZE, KernelDistance.DEFAULT_SEED);
    private final Latent latent;
    private final Sampler sampler;
    private final SampleCrop crop;
    private final RunEvents events;
    private final Consumer<Path> saveBest;
    private final Path bestCheckpoint;
    private final Path bestRecord;
    private double bestFid;
    /** The generated images' shape: 1×28×28 for the classifiers, any image for Inception-v3. */
    private final SampleShape shape;

    private TrainingEvaluation(TrainConfig config, FeatureNetwork net, RealReference real, Latent latent, Sampler sampler,
            SampleCrop crop, RunDirectory run, long resumeStep, RunEvents events, Consumer<Path> saveBest, SampleShape shape) {
        this.shape = shape;
        this.every = config.run().evalEvery();
        this.samples = config.run().evalSamples();
        this.net = net;
        this.real = real;
        this.latent = latent;
        this.sampler = sampler;
        this.crop = crop;
        this.events = events;
        this.saveBest = saveBest;
        this.bestCheckpoint = run.checkpoint().resolveSibling("best.pt");
        this.bestRecord = run.checkpoint().resolveSibling("best.json");
        this.bestFid = previousBest(bestRecord, resumeStep);
    }

    /**
     * The feature network's name for the columns ({@code eval-features}, else the dataset's classifier),
     * checking that it exists; null when evaluation is off.
     */
    static String networkName(TrainConfig config) {
        if (config.run().evalEvery() == 0) {
            return null;
        }
        String chosen = config.run().evalFeatures();
        if (chosen != null) {
            if (chosen.equals(InceptionV3.NAME)) {
                if (config.run().inception() != null) {   // a wrong file fails here, before the run writes anything
                    InceptionWeights.resolve(Path.of(config.run().inception()), InceptionWeights.defaultDir(), InceptionWeights.RELEASE, m -> { });
                }
                return chosen;
            }
            if (!FeatureNetworks.names().contains(chosen)) {
                throw new BadInputException("unknown 'eval-features' '" + chosen + "' (known: " + InceptionV3.NAME + ", "
                        + String.join(", ", FeatureNetworks.names()) + ")");
            }
            if (!FeatureNetworks.recipe(chosen).dataset().equals(config.data().dataset())) {
                throw new BadInputException("'eval-features' " + chosen + " judges " + FeatureNetworks.recipe(chosen).dataset()
                        + ", not " + config.data().dataset() + " (use inception, or the dataset's own)");
            }
            return chosen;
        }
        if (config.run().inception() != null) {
            throw new BadInputException("'inception' (the weights file) goes with 'eval-features: inception'");
        }
        try {
            return FeatureNetworks.forDataset(config.data().dataset()).name();
        } catch (BadInputException e) {
            throw new BadInputException("'eval-every' needs a dataset with a feature network (fashion-mnist or mnist), not "
                    + config.data().dataset() + "; --features inception judges any images");
        }
    }

    /** The extra columns of {@code metrics.csv} for {@code config}: none when evaluation is off. */
    static List<String> columns(TrainConfig config) {
        String name = networkName(config);
        return name == null ? List.of() : List.of(FeatureNetwork.metricName("fid", name, "_"), FeatureNetwork.metricName("kid", name, "_"));
    }

    /**
     * Prepares evaluation for a run, or returns null when {@code eval-every} is 0: loads the feature
     * network and the real reference (cached on disk), and draws the fixed noise batch.
     */
    static TrainingEvaluation open(TrainConfig config, Dataset trainData, RunDirectory run, long resumeStep, Sampler sampler,
            ComputeDevice device, RunEvents events, Consumer<Path> saveBest) {
        String name = networkName(config);
        if (name == null) {
            return null;
        }
        boolean inception = name.equals(InceptionV3.NAME);
        SampleShape shape = trainData.shape();
        SampleCrop crop = null;   // Inception-v3 sees the samples as they are
        if (!inception) {
            crop = SampleCrop.of(shape, "'eval-every' cannot evaluate a run on " + trainData.name() + ", which holds");
        } else if (!shape.image() || (shape.channels() != 1 && shape.channels() != 3)) {
            throw new BadInputException("'eval-every' with feature network inception needs images of 1 or 3 channels, the data is " + shape);
        }
        FeatureNetwork net = inception
                ? InceptionWeights.network(config.run().inception() == null ? null : Path.of(config.run().inception()), events::message)
                : FeatureNetworks.get(name);
        DatasetRequest request = DatasetRequest.of(config.data().dataset()).withSplit(Split.TEST)
                .withDataDir(config.data().data() == null ? null : Path.of(config.data().data())).withDownload(config.data().download())
                .withMessages(events::message);
        // Inception-v3 compares the samples with the test split as the run sees its data (padded to 32 when it trains so)
        Dataset test = Datasets.open(inception ? TrainingData.request(config, events::message).withSplit(Split.TEST) : request);
        RealReference real = ReferenceCache.standard().get(test, config.run().evalSamples(), net, events::message);
        Engine.seed(Trainer.mix(config.run().seed(), -2));
        Latent latent;
        try (PointerScope scope = new PointerScope()) {
            latent = sampler.prior().draw(config.run().evalSamples(), device).retain();   // n × latent (+ labels, codes), lives as long as the run
        }
        return new TrainingEvaluation(config, net, real, latent, sampler, crop, run, resumeStep, events, saveBest, shape);
    }

    List<String> columns() {
        return List.of(metric("fid", "_"), metric("kid", "_"));
    }

    /** {@code fid_fmnist}, or {@code fid} with Inception-v3. */
    private String metric(String base, String separator) {
        return FeatureNetwork.metricName(base, net.name(), separator);
    }

    @Override
    public Stage stage() {
        return Stage.MEASURE;
    }

    /** At a due step, evaluates and publishes {@link RunEvent.Evaluated}; saves {@code best.pt} when FID improved. */
    @Override
    public void on(RunEvent event) {
        if (event instanceof RunEvent.StepEnded s && s.due(every)) {
            evaluate(s.step());
        }
    }

    private void evaluate(long step) {
        int features = shape.features();
        float[] outputs = new float[samples * features];
        try (PointerScope scope = new PointerScope()) {
            for (int start = 0; start < samples; start += BATCH) {
                int m = Math.min(BATCH, samples - start);
                float[] part = sampler.generate(latent.slice(start, m));
                System.arraycopy(part, 0, outputs, start * features, part.length);
            }
        }
        EvalImages images = net.isInception()
                ? GeneratorSamples.fromOutputs(outputs, samples, shape, sampler.generator().outputRange(), "generator at step " + step)
                : GeneratorSamples.fromOutputs(outputs, samples, crop, sampler.generator().outputRange(), "generator at step " + step);
        EvalReport r = Evaluation.distances(net, real, images, kid);
        String line = String.format(Locale.ROOT, "step %d: %s %.4f, %s %.5f ± %.5f (%d samples vs %s, %.1f s)", step,
                metric("fid", "-"), r.fid(), metric("kid", "-"), r.kid().mean(), r.kid().std(), samples, real.data(), r.seconds());
        if (r.fid() < bestFid) {
            bestFid = r.fid();
            saveBest.accept(bestCheckpoint);
            writeRecord(step, r);
            line += "; best so far, saved as " + bestCheckpoint;
        }
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(metric("fid", "_"), r.fid());
        values.put(metric("kid", "_"), r.kid().mean());
        events.publish(new RunEvent.Evaluated(step, values, line));
    }

    /** Frees the latent batch. */
    void close() {
        latent.release();
    }

    Path bestCheckpoint() {
        return bestCheckpoint;
    }

    private void writeRecord(long step, EvalReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", step);
        m.put(metric("fid", "-"), r.fid());
        m.put(metric("kid", "-"), r.kid().mean());
        m.put("samples", samples);
        m.put("real", real.data());
        if (crop != null && crop.crops()) {
            m.put("preprocessing", crop.description());
        }
        m.put("feature-network-sha256", net.digest());
        try {
            AtomicFiles.write(bestRecord, ConfigFiles.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(m)
                    .concat("\n").getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The best FID recorded before a resume at {@code resumeStep}; +∞ for a new run, or when the record
     * is from a later step (the resumed run recomputes that step identically and records it again).
     */
    private static double previousBest(Path record, long resumeStep) {
        if (resumeStep <= 0 || !Files.isRegularFile(record)) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            JsonNode node = ConfigFiles.JSON.readTree(Files.readString(record));
            if (node.path("step").asLong(Long.MAX_VALUE) > resumeStep) {
                return Double.POSITIVE_INFINITY;
            }
            var fields = node.fields();
            while (fields.hasNext()) {
                var e = fields.next();
                if (e.getKey().equals("fid") || e.getKey().startsWith("fid-")) {
                    return e.getValue().asDouble();
                }
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable record only means the next evaluation is taken as the best
        }
        return Double.POSITIVE_INFINITY;
    }
}
