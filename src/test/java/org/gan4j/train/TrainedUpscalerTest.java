package org.gan4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.BadInputException;
import org.gan4j.data.LowResolution;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Tensors;
import org.gan4j.train.TrainedUpscaler.Method;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainedUpscalerTest {
    @TempDir
    static Path tmp;
    static Path data;

    @BeforeAll
    static void fixtures() throws Exception {
        Engine.init(1);
        data = SrRuns.imageFolder(tmp.resolve("images"), 16);
    }

    @Test
    void aFinishedRunGivesBothNetworksAsTrained() {
        var config = SrRuns.config(tmp.resolve("finished"), data, 6, 3);
        float[] g;
        float[] s;
        try (Trainer t = Trainer.start(config, SrRuns.open(config))) {
            t.train(TrainingListener.NONE);
            g = TrainerTest.weights(t.game().modules().get("generator"));
            s = TrainerTest.weights(t.game().modules().get("srresnet"));
        }
        TrainedUpscaler u = TrainedUpscaler.load(tmp.resolve("finished"));
        assertEquals(tmp.resolve("finished").resolve("generator.pt"), u.weights());
        assertEquals(2, u.scale());
        assertEquals(6, u.trainedSteps());
        assertEquals(3, u.adversarialSteps());
        assertEquals("1x14x14", u.lowResolutionShape().toString());
        assertArrayEquals(g, TrainerTest.weights(u.network(Method.SRGAN)), 0f);
        assertArrayEquals(s, TrainerTest.weights(u.network(Method.SRRESNET)), 0f);
        assertFalse(java.util.Arrays.equals(g, s), "three adversarial steps moved G away from SRResNet");

        try (PointerScope scope = new PointerScope()) {
            float[] x = new float[2 * 14 * 10];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) Math.sin(i * 0.7);
            }
            Tensor lr = Tensors.fromFloats(x, 2, 1, 14, 10);   // any size, not only the data's 14×14
            for (Method m : Method.values()) {
                Tensor y = u.upscale(m, lr);
                assertArrayEquals(new long[] {2, 1, 28, 20}, y.sizes().vec().get(), m.key());
                assertTrue(y.abs().max().item_double() <= 1.0, m.key());
            }
            assertArrayEquals(Tensors.toFloats(LowResolution.upscaleBicubic(lr, 2)), Tensors.toFloats(u.upscale(Method.BICUBIC, lr)), 0f);
            var e = assertThrows(BadInputException.class, () -> u.upscale(Method.SRGAN, Tensors.fromFloats(new float[3 * 49], 1, 3, 7, 7)));
            assertTrue(e.getMessage().contains("3 channels (RGB)") && e.getMessage().contains("1 channel (grayscale)"), e.getMessage());
        }
        byte[] bytes = u.upscale(Method.SRGAN, new byte[3 * 7 * 9], 3, 7, 9);
        assertEquals(3 * 14 * 18, bytes.length);
    }

    /** Killed during pre-training: last.pt's srresnet is G as it is, and SRGAN has no adversarial step yet. */
    @Test
    void aRunStoppedInPretrainingHasSrResNetEqualToG() {
        Path out = tmp.resolve("stopped");
        var config = SrRuns.config(out, data, 12, 8);
        try (Trainer t = Trainer.start(config, SrRuns.open(config))) {
            assertThrows(Stop.class, () -> t.train(new TrainingListener() {
                @Override
                public void onMessage(String line) {
                    if (line.startsWith("checkpoint at step 4 ")) {
                        throw new Stop();
                    }
                }
            }));
        }
        assertFalse(Files.exists(out.resolve("generator.pt")));
        TrainedUpscaler u = TrainedUpscaler.load(out);
        assertEquals(out.resolve("checkpoints").resolve("last.pt"), u.weights());
        assertEquals(4, u.trainedSteps());
        assertEquals(0, u.adversarialSteps());
        assertArrayEquals(TrainerTest.weights(u.network(Method.SRGAN)), TrainerTest.weights(u.network(Method.SRRESNET)), 0f);
    }

    static final class Stop extends RuntimeException {
    }

    @Test
    void otherRunsAreRefusedInOneLine() {
        Path mlp = tmp.resolve("mlp");
        try (Trainer t = Trainer.start(TrainerTest.mlpOnRing(mlp, 2), TrainerTest.ring8())) {
            t.train(TrainingListener.NONE);
        }
        var e = assertThrows(BadInputException.class, () -> TrainedUpscaler.load(mlp));
        assertEquals("run " + mlp + " is a mlp run; upscale and eval-sr need --model srgan", e.getMessage());
        assertTrue(assertThrows(BadInputException.class, () -> TrainedUpscaler.load(tmp.resolve("nothing"))).getMessage()
                .contains("does not exist"));
        assertThrows(BadInputException.class, () -> Method.named("nearest"));
        assertEquals(Method.SRRESNET, Method.named("SRResNet"));
    }
}
