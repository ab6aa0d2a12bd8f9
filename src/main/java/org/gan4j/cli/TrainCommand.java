package org.gan4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gan4j.BadInputException;
import org.gan4j.dashboard.DashboardServer;
import org.gan4j.data.Dataset;
import org.gan4j.engine.Engine;
import org.gan4j.config.ConfigFiles;
import org.gan4j.train.RunDirectory;
import org.gan4j.config.TrainConfig;
import org.gan4j.train.RunListener;
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
        description = "Train a GAN (or continue a run) and write its run directory."
            + " A run directory holds config.json, metrics.csv, samples/, checkpoints/last.pt, generator.pt and losses.png."
            + " Flags override the keys of --config FILE, which have the same names (lr-g, d-steps, ...).",
        footer = {"", "Examples:",
            "  gan4j train --model mlp --dataset ring8 --steps 2000",
            "  gan4j train --model dcgan --dataset fashion-mnist --epochs 5 --out runs/fmnist",
            "  gan4j train --resume runs/fmnist --epochs 10",
            "  gan4j train --model mlp --dataset ring8 --tensorboard runs/tb   (then: tensorboard --logdir runs/tb)"})
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    @Option(names = "--dashboard", arity = "0..1", paramLabel = "PORT", fallbackValue = "" + DashboardServer.DEFAULT_PORT,
            description = "Serve the live dashboard of this run (and the others in its folder) on PORT (default ${FALLBACK-VALUE}; 0 = any free port) while it trains.")
    Integer dashboardPort;

    @Option(names = "--dashboard-host", paramLabel = "H", defaultValue = "127.0.0.1",
            description = "Address the dashboard binds (default 127.0.0.1); another is reachable from the network, without a login.")
    String dashboardHost;

    /** The keys the flags set, each option below setting its own; every other key stays null. */
    private final TrainConfig.Builder keys = TrainConfig.builder();

    @Option(names = "--config", paramLabel = "FILE", description = "YAML or JSON file of config keys (flags override it).")
    Path config;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the run in DIR from its last checkpoint; only --steps/--epochs, --threads, --device, --tensorboard and --max-minutes may change.")
    Path resume;

    @Option(names = "--model", paramLabel = "NAME", description = "Network family: mlp, pacgan-mlp, dcgan, infogan, cogan, srgan, progan or stylegan (default dcgan).")
    void model(String value) {
        keys.model(value);
    }

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "fashion-mnist (default), mnist, cifar10, folder, or the built-in ring8, grid25, gauss1d.")
    void dataset(String value) {
        keys.dataset(value);
    }

    @Option(names = "--data", paramLabel = "DIR",
            description = "Directory holding the dataset's files (a folder dataset's images); default: searched, then downloaded.")
    void data(String value) {
        keys.data(value);
    }

    @Option(names = "--scale", paramLabel = "S", description = "srgan: upscaling factor, 2 or 4 (default 4, the paper's).")
    void scale(int value) {
        keys.scale(value);
    }

    @Option(names = "--fade-kimg", paramLabel = "K",
            description = "progan: thousands of real images over which each new resolution fades in (default 8).")
    void fadeKimg(double value) {
        keys.fadeKimg(value);
    }

    @Option(names = "--stable-kimg", paramLabel = "K",
            description = "progan: thousands of real images at each resolution after its fade-in, and at 4x4 (default 8).")
    void stableKimg(double value) {
        keys.stableKimg(value);
    }

    @Option(names = "--sr-blocks", paramLabel = "B", description = "srgan: residual blocks of SRResNet (default 4; the paper's 16).")
    void srBlocks(int value) {
        keys.srBlocks(value);
    }

    @Option(names = "--sr-pretrain-steps", paramLabel = "N",
            description = "srgan: steps of SRResNet on pixel MSE before the adversarial game (default: half the steps).")
    void srPretrainSteps(long value) {
        keys.srPretrainSteps(value);
    }

    @Option(names = "--adversarial-weight", paramLabel = "W",
            description = "srgan: weight of the adversarial term in G's loss, content + W*adversarial (default 1e-3).")
    void adversarialWeight(double value) {
        keys.adversarialWeight(value);
    }

    @Option(names = "--content", paramLabel = "KIND",
            description = "srgan: content loss, pixel (MSE) or features (the shipped classifier's; default where it exists).")
    void content(String value) {
        keys.content(value);
    }

    @Option(names = "--domain-b", paramLabel = "T",
            description = "CoGAN's second domain, T(the other half of the data): negative (default), edges (grayscale) or rotate90.")
    void domainB(String value) {
        keys.domainB(value);
    }

    @Option(names = "--steps", paramLabel = "N", description = "Training iterations: k D steps + 1 G step each (default 3000).")
    void steps(long value) {
        keys.steps(value);
    }

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the data instead of --steps.")
    void epochs(int value) {
        keys.epochs(value);
    }

    @Option(names = "--batch", paramLabel = "B", description = "Batch size (default: mlp 128, dcgan 64).")
    void batch(int value) {
        keys.batch(value);
    }

    @Option(names = "--lr-g", paramLabel = "X",
            description = "Generator learning rate (default: wgan 5e-5, wgan-gp 1e-4; else mlp 1e-3, dcgan 2e-4).")
    void lrG(double value) {
        keys.lrG(value);
    }

    @Option(names = "--lr-d", paramLabel = "X", description = "Discriminator learning rate (default: the model's).")
    void lrD(double value) {
        keys.lrD(value);
    }

    @Option(names = "--beta1", paramLabel = "X", description = "Adam beta1 for both networks (default: wgan-gp 0; else mlp 0.9, dcgan 0.5).")
    void beta1(double value) {
        keys.beta1(value);
    }

    @Option(names = "--beta2", paramLabel = "X", description = "Adam beta2 for both networks (default: wgan-gp 0.9; else 0.999).")
    void beta2(double value) {
        keys.beta2(value);
    }

    @Option(names = "--d-steps", paramLabel = "K", description = "Discriminator steps per generator step (default: wgan, wgan-gp 5; else 1).")
    void dSteps(int value) {
        keys.dSteps(value);
    }

    @Option(names = {"--g-loss", "--loss"}, paramLabel = "NAME",
            description = "Adversarial loss: ns (non-saturating, default), minimax, lsgan, hinge, wgan or wgan-gp.")
    void loss(String value) {
        keys.loss(value);
    }

    @Option(names = "--optimizer", paramLabel = "KIND",
            description = "adam or rmsprop, for both networks (default: the loss's, wgan rmsprop; else adam).")
    void optimizer(String value) {
        keys.optimizer(value);
    }

    @Option(names = "--r1-gamma", paramLabel = "X",
            description = "R1 penalty gamma/2 E[|grad D(x)|^2] on real data, with any loss; 0 = off (default: stylegan 0.01, else 0).")
    void r1Gamma(double value) {
        keys.r1Gamma(value);
    }

    @Option(names = "--r1-every", paramLabel = "K",
            description = "Lazy R1: only every K-th D step, scaled by K (default: stylegan 16, as StyleGAN2; else 1 = every step).")
    void r1Every(int value) {
        keys.r1Every(value);
    }

    @Option(names = "--drift", paramLabel = "E",
            description = "Drift term E*E[D(x)^2] on D's real outputs (ProGAN's 0.001); 0 = off (default: progan 0.001, else 0).")
    void drift(double value) {
        keys.drift(value);
    }

    @Option(names = "--real-label", paramLabel = "X",
            description = "Real target of the BCE losses (ns, minimax); 0.9 = one-sided label smoothing (default 1).")
    void realLabel(double value) {
        keys.realLabel(value);
    }

    @Option(names = "--ema-decay", paramLabel = "B",
            description = "Decay of a moving average of G's weights that draws the samples and is generator.pt; 0 = off (default: stylegan 0.99, else 0; typical 0.999).")
    void emaDecay(double value) {
        keys.emaDecay(value);
    }

    @Option(names = "--mapping-layers", paramLabel = "L",
            description = "stylegan: depth of the mapping network z -> w (default 2, StyleGAN2-ADA cifar; the paper's 8).")
    void mappingLayers(int value) {
        keys.mappingLayers(value);
    }

    @Option(names = "--mixing-prob", paramLabel = "P",
            description = "stylegan: probability of style mixing per training batch, in [0, 1] (default 0.9, the paper's).")
    void mixingProb(double value) {
        keys.mixingProb(value);
    }

    @Option(names = "--pl-weight", paramLabel = "W",
            description = "stylegan: weight of path-length regularisation on G; 0 = off (default 0, as the cifar config; the paper's 2).")
    void plWeight(double value) {
        keys.plWeight(value);
    }

    @Option(names = "--pl-every", paramLabel = "K",
            description = "stylegan: lazy path-length regularisation every K-th G step, scaled by K (default 4).")
    void plEvery(int value) {
        keys.plEvery(value);
    }

    @Option(names = "--instance-noise", paramLabel = "SIGMA",
            description = "Instance noise: N(0, sigma_t^2) added to real and fake batches before D, sigma_t annealed from SIGMA to 0; 0 = off (default 0, typical 0.1).")
    void instanceNoise(double value) {
        keys.instanceNoise(value);
    }

    @Option(names = "--instance-noise-schedule", paramLabel = "KIND",
            description = "Annealing of --instance-noise: linear (to 0, default) or exponential (to 1%% of SIGMA).")
    void instanceNoiseSchedule(String value) {
        keys.instanceNoiseSchedule(value);
    }

    @Option(names = "--spectral-norm", negatable = true,
            description = "Spectral normalisation (Miyato et al. 2018) of every Linear/Conv layer of D (default off).")
    void spectralNorm(boolean value) {
        keys.spectralNorm(value);
    }

    @Option(names = "--pack", paramLabel = "M",
            description = "PacGAN packing (Lin et al. 2018): D judges packs of M samples of one kind, concatenated; M divides the batch (default 1 = off).")
    void pack(int value) {
        keys.pack(value);
    }

    @Option(names = "--minibatch-std", negatable = true,
            description = "Minibatch standard deviation (Karras et al. 2018) as one feature before D's last layer (mlp, pacgan-mlp; default off).")
    void minibatchStd(boolean value) {
        keys.minibatchStd(value);
    }

    @Option(names = "--unroll", paramLabel = "K",
            description = "Unrolled GAN (Metz et al. 2017): G's loss through K look-ahead D steps, then undone (first-order; adam; default 0 = off).")
    void unroll(int value) {
        keys.unroll(value);
    }

    @Option(names = "--seed", paramLabel = "S", description = "Seed of init, noise and data order (default 42).")
    void seed(long value) {
        keys.seed(value);
    }

    @Option(names = "--device", paramLabel = "DEV", description = "cpu (default), cuda or cuda:N.")
    void device(String value) {
        keys.device(value);
    }

    @Option(names = "--threads", paramLabel = "N", description = DataOptions.THREADS_HELP)
    void threads(int value) {
        keys.threads(value);
    }

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default runs/<model>-<dataset>).")
    void out(String value) {
        keys.out(value);
    }

    @Option(names = "--noise", paramLabel = "PRIOR", description = "Prior of z: uniform or normal (default: mlp uniform, dcgan normal).")
    void noise(String value) {
        keys.noise(value);
    }

    @Option(names = "--latent-dim", paramLabel = "N", description = "Size of z (default 100).")
    void latentDim(int value) {
        keys.latentDim(value);
    }

    @Option(names = "--width", paramLabel = "N", description = "Hidden units (mlp, default 128) or base feature maps (dcgan, default 64).")
    void width(int value) {
        keys.width(value);
    }

    @Option(names = "--d-norm", paramLabel = "KIND",
            description = "Normalisation between D's hidden convolutions (dcgan, infogan): batch, layer or none (default: layer for wgan-gp, else batch).")
    void dNorm(String value) {
        keys.dNorm(value);
    }

    @Option(names = "--conditional", description = "Class-conditional GAN (mlp, dcgan): G and D take the class label (needs labelled data).")
    void conditional(boolean value) {
        keys.conditional(value);
    }

    @Option(names = "--conditioning", paramLabel = "KIND",
            description = "How the label enters a conditional GAN: concat (default), projection or acgan.")
    void conditioning(String value) {
        keys.conditioning(value);
    }

    @Option(names = "--info-categories", paramLabel = "K", description = "InfoGAN: values of the categorical code; 0 = none (default 10).")
    void infoCategories(int value) {
        keys.infoCategories(value);
    }

    @Option(names = "--info-continuous", paramLabel = "N", description = "InfoGAN: continuous codes, each U(-1, 1) (default 2).")
    void infoContinuous(int value) {
        keys.infoContinuous(value);
    }

    @Option(names = "--info-lambda", paramLabel = "X", description = "InfoGAN: weight of the mutual-information term in both losses (default 1).")
    void infoLambda(double value) {
        keys.infoLambda(value);
    }

    @Option(names = "--image-size", paramLabel = "N", description = "Image side: a folder dataset's images are resized to 28, 32 or 64 (default 64);"
            + " fashion-mnist and mnist are 28 as they are or 32 padded with 2 px of black (default: the model's"
            + " preferred side, else 28); cifar10 is 32.")
    void imageSize(int value) {
        keys.imageSize(value);
    }

    @Option(names = "--channels", paramLabel = "N", description = "1 or 3 for a folder dataset; 0 = from the images (default 0).")
    void channels(int value) {
        keys.channels(value);
    }

    @Option(names = "--strict", description = "Fail on an unreadable image of a folder dataset instead of skipping it.")
    void strict(boolean value) {
        keys.strict(value);
    }

    @Option(names = "--download", negatable = true,
            description = "Allow downloading a missing named dataset (default); --no-download forbids it.")
    void download(boolean value) {
        keys.download(value);
    }

    @Option(names = "--log-every", paramLabel = "N", description = "Steps between progress lines and metrics.csv flushes (default 50).")
    void logEvery(int value) {
        keys.logEvery(value);
    }

    @Option(names = "--sample-every", paramLabel = "N", description = "Steps between sample grids (default 250).")
    void sampleEvery(int value) {
        keys.sampleEvery(value);
    }

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Steps between checkpoints (default 500).")
    void checkpointEvery(int value) {
        keys.checkpointEvery(value);
    }

    @Option(names = "--eval-every", paramLabel = "N",
            description = "Steps between FID/KID evaluations logged in metrics.csv, keeping the best as checkpoints/best.pt; 0 = off (default 0).")
    void evalEvery(int value) {
        keys.evalEvery(value);
    }

    @Option(names = "--eval-samples", paramLabel = "N", description = "Generated and real samples per evaluation during training (default 2000).")
    void evalSamples(int value) {
        keys.evalSamples(value);
    }

    @Option(names = "--features", paramLabel = "NAME",
            description = "Feature network of --eval-every: inception (pytorch-fid's Inception-v3: columns fid, kid), fmnist or mnist"
                + " (default: the dataset's classifier).")
    void evalFeatures(String value) {
        keys.evalFeatures(value);
    }

    @Option(names = "--inception", paramLabel = "WEIGHTS",
            description = "pytorch-fid's weights file for --features inception (default: downloaded once into ~/.gan4j/weights).")
    void inception(String value) {
        keys.inception(value);
    }

    @Option(names = "--tensorboard", paramLabel = "DIR",
            description = "Also write a TensorBoard event file in DIR: scalars, sample pictures, histograms of D's outputs (default off).")
    void tensorboard(String value) {
        keys.tensorboard(value);
    }

    @Option(names = "--max-minutes", paramLabel = "M",
            description = "Stop after M minutes of wall-clock time as if the run ended there (checkpoint, samples, generator.pt);"
                    + " --resume continues it. 0 = no limit (default).")
    void maxMinutes(double value) {
        keys.maxMinutes(value);
    }

    /** The keys the command line sets, every other key null. */
    TrainConfig flags() {
        return keys.build();
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
        // The dashboard binds its port before the trainer writes anything: a port taken leaves no run behind.
        try (DashboardServer dashboard = openDashboard(err)) {
            return train(out, err, dashboard);
        }
    }

    /** {@code --dashboard}'s server over the folder of the run (null without the flag). */
    private DashboardServer openDashboard(PrintWriter err) {
        if (dashboardPort == null) {
            return null;
        }
        DashboardCommand.checkPort("--dashboard", dashboardPort);
        Path runDir = resume != null ? resume : Path.of(newRunConfig().resolve().run().out());
        DashboardServer server = DashboardCommand.open(runDir.toAbsolutePath().normalize().getParent(), dashboardHost, dashboardPort, err);
        println(err, "dashboard: " + server.url());
        return server;
    }

    private int train(PrintWriter out, PrintWriter err, DashboardServer dashboard) {
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
            Engine.init(resolved.run().threads());
            Engine.device(resolved.run().device());      // so does a device this machine lacks
            data = TrainingData.open(resolved, line -> println(err, line));
            trainer = Trainer.start(merged, data);
        }
        TrainingResult result;
        try (trainer; ConsoleProgress progress = ConsoleProgress.create(out, data.shape().image() ? "img/s" : "samples/s")) {
            result = trainer.train(dashboard == null ? progress : both(progress, dashboard.listener(trainer.run().root())));
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
        if (org.gan4j.nn.Architectures.get(result.config().networks().model()).game().equals("super-resolution")) {
            out.println("upscale:   ./gan4j upscale --run " + run.root() + " --input IMG|DIR|IDX --out PATH");
            out.println("measure:   ./gan4j eval-sr --run " + run.root());
        } else {
            out.println("sample it: ./gan4j sample --run " + run.root() + " --out "
                    + run.root().resolve("samples.png"));
        }
        out.flush();
    }

    /** The progress bar and the dashboard, as one observer of the run. */
    private static RunListener both(RunListener first, RunListener second) {
        return event -> {
            first.on(event);
            second.on(event);
        };
    }

    private static void println(PrintWriter w, String line) {
        w.println(line);
        w.flush();
    }
}
