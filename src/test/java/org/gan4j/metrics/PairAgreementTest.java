package org.gan4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.data.DomainTransform;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Tensors;
import org.gan4j.metrics.PairAgreement.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PairAgreementTest {
    private static final DomainTransform NEGATIVE = DomainTransform.named("negative");

    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    private static Tensor images(float[] values, long... shape) {
        return Tensors.fromFloats(values, shape);
    }

    @Test
    void aPerfectlyCoupledPairAgreesEverywhere() {
        try (PointerScope scope = new PointerScope()) {
            Engine.seed(1);
            Tensor a = torch.rand(3, 1, 5, 5).mul(new org.bytedeco.pytorch.Scalar(2.0)).sub(new org.bytedeco.pytorch.Scalar(1.0));
            assertEquals(new Result(0.0, 1.0, 3), PairAgreement.measure(a, a.neg(), NEGATIVE, 0.1));
            assertEquals(new Result(0.0, 1.0, 3), PairAgreement.measure(a, a.neg(), NEGATIVE, 0.0));
            assertEquals(new Result(0.0, 1.0, 3), PairAgreement.measure(a, a.rot90(1, 2, 3), DomainTransform.named("rotate90")));
        }
    }

    /**
     * T(a) = 0 on [−1, 1], b at known offsets: the [0, 1] errors are |b| / 2 =
     * {0, 1/16, 1/8, 1/4, 1/4, 1/2, 1/2, 3/16}, whose mean is 1.875 / 8 = 0.234375.
     */
    @Test
    void knownOffsetsGiveTheirMeanAndTheShareWithinTolerance() {
        try (PointerScope scope = new PointerScope()) {
            Tensor a = images(new float[8], 2, 1, 2, 2);
            Tensor b = images(new float[] {0f, 0.125f, 0.25f, 0.5f, -0.5f, 1f, -1f, 0.375f}, 2, 1, 2, 2);
            assertEquals(new Result(0.234375, 2.0 / 8, 2), PairAgreement.measure(a, b, NEGATIVE, 0.1));
            assertEquals(new Result(0.234375, 2.0 / 8, 2), PairAgreement.measure(a, b, NEGATIVE));
            assertEquals(3.0 / 8, PairAgreement.measure(a, b, NEGATIVE, 0.125).withinTolerance(), 0.0, "inclusive");
            assertEquals(1.0 / 8, PairAgreement.measure(a, b, NEGATIVE, 0.0).withinTolerance(), 0.0);
            assertEquals(1.0, PairAgreement.measure(a, b, NEGATIVE, 0.5).withinTolerance(), 0.0);
        }
    }

    /** The transform is applied to a, not b: an unrotated copy disagrees where the quarter turn moves the lit pixel. */
    @Test
    void theTransformIsAppliedToTheFirstDomain() {
        try (PointerScope scope = new PointerScope()) {
            Tensor a = images(new float[] {1f, -1f, -1f, -1f}, 1, 1, 2, 2);      // [[1, 0], [0, 0]] on [0, 1]
            // rot90 gives [[0, 0], [1, 0]]: pixels 0 and 2 differ by 1 on [0, 1]
            assertEquals(new Result(0.5, 0.5, 1), PairAgreement.measure(a, a, DomainTransform.named("rotate90"), 0.1));
            Tensor flat = images(new float[] {0.2f, 0.2f, 0.2f, 0.2f}, 1, 1, 2, 2);
            Tensor black = images(new float[] {-1f, -1f, -1f, -1f}, 1, 1, 2, 2);
            assertEquals(new Result(0.0, 1.0, 1), PairAgreement.measure(flat, black, DomainTransform.named("edges"), 0.1));
        }
    }

    @Test
    void aNanPixelMakesTheMeanNanAndNeverAgrees() {
        try (PointerScope scope = new PointerScope()) {
            Tensor a = images(new float[4], 1, 1, 2, 2);
            Tensor b = images(new float[] {0f, 0f, 0f, Float.NaN}, 1, 1, 2, 2);
            Result r = PairAgreement.measure(a, b, NEGATIVE, 0.1);
            assertTrue(Double.isNaN(r.meanAbsoluteError()));
            assertEquals(0.75, r.withinTolerance(), 0.0);
        }
    }

    @Test
    void refusesMismatchedPairsAndBadTolerances() {
        try (PointerScope scope = new PointerScope()) {
            Tensor a = images(new float[4], 1, 1, 2, 2);
            assertThrows(IllegalArgumentException.class, () -> PairAgreement.measure(a, images(new float[8], 2, 1, 2, 2), NEGATIVE, 0.1));
            assertThrows(IllegalArgumentException.class, () -> PairAgreement.measure(a, a, NEGATIVE, -0.1));
            assertThrows(IllegalArgumentException.class, () -> PairAgreement.measure(a, a, NEGATIVE, Double.NaN));
            assertThrows(IllegalArgumentException.class, () -> PairAgreement.measure(images(new float[4], 4, 1), a, NEGATIVE, 0.1));
        }
    }
}
