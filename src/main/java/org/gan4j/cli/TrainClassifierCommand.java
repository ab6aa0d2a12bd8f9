package org.gan4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gan4j.BadInputException;
import org.gan4j.data.Dataset;
import org.gan4j.data.DatasetRequest;
import org.gan4j.data.Datasets;
import org.gan4j.data.Split;
import org.gan4j.engine.Engine;
import org.gan4j.features.ClassifierCard;
import org.gan4j.features.ClassifierTraining;
import org.gan4j.features.FeatureNetwork;
import org.gan4j.features.FeatureNetworks;
import org.gan4j.nn.Classifier;
import org.gan4j.train.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gan4j train-classifier}: trains the feature classifier of a dataset and writes its weights
 * with a card (command, seed, data digests, test accuracy). The work lives in {@link ClassifierTraining}.
 */
@Command(name = "train-classifier", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train the small CNN whose features and class probabilities the metrics use (fid-fmnist, ...),"
            + " report its accuracy on the held-out test split, and write FILE (.pt) and its card (.json beside it).",
        footer = {"", "Examples:",
            "  gan4j train-classifier --dataset fashion-mnist --out fmnist.pt",
            "  gan4j train-classifier --dataset mnist --epochs 30 --seed 1 --out mnist.pt"})
public final class TrainClassifierCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    @Option(names = "--dataset", paramLabel = "NAME", required = true, description = "fashion-mnist or mnist.")
    String dataset;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training split (default: fashion-mnist 14, mnist 30).")
    Integer epochs;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of init, data order, augmentation and dropout (default ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Weights file (.pt); the card goes beside it (.json).")
    Path out;

    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() {
        dataOptions.check();
        if (!out.getFileName().toString().endsWith(".pt")) {
            throw new BadInputException("--out " + out + ": the weights file name must end with .pt");
        }
        FeatureNetworks.Recipe recipe = FeatureNetworks.forDataset(dataset);
        ClassifierTraining.Options options = recipe.options(epochs, seed);
        PrintWriter err = spec.commandLine().getErr();
        DatasetRequest request = dataOptions.request(dataset, m -> {
            err.println("train-classifier: " + m);
            err.flush();
        });
        int threadsUsed = dataOptions.initEngine();
        Dataset train = Datasets.open(request.withSplit(Split.TRAIN));
        Dataset test = Datasets.open(request.withSplit(Split.TEST));
        err.printf(Locale.ROOT, "train-classifier: %s on %s (%d images), tested on %s (%d), %d epochs, seed %d, %d threads%n",
                recipe.name(), train.name(), train.size(), test.name(), test.size(), options.epochs(), seed, threadsUsed);
        err.flush();
        ClassifierTraining.Result r = ClassifierTraining.train(train, test, options, line -> {
            err.println("train-classifier: " + line);
            err.flush();
        });
        String command = "gan4j " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        ClassifierCard card = new ClassifierCard(recipe.name(), dataset, command, seed, options.epochs(),
                new ClassifierCard.DataRef(train.name(), train.size(), train.digest()),
                new ClassifierCard.DataRef(test.name(), test.size(), test.digest()),
                r.testAccuracy(), Classifier.FEATURES, r.network().classes(), ARCHITECTURE, r.network().parameterCount(),
                Provenance.gan4jVersion(), Engine.libtorchVersion(), threadsUsed, Math.round(r.seconds() * 10) / 10.0, null);
        ClassifierCard written = FeatureNetwork.save(out, r.network(), card);
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "%s: test accuracy %.2f%% on %s (%d images) after %d epochs (%.0f s)%n", recipe.name(),
                100 * r.testAccuracy(), test.name(), test.size(), options.epochs(), r.seconds());
        w.printf(Locale.ROOT, "wrote %s (sha256 %s) and %s%n", out, written.weightsSha256(), FeatureNetwork.cardFile(out));
        w.flush();
        return ExitCodes.OK;
    }

    /** The layer stack of {@link Classifier}, recorded in the card. */
    static final String ARCHITECTURE = "conv3x3(32)-BN-ReLU-maxpool2, conv3x3(32)-BN-ReLU-maxpool2, conv3x3(64)-BN-ReLU-maxpool2,"
            + " linear(576,128)-ReLU [features], dropout(0.5)-linear(128,classes)";
}
