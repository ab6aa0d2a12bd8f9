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
import org.gan4j.data.SampleShape;
import org.gan4j.engine.ComputeDevice;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Optimizers;
import org.gan4j.engine.ParameterOptimizer;
import org.gan4j.engine.Tensors;
import org.gan4j.nn.Architectures;
import org.gan4j.nn.Discriminator;
import org.gan4j.nn.Generator;
import org.gan4j.nn.LatentNoise;
import org.gan4j.nn.NetworkSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    private static final NetworkSpec SPEC = new NetworkSpec(SampleShape.image(1, 28, 28), 16, 8);

    @Test
    void saveThenLoadGivesIdenticalOutputs() {
        Path file = tmp.resolve("c.pt");
        try (PointerScope scope = new PointerScope()) {
            Engine.seed(1);
            Generator g = Architectures.get("dcgan").generator(SPEC);
            Discriminator d = Architectures.get("dcgan").discriminator(SPEC);
            ParameterOptimizer og = Optimizers.create("adam", g.parameters(), 1e-3, 0.5, 0.999);
            ParameterOptimizer od = Optimizers.create("adam", d.parameters(), 1e-3, 0.5, 0.999);
            // one update so that BatchNorm statistics and Adam's moments are not at their initial values
            Tensor z = LatentNoise.NORMAL.sample(4, 16, ComputeDevice.CPU);
            d.forward(g.forward(z)).mean().backward();
            og.step();
            od.step();
            Checkpoint.save(file, g, null, d, og, od, new Checkpoint.State(Checkpoint.FORMAT, 12, 3, 4, "{}"));

            Engine.seed(2);
            Generator g2 = Architectures.get("dcgan").generator(SPEC);
            Discriminator d2 = Architectures.get("dcgan").discriminator(SPEC);
            ParameterOptimizer og2 = Optimizers.create("adam", g2.parameters(), 1e-3, 0.5, 0.999);
            ParameterOptimizer od2 = Optimizers.create("adam", d2.parameters(), 1e-3, 0.5, 0.999);
            g.eval();
            g2.eval();
            float[] before = Tensors.toFloats(g2.forward(z));
            Checkpoint.State state = Checkpoint.load(file, g2, null, d2, og2, od2);
            assertEquals(12, state.step());
            assertEquals(3, state.epoch());
            assertEquals(4, state.batchInEpoch());
            float[] expected = Tensors.toFloats(g.forward(z));
            assertFalse(java.util.Arrays.equals(expected, before), "differently seeded networks differ before loading");
            assertArrayEquals(expected, Tensors.toFloats(g2.forward(z)), 0f);
            d.eval();
            d2.eval();
            Tensor x = g.forward(z);
            assertArrayEquals(Tensors.toFloats(d.forward(x)), Tensors.toFloats(d2.forward(x)), 0f);
        }
    }

    @Test
    void aCorruptCheckpointIsAOneLineBadInput() throws Exception {
        Path file = tmp.resolve("bad.pt");
        Files.writeString(file, "not a checkpoint");
        try (PointerScope scope = new PointerScope()) {
            Generator g = Architectures.get("mlp").generator(SPEC);
            var e = assertThrows(BadInputException.class, () -> Checkpoint.loadGenerator(file, g));
            assertTrue(e.getMessage().startsWith("checkpoint " + file), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line");
        }
        assertThrows(BadInputException.class, () -> Checkpoint.readState(tmp.resolve("missing.pt")));
    }

    @Test
    void aGeneratorOfAnotherShapeIsRefused() {
        Path file = tmp.resolve("g.pt");
        try (PointerScope scope = new PointerScope()) {
            Checkpoint.saveGenerator(file, Architectures.get("mlp").generator(SPEC));
            Generator wider = Architectures.get("mlp").generator(new NetworkSpec(SPEC.shape(), 16, 9));
            assertThrows(BadInputException.class, () -> Checkpoint.loadGenerator(file, wider));
        }
    }
}
