package org.gan4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Tensors;
import org.gan4j.nn.Discriminator;
import org.gan4j.nn.LatentCodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ProGAN's drift term ε·E[D(x)²]: registered after the others, on D's real outputs only, off at ε = 0. */
class DriftTermTest {
    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    @Test
    void driftIsEpsilonTimesTheMeanSquareOfTheRealOutputs() {
        assertEquals(List.of(), Terms.of(new Terms.Settings(Losses.get("wgan"), 0, 1, null, LatentCodes.NONE, 0, 0)));
        List<Term> terms = Terms.of(new Terms.Settings(Losses.get("wgan-gp"), 0, 1, null, LatentCodes.NONE, 0, 0.001));
        assertEquals(List.of("gradient-penalty", "drift"), terms.stream().map(Term::name).toList());
        Term drift = terms.get(1);
        try (PointerScope scope = new PointerScope()) {
            Tensor real = Tensors.fromFloats(new float[] {1, -2, 3, 0}, 4, 1);
            Tensor fake = Tensors.fromFloats(new float[] {5, 5, 5, 5}, 4, 1);
            var judged = new Term.Judgement(0, null, null, null, new Discriminator.Output(real, null),
                    new Discriminator.Output(fake, null), null, null);
            assertEquals(0.001 * (1 + 4 + 9 + 0) / 4.0, drift.discriminator(judged).item_double(), 1e-9);
            assertNull(drift.generator(judged), "G's loss has no drift");
        }
    }
}
