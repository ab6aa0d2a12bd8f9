package org.gan4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Module;

/**
 * One family's game: its players and the step that trains them. The {@link Trainer} runs the loop,
 * the data, the events and the checkpoints; a game owns its networks, its optimisers and what a
 * step does. Registered by name in {@link Games}.
 *
 * <p>Contract of {@link #play}: it reads batches from the context, updates its players and returns
 * what it measured under the names of {@link #scalars()}; libtorch's generator is seeded for the step
 * before it is called, so a game that draws all its randomness from it resumes bit-identically.
 */
public interface Game extends AutoCloseable {
    /** The dataset the game's steps read (by default the run's; CoGAN's is its two domains stacked). */
    org.gan4j.data.Dataset trainingData();

    /** The names {@link #play} reports, in order: the columns of metrics.csv after {@code step}. */
    List<String> scalars();

    /** One training iteration. */
    StepScalars play(StepContext context);

    /** The players, each with its network and optimiser. */
    List<Player> players();

    /** Every module a checkpoint keeps, by name: the players' networks and any others (G's weight average). */
    Map<String, Module> modules();

    /** Writes what the run produces ({@code generator.pt}) atomically. */
    void saveProduct(java.nio.file.Path file);

    /** The product and its prior, for evaluation during training; null when the product is not sampled from noise. */
    org.gan4j.nn.Sampler sampler();

    /** The picture of the run's progress at this moment (the fixed-noise grid, SR pairs, coupled pairs). */
    Sheet sheet();

    /**
     * Values of the last step whose {@link StepContext#distributions()} was set, by name, for histograms (the
     * adversarial game's {@code real_outputs} and {@code fake_outputs}: D's raw outputs on the real and fake
     * batch of its last D step); empty for a game that keeps none, or before such a step. Steps without the
     * flag copy nothing, so the default path does no extra work.
     */
    default Map<String, float[]> distributions() {
        return Map.of();
    }

    /** Game-specific state a checkpoint must keep besides modules and optimisers (e.g. a growth phase); null for none. */
    default JsonNode state() {
        return null;
    }

    /** Restores what {@link #state()} returned; called after the modules and optimisers are loaded. */
    default void restore(JsonNode state) {
    }

    /** Frees the networks, the optimisers and every tensor the game keeps for the run; idempotent. */
    @Override
    void close();

    /**
     * Samples for a picture, in the network's output range.
     *
     * @param samples count × shape.features() floats
     * @param columns tiles per row, 0 = square
     */
    record Sheet(float[] samples, int count, org.gan4j.data.SampleShape shape, float low, float high, int columns) {
    }
}
