package org.gan4j.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.BadInputException;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Tensors;
import org.gan4j.nn.Classifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The differentiable path computes the metrics' features, and gradients reach the images only. */
class FeaturesWithGradTest {
    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    @Test
    void sameFeaturesAsApplyWithAGradientOnTheImages() {
        FeatureNetwork net = FeatureNetworks.get("fmnist");
        SplittableRandom random = new SplittableRandom(3);
        float[] images = new float[3 * 784];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) random.nextDouble();
        }
        double[] expected = net.apply(images, 3).features().values();
        try (PointerScope scope = new PointerScope()) {
            Tensor x = Tensors.fromFloats(images, 3, 1, 28, 28).requires_grad_(true);
            Tensor f = net.featuresWithGrad(x);
            float[] actual = Tensors.toFloats(f);
            assertEquals(3 * Classifier.FEATURES, actual.length);
            for (int i = 0; i < actual.length; i++) {
                assertEquals(expected[i], actual[i], 1e-5, "feature " + i);
            }
            f.sum().backward();
            assertTrue(x.grad().abs().sum().item_double() > 0);
            assertFalse(net.network().parameters().get(0).grad().defined(), "frozen weights collect no gradient");
        }
    }

    @Test
    void otherShapesAreRefused() {
        FeatureNetwork net = FeatureNetworks.get("fmnist");
        try (PointerScope scope = new PointerScope()) {
            assertThrows(BadInputException.class, () -> net.featuresWithGrad(torch.zeros(2, 3, 28, 28)));
            assertThrows(BadInputException.class, () -> net.featuresWithGrad(torch.zeros(2, 784)));
        }
    }
}
