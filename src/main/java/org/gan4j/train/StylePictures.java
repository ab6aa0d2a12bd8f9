package org.gan4j.train;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.BadInputException;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Tensors;
import org.gan4j.nn.StyleGanGenerator;
import org.gan4j.report.LatentWalk;

/**
 * The pictures of the style-based generator's tricks (Karras et al. 2019, figures 3 and 8; 2020, figure 10):
 * the style-mixing grid, the truncation strip, and walks in w. Each is a tile array for
 * {@code SampleGrid.write}, drawn in eval mode without autograd, z from the run's prior and the noise inputs
 * from libtorch's generator seeded with the picture's seed, so a seed gives the same picture.
 */
public final class StylePictures {
    private StylePictures() {
    }

    /**
     * A picture's tiles.
     *
     * @param images  {@code count × features} floats in G's output range, row after row
     * @param count   tiles
     * @param columns tiles per row
     */
    public record Tiles(float[] images, int count, int columns) {
    }

    /** The style-based generator of a {@code stylegan} run; {@code what} names the command for the error. */
    public static StyleGanGenerator of(TrainedGenerator g, String what) {
        if (!(g.generator() instanceof StyleGanGenerator s)) {
            throw new BadInputException(what + " needs a style-based run (--model stylegan); run " + g.config().run().out()
                    + " is model " + g.config().networks().model());
        }
        return s;
    }

    /**
     * The style-mixing grid: (rows + 1) × (columns + 1) tiles. The first row shows the column sources
     * G(w_B), the first column the row sources G(w_A) (the corner is blank, the range's low value); tile
     * (r, c) takes the coarse styles (layers before {@code crossover}) from row source r and the fine ones
     * from column source c. Row sources are drawn with {@code seed}, column sources with {@code seed + 1}.
     */
    public static Tiles mixingGrid(TrainedGenerator g, int rows, int columns, int crossover, long seed) {
        StyleGanGenerator s = of(g, "style-mix");
        if (crossover < 1 || crossover >= s.numWs()) {
            throw new BadInputException("invalid --crossover: " + crossover + " (this generator has " + s.numWs()
                    + " style layers: 1 to " + (s.numWs() - 1) + ")");
        }
        int d = s.styleDim();
        try (PointerScope scope = new PointerScope(); NoGradGuard guard = new NoGradGuard()) {
            Tensor coarse = s.broadcast(styles(s, g.noise(rows, seed), rows));            // R × N × d
            Tensor fine = s.broadcast(styles(s, g.noise(columns, seed + 1), columns));   // C × N × d
            TensorVector ws = new TensorVector();
            ws.push_back(fine);
            for (int r = 0; r < rows; r++) {
                Tensor a = coarse.narrow(0, r, 1);
                ws.push_back(a);
                ws.push_back(s.mix(a.expand(columns, s.numWs(), d), fine, crossover));
            }
            float[] drawn = synthesise(s, torch.cat(ws, 0), seed);
            int features = g.shape().features();
            int width = columns + 1;
            int count = (rows + 1) * width;
            float[] tiles = new float[count * features];
            java.util.Arrays.fill(tiles, 0, features, g.generator().outputRange().low());   // the blank corner
            System.arraycopy(drawn, 0, tiles, features, columns * features);              // the column sources
            System.arraycopy(drawn, columns * features, tiles, width * features, rows * width * features);
            return new Tiles(tiles, count, width);
        }
    }

    /**
     * The truncation strip: one row per seed (z drawn with {@code seed}), one column per ψ from 0 (G(w_avg) in
     * every row) to 1 (no truncation) in {@code steps} even steps.
     */
    public static Tiles truncationStrip(TrainedGenerator g, int rows, int steps, long seed) {
        StyleGanGenerator s = of(g, "truncation");
        try (PointerScope scope = new PointerScope(); NoGradGuard guard = new NoGradGuard()) {
            Tensor w = styles(s, g.noise(rows, seed), rows);                              // R × d
            TensorVector ws = new TensorVector();
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < steps; c++) {
                    ws.push_back(s.truncate(w.narrow(0, r, 1), c / (double) (steps - 1)));
                }
            }
            return new Tiles(synthesise(s, s.broadcast(torch.cat(ws, 0)), seed), rows * steps, steps);
        }
    }

    /**
     * A walk in w: each row maps its two endpoints z (drawn with {@code seed}) to w and draws G along the
     * {@code mode} path between the two w's, truncated by the generator's ψ.
     */
    public static Tiles walkInW(TrainedGenerator g, int rows, int steps, LatentWalk.Mode mode, long seed) {
        StyleGanGenerator s = of(g, "interpolate --space w");
        try (PointerScope scope = new PointerScope(); NoGradGuard guard = new NoGradGuard()) {
            float[] endpoints = Tensors.toFloats(styles(s, g.noise(2 * rows, seed), 2 * rows));
            float[] path = LatentWalk.grid(endpoints, rows, s.styleDim(), steps, mode);
            Tensor w = s.truncate(Tensors.fromFloats(path, (long) rows * steps, s.styleDim()), s.truncation());
            return new Tiles(synthesise(s, s.broadcast(w), seed), rows * steps, steps);
        }
    }

    /** w = mapping(z) of {@code n} z given as floats: n × d. */
    private static Tensor styles(StyleGanGenerator s, float[] z, int n) {
        return s.mapping(Tensors.fromFloats(z, n, s.latentDim()));
    }

    /** The synthesis network on B × N × d styles in eval mode, its noise drawn after seeding with {@code seed}. */
    private static float[] synthesise(StyleGanGenerator s, Tensor ws, long seed) {
        boolean training = s.is_training();
        s.eval();
        try {
            synchronized (Engine.randomness()) {
                Engine.seed(seed);
                return Tensors.toFloats(s.synthesis(ws));
            }
        } finally {
            s.train(training);
        }
    }
}
