package org.gan4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Path;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.gan4j.config.ConfigFiles;
import org.gan4j.config.TrainConfig;
import org.gan4j.data.Dataset;
import org.gan4j.engine.Engine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two trainers in one JVM: each step draws from its run's own generator ({@link org.gan4j.engine.Rng}),
 * so concurrent runs neither wait for each other's steps nor disturb each other's draws; each run gets
 * exactly what it gets alone.
 */
class ConcurrentTrainersTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    /** The toy run: MLP on ring8, with instance noise (a draw inside every D and G step). */
    private static TrainConfig toy(Path out) {
        return ConfigFiles.merge(TrainerTest.mlpOnRing(out, 80), TrainConfig.builder().instanceNoise(0.1).build());
    }

    /** The other run: a conditional MLP on 28×28 images with a weight average, a different seed and batch. */
    private static TrainConfig images(Path out) {
        return ConditionalTrainingTest.tiny(out, 40).conditional(true).conditioning("concat").emaDecay(0.9).seed(11).build();
    }

    private record Run(TrainConfig config, Dataset data) {
    }

    /** Trains {@code run} to its end and returns its final G and D weights (and the average's, when kept). */
    private static float[] train(Run run, CyclicBarrier start) throws Exception {
        if (start != null) {
            start.await(60, TimeUnit.SECONDS);   // both threads enter their loops together
        }
        try (Trainer t = Trainer.start(run.config(), run.data())) {
            t.train(TrainingListener.NONE);
            return t.averagedGenerator() == null ? TrainerTest.weights(t.generator(), t.discriminator())
                    : TrainerTest.weights(t.generator(), t.averagedGenerator(), t.discriminator());
        }
    }

    @Test
    void twoRunsTrainedAtOnceGiveTheWeightsEachGivesAlone() throws Exception {
        Run a = new Run(toy(tmp.resolve("a-alone")), TrainerTest.ring8());
        Run b = new Run(images(tmp.resolve("b-alone")), ConditionalTrainingTest.labelled());
        float[] aAlone = train(a, null);
        float[] bAlone = train(b, null);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 2; round++) {
                CyclicBarrier start = new CyclicBarrier(2);
                Run a2 = new Run(toy(tmp.resolve("a-" + round)), a.data());
                Run b2 = new Run(images(tmp.resolve("b-" + round)), b.data());
                Future<float[]> fa = pool.submit(() -> train(a2, start));
                Future<float[]> fb = pool.submit(() -> train(b2, start));
                assertArrayEquals(aAlone, fa.get(120, TimeUnit.SECONDS), 0f, "round " + round + ": the toy run, bit for bit");
                assertArrayEquals(bAlone, fb.get(120, TimeUnit.SECONDS), 0f, "round " + round + ": the image run, bit for bit");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
