package org.gan4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OptimizersTest {
    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    /** Two Adam steps on loss = w² from w = 1, against the update computed by hand. */
    @Test
    void adamUsesBetasInTheUsualOrder() {
        double lr = 0.1, b1 = 0.5, b2 = 0.999, eps = 1e-8;
        double expected = handAdam(1.0, lr, b1, b2, eps);
        double swapped = handAdam(1.0, lr, b2, b1, eps);
        assertNotEquals(expected, swapped, 1e-4, "the check must tell the two orders apart");

        try (PointerScope scope = new PointerScope()) {
            Tensor w = Tensors.fromFloats(new float[] {1f}, 1).set_requires_grad(true);
            Adam adam = Optimizers.adam(new TensorVector(w), lr, b1, b2);
            for (int step = 0; step < 2; step++) {
                adam.zero_grad();
                w.mul(w).sum().backward();
                adam.step();
            }
            assertEquals(expected, w.item_float(), 1e-6);
        }
    }

    private static double handAdam(double w, double lr, double b1, double b2, double eps) {
        double m = 0, v = 0;
        for (int t = 1; t <= 2; t++) {
            double g = 2 * w;
            m = b1 * m + (1 - b1) * g;
            v = b2 * v + (1 - b2) * g * g;
            double mHat = m / (1 - Math.pow(b1, t));
            double vHat = v / (1 - Math.pow(b2, t));
            w -= lr * mHat / (Math.sqrt(vHat) + eps);
        }
        return w;
    }

    @Test
    void tensorsRoundTripInBulk() {
        try (PointerScope scope = new PointerScope()) {
            float[] values = {1, 2, 3, 4, 5, 6};
            Tensor t = Tensors.fromFloats(values, 2, 3);
            assertEquals(2, t.size(0));
            assertEquals(3, t.size(1));
            assertEquals(21f, t.sum().item_float(), 0f);
            org.junit.jupiter.api.Assertions.assertArrayEquals(values, Tensors.toFloats(t), 0f);
            Tensors.copyInto(t, new float[] {0, 0, 0, 0, 0, 1});
            assertEquals(1f, t.sum().item_float(), 0f);
        }
    }

    @Test
    void askingForCudaWithoutOneIsABadInput() {
        if (Engine.cudaDeviceCount() == 0) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(org.gan4j.BadInputException.class,
                    () -> Engine.device("cuda"));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("no CUDA device"));
        }
        assertEquals("cpu", Engine.device("cpu").spec());
        org.junit.jupiter.api.Assertions.assertThrows(org.gan4j.BadInputException.class, () -> Engine.device("tpu"));
    }

    @Test
    void seedingMakesRandomTensorsRepeat() {
        try (PointerScope scope = new PointerScope()) {
            Engine.seed(7);
            float[] a = Tensors.toFloats(torch.randn(5));
            Engine.seed(7);
            float[] b = Tensors.toFloats(torch.randn(5));
            org.junit.jupiter.api.Assertions.assertArrayEquals(a, b, 0f);
        }
    }
}
