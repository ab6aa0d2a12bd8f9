package org.gan4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.BadInputException;
import org.gan4j.engine.ComputeDevice;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Tensors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Loss values on logits real = [0, 2], fake = [−1, 0.5], worked by hand with softplus(x) = log(1 + eˣ):
 * softplus(0) = 0.693147, softplus(−2) = 0.126928, softplus(−1) = 0.313262, softplus(1) = 1.313262,
 * softplus(0.5) = 0.974077, softplus(−0.5) = 0.474077.
 */
class LossesTest {
    private static final double TOLERANCE = 1e-5;

    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    private static double[] evaluate(String name) {
        try (PointerScope scope = new PointerScope(); Targets targets = new Targets(2, 1.0, ComputeDevice.CPU)) {
            Tensor real = Tensors.fromFloats(new float[] {0f, 2f}, 2, 1);
            Tensor fake = Tensors.fromFloats(new float[] {-1f, 0.5f}, 2, 1);
            AdversarialLoss loss = Losses.get(name);
            return new double[] {
                loss.discriminatorLoss(real, fake, targets).item_double(),
                loss.generatorLoss(fake, targets).item_double()};
        }
    }

    @Test
    void discriminatorLossIsTheSumOfTheTwoMeanCrossEntropies() {
        // BCE(real, 1) = (0.693147 + 0.126928) / 2 = 0.410038; BCE(fake, 0) = (0.313262 + 0.974077) / 2 = 0.643669
        assertEquals(1.053707, evaluate("ns")[0], TOLERANCE);
        assertEquals(1.053707, evaluate("minimax")[0], TOLERANCE);
    }

    @Test
    void nonSaturatingGeneratorMaximisesLogDOfGz() {
        // −mean log σ(fake) = mean softplus(−fake) = (1.313262 + 0.474077) / 2
        assertEquals(0.893670, evaluate("ns")[1], TOLERANCE);
    }

    @Test
    void minimaxGeneratorMinimisesLogOneMinusDOfGz() {
        // mean log(1 − σ(fake)) = −mean softplus(fake) = −(0.313262 + 0.974077) / 2
        assertEquals(-0.643670, evaluate("minimax")[1], TOLERANCE);
    }

    @Test
    void smoothedRealTargetsChangeOnlyTheRealTerm() {
        try (PointerScope scope = new PointerScope(); Targets targets = new Targets(1, 0.9, ComputeDevice.CPU)) {
            Tensor real = Tensors.fromFloats(new float[] {2f}, 1, 1);
            Tensor fake = Tensors.fromFloats(new float[] {0f}, 1, 1);
            // BCE(2, 0.9) = 0.9·softplus(−2) + 0.1·softplus(2) = 0.114235 + 0.212693; BCE(0, 0) = log 2 = 0.693147
            assertEquals(1.020075, Losses.get("ns").discriminatorLoss(real, fake, targets).item_double(), TOLERANCE);
        }
    }

    @Test
    void leastSquaresRegressesRealToOneAndFakeToZero() {
        // ½·mean((r − 1)²) = ½·(1 + 1)/2 = 0.5; ½·mean(f²) = ½·(1 + 0.25)/2 = 0.3125
        assertEquals(0.8125, evaluate("lsgan")[0], TOLERANCE);
        // ½·mean((f − 1)²) = ½·(4 + 0.25)/2
        assertEquals(1.0625, evaluate("lsgan")[1], TOLERANCE);
    }

    @Test
    void hingeIsAMarginOnRawOutputs() {
        // mean relu(1 − r) = (1 + 0)/2 = 0.5; mean relu(1 + f) = (0 + 1.5)/2 = 0.75
        assertEquals(1.25, evaluate("hinge")[0], TOLERANCE);
        // −mean f = −(−1 + 0.5)/2
        assertEquals(0.25, evaluate("hinge")[1], TOLERANCE);
    }

    @Test
    void wassersteinCriticMinimisesFakeMinusRealScores() {
        // mean f − mean r = −0.25 − 1
        for (String name : new String[] {"wgan", "wgan-gp"}) {
            assertEquals(-1.25, evaluate(name)[0], TOLERANCE, name);
            assertEquals(0.25, evaluate(name)[1], TOLERANCE, name);
        }
    }

    @Test
    void onlyTheCrossEntropyLossesReadLogitsAsProbabilities() {
        assertTrue(Losses.get("ns").outputsProbabilityLogits());
        assertTrue(Losses.get("minimax").outputsProbabilityLogits());
        for (String name : new String[] {"lsgan", "hinge", "wgan", "wgan-gp"}) {
            assertFalse(Losses.get(name).outputsProbabilityLogits(), name);
        }
    }

    @Test
    void unknownLossNamesTheChoices() {
        var e = assertThrows(BadInputException.class, () -> Losses.get("wgan-x"));
        assertEquals("unknown loss 'wgan-x': choose one of ns, minimax, lsgan, hinge, wgan, wgan-gp", e.getMessage());
    }
}
