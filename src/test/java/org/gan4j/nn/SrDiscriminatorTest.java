package org.gan4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.BadInputException;
import org.gan4j.engine.ComputeDevice;
import org.gan4j.engine.Engine;
import org.gan4j.loss.Losses;
import org.gan4j.loss.Targets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SrDiscriminatorTest {
    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    @ParameterizedTest(name = "{0} channels, {1}x{2}")
    @CsvSource({"1,16,16", "1,28,28", "3,24,40", "3,96,96"})
    void anyImageSizeFromSixteenGivesOneLogitPerImage(int c, int h, int w) {
        try (PointerScope scope = new PointerScope()) {
            SrDiscriminator d = SrDiscriminator.create(c, 4, 32);
            assertArrayEquals(new long[] {3, 1}, d.forward(torch.rand(3, c, h, w)).sizes().vec().get());
        }
    }

    /**
     * Parameters: conv3 C → w with bias; seven bias-free conv3 with BN (channels w, 2w, 2w, 4w, 4w, 8w, 8w);
     * Linear 8w → hidden, Linear hidden → 1.
     */
    @Test
    void parameterCountMatchesThePaperStack() {
        long c = 3;
        long w = 4;
        long hidden = 32;
        long[] outs = {w, 2 * w, 2 * w, 4 * w, 4 * w, 8 * w, 8 * w};
        long expected = c * 9 * w + w;
        long in = w;
        for (long out : outs) {
            expected += in * 9 * out + 2 * out;
            in = out;
        }
        expected += 8 * w * hidden + hidden + hidden + 1;
        assertEquals(expected, SrDiscriminator.create((int) c, (int) w, (int) hidden).parameterCount());
        assertEquals(SrDiscriminator.PAPER_HIDDEN, SrDiscriminator.create(1, 2).hidden());
    }

    /** Its logits feed the registered adversarial losses as they are, and gradients reach the input (for G's step). */
    @Test
    void existingLossesApplyAndGradientsReachTheImages() {
        try (PointerScope scope = new PointerScope(); Targets targets = new Targets(4, 1.0, ComputeDevice.CPU)) {
            SrDiscriminator d = SrDiscriminator.create(1, 4, 16);
            Tensor real = torch.rand(4, 1, 16, 16);
            Tensor fake = torch.rand(4, 1, 16, 16).requires_grad_(true);
            double dLoss = Losses.get("ns").discriminatorLoss(d.forward(real), d.forward(fake.detach()), targets).item_double();
            assertTrue(Double.isFinite(dLoss) && dLoss > 0);
            Tensor gLoss = Losses.get("ns").generatorLoss(d.forward(fake), targets);
            gLoss.backward();
            assertTrue(fake.grad().abs().sum().item_double() > 0, "gradient on the fake images");
        }
    }

    @Test
    void spectralNormCoversEveryConvolutionAndBothLinearLayers() {
        try (PointerScope scope = new PointerScope()) {
            SrDiscriminator d = SrDiscriminator.create(1, 4, 16);
            d.applySpectralNorm();
            assertTrue(d.spectrallyNormalised());
            assertEquals(8 + 2, d.spectralNorms().size());
            assertArrayEquals(new long[] {2, 1}, d.forward(torch.rand(2, 1, 16, 16)).sizes().vec().get());
            assertThrows(IllegalStateException.class, d::applySpectralNorm);
        }
    }

    @Test
    void nonPositiveSizesAreRefused() {
        assertThrows(BadInputException.class, () -> SrDiscriminator.create(1, 0));
    }
}
