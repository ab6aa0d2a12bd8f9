package org.gan4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Tensors;
import org.gan4j.nn.Conditioning;
import org.gan4j.nn.LatentCodes;
import org.gan4j.data.SampleShape;
import org.gan4j.nn.Architectures;
import org.gan4j.nn.Discriminator;
import org.gan4j.nn.NetworkSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TermsTest {
    @BeforeAll
    static void load() {
        Engine.ensureLoaded();
    }

    private static List<String> names(Terms.Settings s) {
        return Terms.of(s).stream().map(Term::name).toList();
    }

    @Test
    void aRunGetsTheTermsItsSettingsCallForInRegistryOrder() {
        assertEquals(List.of(), names(new Terms.Settings(Losses.get("ns"), 0, 1, null, LatentCodes.NONE, 0)));
        assertEquals(List.of("gradient-penalty", "r1", "acgan-ce"),
                names(new Terms.Settings(Losses.get("wgan-gp"), 10, 1, Conditioning.ACGAN, null, 0)));
        assertEquals(List.of("r1", "info-mi"), names(new Terms.Settings(Losses.get("hinge"), 1, 16, Conditioning.CONCAT,
                new LatentCodes(10, 2), 1)));
        assertEquals(Terms.names().subList(0, 4), List.of("gradient-penalty", "r1", "acgan-ce", "info-mi"));
    }

    /** Lazy R1 every k steps is R1 with γ·k, so its weight per step is unchanged on average. */
    @Test
    void lazyR1IsScaledByItsInterval() {
        Term every = Terms.of(new Terms.Settings(Losses.get("ns"), 2, 1, null, null, 0)).get(0);
        Term lazy = Terms.of(new Terms.Settings(Losses.get("ns"), 2, 16, null, null, 0)).get(0);
        assertEquals(1, every.every());
        assertEquals(16, lazy.every());
        try (PointerScope scope = new PointerScope()) {
            Engine.seed(1);
            Discriminator d = Architectures.get("mlp").discriminator(new NetworkSpec(SampleShape.vector(2), 4, 8));
            Tensor real = Tensors.fromFloats(new float[] {1, 2, 3, 4}, 2, 2);
            var judged = new Term.Judgement(0, d, real, null, null, null, null, null);
            double r1 = every.discriminator(judged).item_double();
            assertEquals(GradientPenalties.r1(d, real, 2).item_double(), r1, 1e-9);
            assertTrue(r1 > 0);
            assertEquals(16 * r1, lazy.discriminator(judged).item_double(), 1e-6 * r1 * 16);
            assertNull(lazy.generator(judged), "R1 is D's alone");
        }
    }
}
