package org.gan4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gan4j.BadInputException;
import org.gan4j.engine.Engine;
import org.gan4j.train.TrainedUpscaler;
import org.gan4j.train.UpscaleFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gan4j upscale}: enlarges images with a super-resolution run's SRGAN or SRResNet (or bicubic).
 * The work lives in {@link UpscaleFiles} and {@link TrainedUpscaler}.
 */
@Command(name = "upscale", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Upscale images with a --model srgan run: a PNG/JPEG file into a PNG, a folder of images into a new"
            + " folder of PNGs with the same names (images directly inside it), an IDX image file (.gz ok) into an IDX file."
            + " Images may have any size, enlarged by the run's scale; they must have the run's channels"
            + " (grayscale for a grayscale run: an image is grayscale when all its pixels are grey).",
        footer = {"", "Examples:",
            "  gan4j upscale --run runs/srgan-fashion-mnist --input small.png --out big.png",
            "  gan4j upscale --run runs/srgan-fashion-mnist --input lowres/ --out highres/ --network srresnet",
            "  gan4j upscale --run runs/srgan-fashion-mnist --input x-idx3-ubyte.gz --out x4-idx3-ubyte.gz"})
public final class UpscaleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    @Option(names = "--run", paramLabel = "DIR", required = true, description = "A run of --model srgan (written by gan4j train).")
    Path run;

    @Option(names = "--input", paramLabel = "IMG|DIR|IDX", required = true,
            description = "A .png/.jpg/.jpeg image, a folder of them, or an IDX image file (-idx3-ubyte[.gz]).")
    Path input;

    @Option(names = "--out", paramLabel = "PATH", required = true,
            description = "A .png for an image, a new (or empty) folder for a folder, an IDX name for IDX (gzipped if it ends .gz).")
    Path out;

    @Option(names = "--network", paramLabel = "NAME",
            description = "srgan (G after the adversarial phase, default), srresnet (G after pre-training on pixel MSE) or bicubic.")
    String network = "srgan";

    @Option(names = "--threads", paramLabel = "N", description = DataOptions.THREADS_HELP)
    int threads;

    @Override
    public Integer call() {
        TrainedUpscaler.Method method = TrainedUpscaler.Method.named(network);
        if (threads < 0) {
            throw new BadInputException("invalid --threads: " + threads + " (0 means all cores)");
        }
        UpscaleFiles.checkOutput(UpscaleFiles.kind(input), out);   // before the run loads: cheap mistakes first
        Engine.init(threads);
        TrainedUpscaler upscaler = TrainedUpscaler.load(run);
        UpscaleFiles.Result r = UpscaleFiles.upscale(upscaler, method, input, out);
        var w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "upscaled %d image%s x%d with %s of %s: wrote %s%n", r.images(), r.images() == 1 ? "" : "s",
                upscaler.scale(), method.key(), method == TrainedUpscaler.Method.BICUBIC ? "run " + run : upscaler.weights(), r.out());
        w.flush();
        return ExitCodes.OK;
    }
}
