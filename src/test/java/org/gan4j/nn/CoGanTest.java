package org.gan4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.gan4j.BadInputException;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Tensors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CoGanTest {
    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    @Test
    void unknownFamilyNamesTheKnownOnes() {
        assertEquals(List.of("mlp", "dcgan"), CoGan.families());
        BadInputException e = assertThrows(BadInputException.class, () -> CoGan.create("infogan", 8, 1, 4));
        assertEquals("unknown CoGAN family 'infogan': choose one of mlp, dcgan", e.getMessage());
    }

    @Test
    void dcganRefusesChannelsItCannotBuildFor() {
        BadInputException e = assertThrows(BadInputException.class, () -> CoGan.create("dcgan", 8, 2, 4));
        assertTrue(e.getMessage().contains("1- or 3-channel"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CoGan.create("mlp", 0, 1, 4));
    }

    @Test
    void familiesCarryTheirSingleNetworksDefaults() {
        try (PointerScope scope = new PointerScope()) {
            CoGan dcgan = CoGan.create("dcgan", 8, 1, 4);
            assertEquals("dcgan", dcgan.family());
            assertEquals(Architectures.get("dcgan").defaults(), dcgan.defaults());
            assertEquals(Architectures.get("mlp").defaults(), CoGan.create("mlp", 8, 1, 4).defaults());
        }
    }

    /** Same seed, same weights; the families' initialisations as in the single networks (DCGAN: N(0, 0.02), BN scale ~ N(1, 0.02)). */
    @Test
    void initialisationIsSeededAndFollowsTheFamily() {
        try (PointerScope scope = new PointerScope()) {
            Engine.seed(7);
            float[] first = CoupledGeneratorsTest.flat(CoGan.create("dcgan", 8, 1, 4).generators().parameters());
            Engine.seed(7);
            CoGan again = CoGan.create("dcgan", 8, 1, 4);
            org.junit.jupiter.api.Assertions.assertArrayEquals(first, CoupledGeneratorsTest.flat(again.generators().parameters()), 0f);
            var named = again.discriminators().named_parameters();
            for (long i = 0; i < named.size(); i++) {
                String name = named.get(i).key().getString();
                float[] v = Tensors.toFloats(named.get(i).access());
                double mean = 0;
                for (float f : v) {
                    mean += f;
                }
                mean /= v.length;
                if (name.endsWith("bias")) {
                    assertEquals(0.0, mean, 0.0, name);
                } else if (named.get(i).access().dim() >= 2) {
                    assertEquals(0.0, mean, 0.02, name);
                }
            }
        }
    }
}
