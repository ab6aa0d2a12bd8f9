package org.gan4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gan4j.BadInputException;
import org.gan4j.report.SampleAnimation;
import org.gan4j.train.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gan4j animate}: a run's fixed-noise sample grids, in step order, as one looping GIF. */
@Command(name = "animate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Animate a run's sample grids (samples/step-*.png) into a looping GIF, one captioned frame per step.",
        footer = {"", "Example:", "  gan4j animate --run runs/dcgan-fashion-mnist --delay-ms 150"})
public final class AnimateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    @Option(names = "--run", paramLabel = "DIR", required = true, description = "The run directory.")
    Path run;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the GIF (default: DIR/samples.gif).")
    Path out;

    @Option(names = "--delay-ms", paramLabel = "MS",
            description = "Time each frame is shown (default ${DEFAULT-VALUE}); the last is held "
                    + SampleAnimation.DEFAULT_LAST_DELAY_MS + " ms or the delay, whichever is longer.")
    int delayMs = SampleAnimation.DEFAULT_DELAY_MS;

    @Override
    public Integer call() {
        if (delayMs < 0 || delayMs > 655_350) {
            throw new BadInputException("invalid --delay-ms: " + delayMs + " (0 to 655350)");
        }
        Path gif = out != null ? out : run.resolve("samples.gif");
        if (!gif.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gif")) {
            throw new BadInputException("--out " + gif + ": use a .gif name");
        }
        int frames = SampleAnimation.write(new RunDirectory(run).samplesDir(), gif, delayMs,
                Math.max(delayMs, SampleAnimation.DEFAULT_LAST_DELAY_MS));
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %d frames to %s%n", frames, gif);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
