package org.gan4j.train;

import org.bytedeco.pytorch.TensorOptions;
import org.gan4j.nn.Latent;
import org.gan4j.nn.Prior;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.BadInputException;
import org.gan4j.engine.ComputeDevice;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Tensors;
import org.gan4j.nn.LatentCodes;
import org.gan4j.nn.OutputRange;
import org.gan4j.report.SampleGrid;

/**
 * InfoGAN's latent traversal (Chen et al. 2016, figure 2): one code varies down the rows while
 * everything else stays fixed along each column. Column j holds one draw of z and of the other
 * codes; row r sets the varied code to its r-th value: each category of the categorical code
 * ({@code cat}), or {@value #STEPS} values from −{@value #RANGE} to {@value #RANGE} of continuous
 * code i ({@code c1}, {@code c2}, ...; as the paper, which trains on U(−1, 1), goes beyond ±1).
 */
public final class LatentTraversal {
    /** Rows of a continuous code's traversal. */
    public static final int STEPS = 9;
    /** The continuous code runs over [−RANGE, RANGE]. */
    public static final double RANGE = 2.0;
    /** Columns (fixed draws) by default. */
    public static final int COLUMNS = 8;

    private LatentTraversal() {
    }

    /** The names of an InfoGAN run's codes: {@code cat} (when it has a categorical code), then {@code c1}, {@code c2}, ... */
    public static List<String> codes(LatentCodes codes) {
        List<String> names = new ArrayList<>();
        if (codes.categories() > 0) {
            names.add("cat");
        }
        for (int i = 1; i <= codes.continuous(); i++) {
            names.add("c" + i);
        }
        return names;
    }

    /** Rows of the traversal of {@code code}. */
    public static int rows(LatentCodes codes, String code) {
        return code.equals("cat") ? codes.categories() : STEPS;
    }

    /**
     * The traversal of {@code code} by {@code g}: rows × columns samples, row after row.
     *
     * @throws BadInputException when the run is not an InfoGAN run or has no such code
     */
    public static float[] samples(TrainedGenerator g, String code, int columns, long seed) {
        if (!(g.sampler().prior() instanceof Prior.Codes info)) {
            throw new BadInputException("a latent traversal needs an InfoGAN run (--model infogan); run " + g.config().run().out()
                    + " is " + g.config().networks().model());
        }
        LatentCodes codes = info.codes();
        if (!codes(codes).contains(code)) {
            throw new BadInputException("invalid --code: " + code + " (the run's codes are " + String.join(", ", codes(codes)) + ")");
        }
        if (columns < 1 || columns > 1000) {
            throw new BadInputException("invalid --columns: " + columns + " (1 to 1000)");
        }
        Engine.seed(seed);
        try (PointerScope scope = new PointerScope(); NoGradGuard guard = new NoGradGuard()) {
            Latent base = info.draw(columns, ComputeDevice.CPU);
            Tensor z = base.input().narrow(1, 0, info.latentDim());
            int rows = rows(codes, code);
            TensorVector inputs = new TensorVector();
            for (int r = 0; r < rows; r++) {
                Tensor categories = base.categories();
                Tensor continuous = base.continuous();
                if (code.equals("cat")) {
                    categories = torch.full(new long[] {columns}, new Scalar(r), new TensorOptions(torch.ScalarType.Long));
                } else {
                    double value = -RANGE + 2 * RANGE * r / (rows - 1);
                    continuous = continuous.clone();
                    continuous.narrow(1, Integer.parseInt(code.substring(1)) - 1, 1).fill_(new Scalar(value));
                }
                inputs.push_back(info.withCodes(z, categories, continuous, ComputeDevice.CPU).input());
            }
            return Tensors.toFloats(g.generator().forward(torch.cat(inputs, 0)));
        }
    }

    /** Writes the traversal of {@code code} as a grid PNG (atomically): one row per code value. */
    public static void write(TrainedGenerator g, String code, int columns, long seed, Path png) {
        float[] images = samples(g, code, columns, seed);
        int count = images.length / g.shape().features();
        OutputRange range = g.generator().outputRange();
        SampleGrid.write(png, images, count, g.shape(), range.low(), range.high(), columns);
    }

    /** Writes {@code traversal-<code>.png} for every code of an InfoGAN run into its directory; returns the files. */
    public static List<Path> writeAll(Path runDir) {
        TrainedGenerator g = TrainedGenerator.load(runDir);
        List<Path> written = new ArrayList<>();
        for (String code : codes(g.config().networks().latentCodes())) {
            Path png = runDir.resolve("traversal-" + code + ".png");
            write(g, code, COLUMNS, g.config().run().seed(), png);
            written.add(png);
        }
        return written;
    }
}
