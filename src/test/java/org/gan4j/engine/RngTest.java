package org.gan4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RngTest {
    @BeforeAll
    static void load() {
        Engine.ensureLoaded();
    }

    /** What makes runs saved before per-run generators resume bit-identically. */
    @Test
    void aRunsGeneratorDrawsWhatTheGlobalOneDrawsAfterTheSameSeed() {
        try (PointerScope scope = new PointerScope(); Rng rng = Rng.seeded(1)) {
            float[] global;
            float[] globalInts;
            synchronized (Engine.randomness()) {
                Engine.seed(12345);
                global = Tensors.toFloats(torch.randn(3, 4));
                globalInts = Tensors.toFloats(torch.randint(10, new long[] {6}, new org.bytedeco.pytorch.TensorOptions(torch.ScalarType.Long)).to(torch.ScalarType.Float));
            }
            rng.reseed(12345);
            assertArrayEquals(global, Tensors.toFloats(rng.randn(3, 4)), 0f);
            assertArrayEquals(globalInts, Tensors.toFloats(rng.randint(10, 6).to(torch.ScalarType.Float)), 0f);
        }
    }

    @Test
    void runsDrawIndependentlyAndTheActiveOneIsCurrentOnlyOnItsThread() throws Exception {
        try (PointerScope scope = new PointerScope(); Rng a = Rng.seeded(7); Rng b = Rng.seeded(7)) {
            float[] first = Tensors.toFloats(a.rand(5));
            b.rand(100);                                    // b's draws do not move a
            float[] second = Tensors.toFloats(a.rand(5));
            a.reseed(7);
            a.rand(5);
            assertArrayEquals(second, Tensors.toFloats(a.rand(5)), 0f);
            assertFalse(Arrays.equals(first, second));
            Rng before = Rng.current();
            try (Rng.Scope s = a.activate()) {
                assertSame(a, Rng.current());
                Rng[] seenElsewhere = new Rng[1];
                Thread t = new Thread(() -> seenElsewhere[0] = Rng.current());
                t.start();
                t.join();
                assertSame(before, seenElsewhere[0], "another thread keeps its own current generator");
            }
            assertSame(before, Rng.current());
        }
    }
}
