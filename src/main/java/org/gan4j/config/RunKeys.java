package org.gan4j.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.gan4j.BadInputException;

/**
 * The keys of the run itself: its length, randomness, where it computes, where it writes and how
 * often.
 *
 * @param steps           training iterations (k D steps + one G step each). Default 3000, unless {@code epochs} is set.
 * @param epochs          alternatively, passes over the data (each D step takes one batch).
 * @param seed            seed of every random choice: init, noise, data order. Default 42.
 * @param device          {@code cpu}, {@code cuda} or {@code cuda:N}. Default {@code cpu}.
 * @param threads         CPU cores to compute on; 0 = all cores. They go to libtorch's intra-op pool, or to
 *                        OpenBLAS's for the MLP ({@link org.gan4j.engine.Parallelism}). Default 0.
 * @param out             run directory. Default {@code runs/<model>-<dataset>}.
 * @param logEvery        steps between rows flushed to {@code metrics.csv} and progress lines. Default 50.
 * @param sampleEvery     steps between sample grids of the fixed noise batch. Default 250.
 * @param checkpointEvery steps between checkpoints. Default 500.
 * @param evalEvery       steps between evaluations of FID/KID (with the dataset's feature network, against its test
 *                        split) logged in {@code metrics.csv}; the best generator by FID is kept in
 *                        {@code checkpoints/best.pt}. 0 = off. Default 0.
 * @param evalSamples     generated and real samples per evaluation during training. Default 2000.
 * @param tensorboard     directory of a TensorBoard event file the run also writes: every step's scalars, the
 *                        sample pictures and histograms of D's outputs on real and fake at the log cadence
 *                        ({@code tensorboard --logdir DIR}); a resumed run adds a new file. Unset = off (the default).
 * @param maxMinutes      wall-clock limit of one invocation in minutes: the step that starts after it is the run's
 *                        last for now (checkpoint, samples and generator.pt as at the end), and {@code --resume}
 *                        continues it towards {@code steps}. For same-budget comparisons and shared machines. 0 = none
 *                        (the default).
 * @param evalFeatures    the feature network of {@code eval-every}: {@code inception} (pytorch-fid's Inception-v3,
 *                        columns {@code fid}, {@code kid}), or a shipped classifier ({@code fmnist}, {@code mnist}).
 *                        Default: the dataset's classifier.
 * @param inception       pytorch-fid's weights file for {@code eval-features: inception}; unset = the copy in
 *                        {@code ~/.gan4j/weights}, downloaded once.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunKeys(Long steps, Integer epochs, Long seed, String device, Integer threads, String out, Integer logEvery,
                      Integer sampleEvery, Integer checkpointEvery, Integer evalEvery, Integer evalSamples,
                      String tensorboard, Double maxMinutes, String evalFeatures, String inception) {
    public static final long DEFAULT_STEPS = 3000;

    /** @param defaultOut the run directory when {@code out} is unset */
    RunKeys resolve(String defaultOut) {
        if (steps != null && epochs != null) {
            throw new BadInputException("set either 'steps' or 'epochs', not both");
        }
        RunKeys r = new RunKeys(epochs == null ? Checks.or(steps, DEFAULT_STEPS) : null, epochs, Checks.or(seed, 42L),
                Checks.or(device, "cpu"), Checks.or(threads, 0), Checks.or(out, defaultOut), Checks.or(logEvery, 50),
                Checks.or(sampleEvery, 250), Checks.or(checkpointEvery, 500), Checks.or(evalEvery, 0), Checks.or(evalSamples, 2000),
                tensorboard, Checks.or(maxMinutes, 0.0), evalFeatures, inception);
        r.check();
        return r;
    }

    private void check() {
        Checks.positive("steps", steps);
        Checks.positive("epochs", epochs);
        Checks.positive("log-every", logEvery);
        Checks.positive("sample-every", sampleEvery);
        Checks.positive("checkpoint-every", checkpointEvery);
        if (evalEvery < 0) {
            throw Checks.invalid("eval-every", evalEvery, "must be 0 (off) or positive");
        }
        if (evalSamples < 2) {
            throw Checks.invalid("eval-samples", evalSamples, "must be at least 2");
        }
        if (tensorboard != null && tensorboard.isBlank()) {
            throw Checks.invalid("tensorboard", "\"" + tensorboard + "\"", "must name a directory (leave it unset for none)");
        }
        Checks.nonNegative("max-minutes", maxMinutes, "must be 0 (no limit) or positive");
        if (threads < 0) {
            throw Checks.invalid("threads", threads, "0 means all cores");
        }
    }
}
