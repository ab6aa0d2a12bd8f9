package org.gan4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EngineTest {
    @AfterEach
    void restore() {
        Engine.init(1);
    }

    /** The thread count is set explicitly: some builds default to 1, and results repeat only at a fixed count. */
    @Test
    void initSetsLibtorchsIntraOpThreads() {
        assertEquals(2, Engine.init(2));
        assertEquals(2, torch.get_num_threads());
        assertEquals(1, Engine.init(1));
        assertEquals(1, torch.get_num_threads());
        assertEquals(Runtime.getRuntime().availableProcessors(), Engine.init(0), "0 means all cores");
    }

    @Test
    void reportsItsVersions() {
        assertEquals("2.10.0", Engine.libtorchVersion());
        org.junit.jupiter.api.Assertions.assertTrue(Engine.parallelInfo().contains("OpenMP"));
    }
}
