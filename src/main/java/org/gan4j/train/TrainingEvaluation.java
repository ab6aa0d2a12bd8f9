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
import org.gan4j.io.AtomicFiles;
import org.gan4j.metrics.KernelDistance;

/**
 * FID and KID of the run's generator during training ({@code eval-every}), outside the step loop:
 * every {@code eval-every} steps and at the last step, G (its weight average when kept) turns a
 * fixed batch of {@code eval-samples} noise vectors into images, which are compared with as many
 * images of the dataset's test split through the dataset's shipped feature network (a run on a 28×28 dataset
 * padded to 32 is evaluated on its samples without the 2-px border, {@link SampleCrop}, against the native
 * 28×28 test split). The values
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

    private TrainingEvaluation(TrainConfig config, FeatureNetwork net, RealReference real, Latent latent, Sampler sampler,
            SampleCrop crop, RunDirectory run, long resumeStep, RunEvents events, Consumer<Path> saveBest) {
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

    /** The feature network's name for the columns, checking that the dataset has one; null when evaluation is off. */
    static String networkName(TrainConfig config) {
        if (config.run().evalEvery() == 0) {
            return null;
        }
        try {
            return FeatureNetworks.forDataset(config.data().dataset()).name();
        } catch (BadInputException e) {
            throw new BadInputException("'eval-every' needs a dataset with a feature network (fashion-mnist or mnist), not "
                    + config.data().dataset());
        }
    }

    /** The extra columns of {@code metrics.csv} for {@code config}: none when evaluation is off. */
    static List<String> columns(TrainConfig config) {
        String name = networkName(config);
        return name == null ? List.of() : List.of("fid_" + name, "kid_" + name);
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
        SampleCrop crop = SampleCrop.of(trainData.shape(), "'eval-every' cannot evaluate a run on " + trainData.name() + ", which holds");
        FeatureNetwork net = FeatureNetworks.get(name);
        DatasetRequest request = DatasetRequest.of(config.data().dataset()).withSplit(Split.TEST)
                .withDataDir(config.data().data() == null ? null : Path.of(config.data().data())).withDownload(config.data().download())
                .withMessages(events::message);
        Dataset test = Datasets.open(request);
        RealReference real = ReferenceCache.standard().get(test, config.run().evalSamples(), net, events::message);
        Engine.seed(Trainer.mix(config.run().seed(), -2));
        Latent latent;
        try (PointerScope scope = new PointerScope()) {
            latent = sampler.prior().draw(config.run().evalSamples(), device).retain();   // n × latent (+ labels, codes), lives as long as the run
        }
        return new TrainingEvaluation(config, net, real, latent, sampler, crop, run, resumeStep, events, saveBest);
    }

    List<String> columns() {
        return List.of("fid_" + net.name(), "kid_" + net.name());
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
        int features = crop.from().features();
        float[] outputs = new float[samples * features];
        try (PointerScope scope = new PointerScope()) {
            for (int start = 0; start < samples; start += BATCH) {
                int m = Math.min(BATCH, samples - start);
                float[] part = sampler.generate(latent.slice(start, m));
                System.arraycopy(part, 0, outputs, start * features, part.length);
            }
        }
        EvalImages images = GeneratorSamples.fromOutputs(outputs, samples, crop, sampler.generator().outputRange(),
                "generator at step " + step);
        EvalReport r = Evaluation.distances(net, real, images, kid);
        String line = String.format(Locale.ROOT, "step %d: fid-%s %.4f, kid-%s %.5f ± %.5f (%d samples vs %s, %.1f s)", step,
                net.name(), r.fid(), net.name(), r.kid().mean(), r.kid().std(), samples, real.data(), r.seconds());
        if (r.fid() < bestFid) {
            bestFid = r.fid();
            saveBest.accept(bestCheckpoint);
            writeRecord(step, r);
            line += "; best so far, saved as " + bestCheckpoint;
        }
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("fid_" + net.name(), r.fid());
        values.put("kid_" + net.name(), r.kid().mean());
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
        m.put("fid-" + net.name(), r.fid());
        m.put("kid-" + net.name(), r.kid().mean());
        m.put("samples", samples);
        m.put("real", real.data());
        if (crop.crops()) {
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
                if (e.getKey().startsWith("fid-")) {
                    return e.getValue().asDouble();
                }
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable record only means the next evaluation is taken as the best
        }
        return Double.POSITIVE_INFINITY;
    }
}
