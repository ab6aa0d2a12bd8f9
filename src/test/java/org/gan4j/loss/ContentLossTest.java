package org.gan4j.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.BadInputException;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Tensors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ContentLossTest {
    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    /** SR = [0, 1], HR = [0.5, −1]: MSE = (0.25 + 4)/2 = 2.125, ∂/∂SR = (SR − HR) = [−0.5, 2]. */
    @Test
    void pixelLossIsTheMeanSquaredErrorWithItsGradient() {
        try (PointerScope scope = new PointerScope()) {
            Tensor sr = Tensors.fromFloats(new float[] {0f, 1f}, 1, 1, 1, 2).requires_grad_(true);
            Tensor hr = Tensors.fromFloats(new float[] {0.5f, -1f}, 1, 1, 1, 2);
            Tensor loss = ContentLoss.named("pixel", null).loss(sr, hr);
            assertEquals(2.125, loss.item_double(), 1e-6);
            loss.backward();
            assertArrayEquals(new float[] {-0.5f, 2f}, Tensors.toFloats(sr.grad()), 1e-6f);
            assertEquals(0.0, ContentLoss.pixel().loss(hr, hr).item_double(), 0.0);
        }
    }

    @Test
    void featureLossIsZeroForIdenticalImages() {
        try (PointerScope scope = new PointerScope()) {
            Engine.seed(1);
            Tensor hr = images(4);
            assertEquals(0.0, ContentLoss.named("features", "fashion-mnist").loss(hr, hr.clone()).item_double(), 0.0);
        }
    }

    /**
     * The gradient reaches the SR images and points downhill: a small step against it lowers the loss. The
     * classifier's weights stay frozen (no gradient is ever accumulated on them) and HR gets none.
     */
    @Test
    void featureLossIsDifferentiableInTheImagesOnly() {
        try (PointerScope scope = new PointerScope()) {
            Engine.seed(2);
            ContentLoss loss = ContentLoss.named("features", "mnist");
            Tensor hr = images(4).requires_grad_(true);
            Tensor sr = images(4).requires_grad_(true);
            Tensor value = loss.loss(sr, hr);
            assertTrue(value.item_double() > 0);
            value.backward();
            Tensor grad = sr.grad();
            assertTrue(grad.abs().sum().item_double() > 0, "non-zero gradient on SR");
            assertFalse(hr.grad().defined(), "HR is a constant of the loss");
            TensorVector weights = ((FeatureLoss) loss).network().network().parameters();
            for (long i = 0; i < weights.size(); i++) {
                assertFalse(weights.get(i).requires_grad(), "frozen weight " + i);
            }
            double step = 0.01 / grad.abs().max().item_double();     // at most 0.01 per pixel
            Tensor moved = sr.detach().sub(grad.mul(new Scalar(step)));
            assertTrue(loss.loss(moved, hr.detach()).item_double() < value.item_double(), "a step against the gradient helps");
        }
    }

    @Test
    void featureLossTakesOnlyTheClassifiersImageShape() {
        try (PointerScope scope = new PointerScope()) {
            ContentLoss loss = ContentLoss.named("features", "fashion-mnist");
            Tensor rgb = torch.zeros(2, 3, 32, 32);
            BadInputException e = assertThrows(BadInputException.class, () -> loss.loss(rgb, rgb));
            assertEquals("content loss 'features' takes 1x28x28 images (its classifier's input), got 3x32x32"
                    + " (use the content loss 'pixel')", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> loss.loss(torch.zeros(2, 1, 28, 28), torch.zeros(3, 1, 28, 28)));
        }
    }

    @Test
    void unknownNamesAndDatasetsWithoutAClassifierAreRefused() {
        BadInputException unknown = assertThrows(BadInputException.class, () -> ContentLoss.named("vgg", "mnist"));
        assertEquals("unknown content loss 'vgg': choose one of pixel, features", unknown.getMessage());
        assertEquals(java.util.List.of("pixel", "features"), ContentLoss.names());
        BadInputException noNetwork = assertThrows(BadInputException.class, () -> ContentLoss.named("features", "ring8"));
        assertTrue(noNetwork.getMessage().contains("ring8"), noNetwork.getMessage());
        assertEquals("pixel", ContentLoss.named("pixel", "ring8").name());
    }

    /** n × 1 × 28 × 28 images in [−1, 1]. */
    private static Tensor images(int n) {
        return torch.rand(n, 1, 28, 28).mul_(new Scalar(2.0)).sub_(new Scalar(1.0));
    }
}
