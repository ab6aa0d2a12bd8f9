package org.gan4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.BadInputException;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Optimizers;
import org.gan4j.engine.Tensors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SrResNetTest {
    /** Side of the low-resolution images in the learning test. */
    private static final int SIDE = 6;

    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    @ParameterizedTest(name = "scale {0} on {1} channels, {2}x{3}")
    @CsvSource({"2,1,7,7", "2,3,5,8", "4,1,7,7", "4,3,6,4"})
    void outputIsTheInputSideTimesTheScaleInTanhRange(int scale, int c, int h, int w) {
        try (PointerScope scope = new PointerScope()) {
            Engine.seed(1);
            SrResNet g = SrResNet.create(c, scale, 2, 8);
            Tensor sr = g.forward(torch.rand(3, c, h, w).mul_(new Scalar(2.0)).sub_(new Scalar(1.0)));
            assertArrayEquals(new long[] {3, c, (long) h * scale, (long) w * scale}, sr.sizes().vec().get());
            for (float v : Tensors.toFloats(sr)) {
                assertTrue(v >= -1f && v <= 1f, "tanh output");
            }
            assertEquals(scale, g.scale());
            assertEquals(OutputRange.SYMMETRIC, g.outputRange());
        }
    }

    /**
     * Parameters follow from the figure: head conv9 (C·81·w + w) + PReLU w; per block two bias-free conv3
     * (2·9w²), two BN (2·2w), PReLU w; trunk conv3 + BN (9w² + 2w); per stage conv3 to 4w with bias
     * (36w² + 4w) + PReLU w; tail conv9 (w·81·C + C).
     */
    @Test
    void parameterCountMatchesTheFigure() {
        int c = 3;
        int w = 8;
        int b = 2;
        long expected = (c * 81L * w + w) + w
                + b * (2 * 9L * w * w + 2 * 2L * w + w)
                + (9L * w * w + 2L * w)
                + 2 * (36L * w * w + 4L * w + w)
                + (w * 81L * c + c);
        assertEquals(expected, SrResNet.create(c, 4, b, w).parameterCount());
    }

    /** The parts and their layers live as long as the network (see NetworkLifetimeTest). */
    @Test
    void layersSurviveGarbageCollection() throws Exception {
        SrResNet g = SrResNet.create(1, 4, 2, 4);
        SrDiscriminator d = SrDiscriminator.create(1, 4, 8);
        Tensor lr = torch.rand(2, 1, 4, 4);
        float[] before;
        try (PointerScope scope = new PointerScope()) {
            before = Tensors.toFloats(g.upscale(lr));
        }
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }
        g.train(true);
        d.train(true);
        try (PointerScope scope = new PointerScope()) {
            assertArrayEquals(before, Tensors.toFloats(g.upscale(lr)), 0f);
            d.forward(g.forward(lr));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 8, -2})
    void scalesOtherThanTwoAndFourAreRefusedInOneLine(int scale) {
        BadInputException e = assertThrows(BadInputException.class, () -> SrResNet.create(1, scale, 1, 4));
        assertEquals("--scale " + scale + " is not supported: SRResNet upscales by 2 or 4", e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void aBatchWithTheWrongChannelCountIsRefused() {
        try (PointerScope scope = new PointerScope()) {
            SrResNet g = SrResNet.create(1, 2, 0, 4);
            assertThrows(IllegalArgumentException.class, () -> g.forward(torch.zeros(2, 3, 4, 4)));
        }
    }

    @Test
    void upscaleRunsInEvalModeWithoutAutogradAndRestoresTraining() {
        try (PointerScope scope = new PointerScope()) {
            SrResNet g = SrResNet.create(1, 2, 1, 4);
            g.train(true);
            Tensor sr = g.upscale(torch.zeros(2, 1, 4, 4));
            assertFalse(sr.requires_grad());
            assertTrue(g.is_training());
        }
    }

    /**
     * Learning: each low-resolution 6×6 image is a constant c and its target the same constant at 12×12.
     * After 800 Adam steps on pixel MSE (cosine-decayed rate, as ClassifierTraining), fresh constants
     * c ~ U(−0.8, 0.8) come out, in eval mode on BatchNorm's running statistics, flat and at the right
     * level: every pixel within 0.05 of c (seeds 1–5 and 7 give 0.025–0.037). The untrained network is
     * 0.69 off, so the check can fail. Training batches are stratified, one constant in each of 16
     * equal slices of (−0.8, 0.8): with one number per image, BatchNorm's batch statistics would
     * otherwise swing from batch to batch and hold the loss at a noise floor (300 steps of plain
     * U(−0.8, 0.8) batches left 0.05–0.12).
     */
    @Test
    void learnsToUpscaleConstantImages() {
        final int batch = 16;
        final int steps = 800;
        final double rate = 2e-3;
        try (PointerScope outer = new PointerScope()) {
            Engine.seed(7);
            SrResNet g = SrResNet.create(1, 2, 2, 8);
            Tensor probe = constants(8);
            double before = maxDeviation(g, probe);
            Adam adam = Optimizers.adam(g.parameters(), rate, 0.9, 0.999);
            for (int step = 0; step < steps; step++) {
                try (PointerScope scope = new PointerScope()) {
                    adam.param_groups().get(0).options().set_lr(rate * 0.5 * (1 + Math.cos(Math.PI * step / steps)));
                    Tensor c = stratified(batch);
                    adam.zero_grad();
                    Tensor loss = torch.mse_loss(g.forward(c.expand(batch, 1, SIDE, SIDE)), c.expand(batch, 1, 2 * SIDE, 2 * SIDE));
                    loss.backward();
                    adam.step();
                }
            }
            double after = maxDeviation(g, probe);
            assertTrue(before > 0.3, "untrained max deviation " + before);
            assertTrue(after < 0.05, "trained max deviation " + after);
        }
    }

    /** n constants drawn from U(−0.8, 0.8), n × 1 × 1 × 1 (expand to an image). */
    private static Tensor constants(int n) {
        return torch.rand(n, 1, 1, 1).mul_(new Scalar(1.6)).sub_(new Scalar(0.8));
    }

    /** n constants c_i = −0.8 + 1.6·(i + u_i)/n, u_i ~ U(0, 1): one in each of n equal slices of (−0.8, 0.8). */
    private static Tensor stratified(int n) {
        return torch.rand(n, 1, 1, 1).add_(torch.arange(new Scalar(n)).view(n, 1, 1, 1)).mul_(new Scalar(1.6 / n)).sub_(new Scalar(0.8));
    }

    /** Largest |SR − c| over every pixel of the upscaled {@value #SIDE}×{@value #SIDE} constant images c. */
    private static double maxDeviation(SrResNet g, Tensor c) {
        Tensor sr = g.upscale(c.expand(c.size(0), 1, SIDE, SIDE));
        return sr.sub(c).abs().max().item_double();
    }
}
