package org.gan4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.Arrays;
import org.gan4j.config.TrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unrolled generator step (Metz et al. 2017) and the other remedies inside the adversarial game. */
class UnrolledGanTest {
    @TempDir
    Path tmp;

    /** One WGAN step (RMSprop, clipping, 5 critic steps) on ring8. */
    private static TrainConfig.Builder wgan(Path out) {
        return TrainConfig.builder().model("mlp").dataset("ring8").steps(1).batch(32).loss("wgan").seed(11).threads(1)
                .out(out.toString()).noise("normal").latentDim(4).width(32).logEvery(100).sampleEvery(100).checkpointEvery(100);
    }

    private static TrainConfig.Builder ring(Path out, long steps) {
        return TrainConfig.builder().model("mlp").dataset("ring8").steps(steps).batch(32).lrG(1e-3).lrD(1e-3)
                .beta1(0.5).seed(11).threads(1).out(out.toString()).noise("normal").latentDim(4).width(32)
                .logEvery(100).sampleEvery(100).checkpointEvery(100);
    }

    private record Weights(float[] g, float[] d) {
    }

    private static Weights train(TrainConfig c) {
        try (Trainer t = Trainer.start(c, TrainerTest.ring8())) {
            t.train(TrainingListener.NONE);
            return new Weights(TrainerTest.weights(t.generator()), TrainerTest.weights(t.discriminator()));
        }
    }

    /** unroll 0 given explicitly is the plain game, bit for bit over several steps. */
    @Test
    void unrollZeroIsThePlainStep() {
        Weights plain = train(ring(tmp.resolve("plain"), 4).build());
        Weights zero = train(ring(tmp.resolve("zero"), 4).unroll(0).build());
        assertArrayEquals(plain.g(), zero.g(), 0f);
        assertArrayEquals(plain.d(), zero.d(), 0f);
    }

    /**
     * One step with 3 look-ahead D steps: D ends exactly where the plain step leaves it (its own update only; the
     * look-ahead weights and Adam moments are put back), while G, which looked through D_3, moved elsewhere.
     */
    @Test
    void theLookAheadStepsAreUndoneAndChangeOnlyGsStep() {
        Weights plain = train(ring(tmp.resolve("plain"), 1).build());
        Weights unrolled = train(ring(tmp.resolve("unrolled"), 1).unroll(3).build());
        assertArrayEquals(plain.d(), unrolled.d(), 0f, "the real D is untouched by the look-ahead");
        assertFalse(Arrays.equals(plain.g(), unrolled.g()), "G's step goes through the unrolled D");
        // Snapshots and restores draw nothing and depend on nothing outside the run: two unrolled runs agree bit for bit.
        Weights again = train(ring(tmp.resolve("again"), 2).unroll(3).build());
        Weights twice = train(ring(tmp.resolve("twice"), 2).unroll(3).build());
        assertArrayEquals(again.g(), twice.g(), 0f);
        assertArrayEquals(again.d(), twice.d(), 0f);
    }

    /** With RMSprop (WGAN's optimiser, weight clipping included) the look-ahead steps are undone just as well. */
    @Test
    void theLookAheadStepsAreUndoneWithRmspropToo() {
        Weights plain = train(wgan(tmp.resolve("plain-rms")).build());
        Weights unrolled = train(wgan(tmp.resolve("unrolled-rms")).unroll(2).build());
        assertArrayEquals(plain.d(), unrolled.d(), 0f, "the real D is untouched by the look-ahead");
        assertFalse(Arrays.equals(plain.g(), unrolled.g()), "G's step goes through the unrolled D");
    }

    /** Packing, the std feature and unrolling together train the PacGAN networks and land in config.json. */
    @Test
    void theRemediesTrainTogetherAndAreRecorded() {
        Path out = tmp.resolve("all");
        TrainConfig c = TrainConfig.builder().model("pacgan-mlp").dataset("grid25").steps(3).batch(20).threads(1)
                .out(out.toString()).pack(4).minibatchStd(true).unroll(2).logEvery(100).sampleEvery(100).checkpointEvery(100).build();
        try (Trainer t = Trainer.start(c, org.gan4j.data.SyntheticDatasets.open(org.gan4j.data.DatasetRequest.of("grid25")))) {
            t.train(TrainingListener.NONE);
        }
        TrainConfig saved = new RunDirectory(out).readConfig();
        assertEquals(4, saved.modeCollapse().packSize());
        assertEquals(true, saved.modeCollapse().minibatchStdOn());
        assertEquals(2, saved.modeCollapse().unrollSteps());
        assertEquals(1e-4, saved.optimiser().lrG(), 0);
        assertEquals(0.8, saved.optimiser().beta1(), 0);
        assertEquals(2, saved.networks().latentDim());
    }
}
