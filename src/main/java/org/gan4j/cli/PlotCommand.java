package org.gan4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gan4j.BadInputException;
import org.gan4j.report.LossPlot;
import org.gan4j.train.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gan4j plot}: (re)draws a run's {@code losses.png} from its {@code metrics.csv}, also while it trains. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Draw a run's loss curves (losses.png) from its metrics.csv, during or after training.")
public final class PlotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    @Option(names = "--run", paramLabel = "DIR", required = true, description = "The run directory.")
    Path run;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the PNG (default: DIR/losses.png).")
    Path out;

    @Override
    public Integer call() {
        RunDirectory dir = new RunDirectory(run);
        if (!Files.isRegularFile(dir.metricsFile())) {
            throw new BadInputException(run + " has no metrics.csv: is it a gan4j run directory?");
        }
        Path png = out != null ? out : dir.lossPlot();
        if (!LossPlot.write(dir.metricsFile(), png)) {
            throw new BadInputException(dir.metricsFile() + " has no rows yet: nothing to plot");
        }
        spec.commandLine().getOut().println("wrote " + png);
        return ExitCodes.OK;
    }
}
