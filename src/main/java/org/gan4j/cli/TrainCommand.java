package org.gan4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gan4j.BadInputException;
import org.gan4j.data.Dataset;
import org.gan4j.engine.Engine;
import org.gan4j.train.ConfigFiles;
import org.gan4j.train.RunDirectory;
import org.gan4j.train.TrainConfig;
import org.gan4j.train.Trainer;
import org.gan4j.train.TrainingData;
import org.gan4j.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gan4j train}: starts a run, or continues one with {@code --resume}. Every flag is one key
 * of {@link TrainConfig} (same name, kebab-case), null unless given: the flags given override the
 * keys of {@code --config FILE}, and {@link TrainConfig#resolve()} fills in the rest.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a GAN (or continue a run) and write its run directory.",
            "A run directory holds config.json, metrics.csv, samples/, checkpoints/last.pt, generator.pt and losses.png.",
            "Flags override the keys of --config FILE, which have the same names (lr-g, d-steps, ...)."},
        footer = {"", "Examples:",
            "  gan4j train --model mlp --dataset ring8 --steps 2000",
            "  gan4j train --model dcgan --dataset fashion-mnist --epochs 5 --out runs/fmnist",
            "  gan4j train --resume runs/fmnist --epochs 10"})
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML or JSON file of config keys (flags override it).")
    Path config;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the run in DIR from its last checkpoint; only --steps/--epochs, --threads and --device may change.")
    Path resume;

    @Option(names = "--model", paramLabel = "NAME", description = "Network family: mlp, dcgan or infogan (default dcgan).")
    String model;

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "fashion-mnist (default), mnist, folder, or the built-in ring8, grid25, gauss1d.")
    String dataset;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Directory holding the dataset's files (a folder dataset's images); default: searched, then downloaded.")
    String data;

    @Option(names = "--steps", paramLabel = "N", description = "Training iterations: k D steps + 1 G step each (default 3000).")
    Long steps;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the data instead of --steps.")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "B", description = "Batch size (default: mlp 128, dcgan 64).")
    Integer batch;

    @Option(names = "--lr-g", paramLabel = "X",
            description = "Generator learning rate (default: wgan 5e-5, wgan-gp 1e-4; else mlp 1e-3, dcgan 2e-4).")
    Double lrG;

    @Option(names = "--lr-d", paramLabel = "X", description = "Discriminator learning rate (default: the model's).")
    Double lrD;

    @Option(names = "--beta1", paramLabel = "X", description = "Adam beta1 for both networks (default: wgan-gp 0; else mlp 0.9, dcgan 0.5).")
    Double beta1;

    @Option(names = "--beta2", paramLabel = "X", description = "Adam beta2 for both networks (default: wgan-gp 0.9; else 0.999).")
    Double beta2;

    @Option(names = "--d-steps", paramLabel = "K", description = "Discriminator steps per generator step (default: wgan, wgan-gp 5; else 1).")
    Integer dSteps;

    @Option(names = {"--g-loss", "--loss"}, paramLabel = "NAME",
            description = "Adversarial loss: ns (non-saturating, default), minimax, lsgan, hinge, wgan or wgan-gp.")
    String loss;

    @Option(names = "--optimizer", paramLabel = "KIND",
            description = "adam or rmsprop, for both networks (default: the loss's, wgan rmsprop; else adam).")
    String optimizer;

    @Option(names = "--r1-gamma", paramLabel = "X",
            description = "R1 penalty gamma/2 E[|grad D(x)|^2] on real data, with any loss; 0 = off (default 0).")
    Double r1Gamma;

    @Option(names = "--real-label", paramLabel = "X",
            description = "Real target of the BCE losses (ns, minimax); 0.9 = one-sided label smoothing (default 1).")
    Double realLabel;

    @Option(names = "--ema-decay", paramLabel = "B",
            description = "Decay of a moving average of G's weights that draws the samples and is generator.pt; 0 = off (default 0, typical 0.999).")
    Double emaDecay;

    @Option(names = "--instance-noise", paramLabel = "SIGMA",
            description = "Instance noise: N(0, sigma_t^2) added to real and fake batches before D, sigma_t annealed from SIGMA to 0; 0 = off (default 0, typical 0.1).")
    Double instanceNoise;

    @Option(names = "--instance-noise-schedule", paramLabel = "KIND",
            description = "Annealing of --instance-noise: linear (to 0, default) or exponential (to 1%% of SIGMA).")
    String instanceNoiseSchedule;

    @Option(names = "--spectral-norm", negatable = true,
            description = "Spectral normalisation (Miyato et al. 2018) of every Linear/Conv layer of D (default off).")
    Boolean spectralNorm;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of init, noise and data order (default 42).")
    Long seed;

    @Option(names = "--device", paramLabel = "DEV", description = "cpu (default), cuda or cuda:N.")
    String device;

    @Option(names = "--threads", paramLabel = "N", description = "Intra-op CPU threads; 0 = all cores (default 0).")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default runs/<model>-<dataset>).")
    String out;

    @Option(names = "--noise", paramLabel = "PRIOR", description = "Prior of z: uniform or normal (default: mlp uniform, dcgan normal).")
    String noise;

    @Option(names = "--latent-dim", paramLabel = "N", description = "Size of z (default 100).")
    Integer latentDim;

    @Option(names = "--width", paramLabel = "N", description = "Hidden units (mlp, default 128) or base feature maps (dcgan, default 64).")
    Integer width;

    @Option(names = "--conditional", description = "Class-conditional GAN (mlp, dcgan): G and D take the class label (needs labelled data).")
    Boolean conditional;

    @Option(names = "--conditioning", paramLabel = "KIND",
            description = "How the label enters a conditional GAN: concat (default), projection or acgan.")
    String conditioning;

    @Option(names = "--info-categories", paramLabel = "K", description = "InfoGAN: values of the categorical code; 0 = none (default 10).")
    Integer infoCategories;

    @Option(names = "--info-continuous", paramLabel = "N", description = "InfoGAN: continuous codes, each U(-1, 1) (default 2).")
    Integer infoContinuous;

    @Option(names = "--info-lambda", paramLabel = "X", description = "InfoGAN: weight of the mutual-information term in both losses (default 1).")
    Double infoLambda;

    @Option(names = "--image-size", paramLabel = "N", description = "Side a folder dataset's images are resized to: 28, 32 or 64 (default 64).")
    Integer imageSize;

    @Option(names = "--channels", paramLabel = "N", description = "1 or 3 for a folder dataset; 0 = from the images (default 0).")
    Integer channels;

    @Option(names = "--strict", description = "Fail on an unreadable image of a folder dataset instead of skipping it.")
    Boolean strict;

    @Option(names = "--download", negatable = true,
            description = "Allow downloading a missing named dataset (default); --no-download forbids it.")
    Boolean download;

    @Option(names = "--log-every", paramLabel = "N", description = "Steps between progress lines and metrics.csv flushes (default 50).")
    Integer logEvery;

    @Option(names = "--sample-every", paramLabel = "N", description = "Steps between sample grids (default 250).")
    Integer sampleEvery;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Steps between checkpoints (default 500).")
    Integer checkpointEvery;

    @Option(names = "--eval-every", paramLabel = "N",
            description = "Steps between FID/KID evaluations logged in metrics.csv, keeping the best as checkpoints/best.pt; 0 = off (default 0).")
    Integer evalEvery;

    @Option(names = "--eval-samples", paramLabel = "N", description = "Generated and real samples per evaluation during training (default 2000).")
    Integer evalSamples;

    /** The keys the command line sets, every other key null. */
    TrainConfig flags() {
        return new TrainConfig(model, dataset, data, steps, epochs, batch, lrG, lrD, beta1, beta2, dSteps, loss, optimizer,
                r1Gamma, realLabel, emaDecay, instanceNoise, instanceNoiseSchedule, spectralNorm, seed, device, threads, out, noise, latentDim, width,
                conditional, conditioning, infoCategories, infoContinuous, infoLambda, imageSize, channels, strict, download, logEvery,
                sampleEvery, checkpointEvery, evalEvery, evalSamples);
    }

    /** The config of a new run: the config file (if any) with the flags over it; not yet resolved. */
    TrainConfig newRunConfig() {
        TrainConfig flags = flags();
        if (config == null) {
            return flags;
        }
        return ConfigFiles.merge(ConfigFiles.read(config), flags);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Trainer trainer;
        Dataset data;
        if (resume != null) {
            if (config != null) {
                throw new BadInputException("--resume continues a run with its saved config; it cannot be combined with --config");
            }
            Trainer.checkResumable(flags());
            TrainConfig saved = new RunDirectory(resume).readConfig().resolve();
            data = TrainingData.open(saved, line -> println(err, line));
            trainer = Trainer.resume(resume, data, flags());
        } else {
            TrainConfig merged = newRunConfig();
            TrainConfig resolved = merged.resolve(); // bad keys and combinations fail before any work
            Engine.init(resolved.threads());
            Engine.device(resolved.device());      // so does a device this machine lacks
            data = TrainingData.open(resolved, line -> println(err, line));
            trainer = Trainer.start(merged, data);
        }
        TrainingResult result;
        try (trainer; ConsoleProgress progress = ConsoleProgress.create(out, data.shape().image() ? "img/s" : "samples/s")) {
            result = trainer.train(progress);
        }
        printSummary(out, result);
        return ExitCodes.OK;
    }

    private static void printSummary(PrintWriter out, TrainingResult result) {
        RunDirectory run = new RunDirectory(result.runDir());
        out.printf(java.util.Locale.ROOT, "done: %d steps in %s (%.0f %s)%n", result.steps(),
                ConsoleProgress.duration(result.seconds()), result.imagesPerSec(),
                result.provenance().shape().image() ? "img/s" : "samples/s");
        out.println("run:       " + run.root());
        out.println("generator: " + run.generatorFile());
        out.println("samples:   " + run.sampleGrid(result.steps()));
        out.println("losses:    " + run.lossPlot());
        out.println("sample it: ./gan4j sample --run " + run.root() + " --out "
                + run.root().resolve("samples.png"));
        out.flush();
    }

    private static void println(PrintWriter w, String line) {
        w.println(line);
        w.flush();
    }
}
