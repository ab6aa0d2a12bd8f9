package org.gan4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.BadInputException;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Tensors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DomainTransformTest {
    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    private static float[] apply(String name, float[] values, long... shape) {
        try (PointerScope scope = new PointerScope()) {
            Tensor out = DomainTransform.named(name).apply(Tensors.fromFloats(values, shape));
            assertArrayEquals(shape, out.sizes().vec().get());
            return Tensors.toFloats(out);
        }
    }

    @Test
    void registryNamesTheTransformsAndRefusesOthers() {
        assertEquals(List.of("negative", "edges", "rotate90"), DomainTransform.names());
        assertSame(DomainTransforms.EDGES, DomainTransform.named("edges"));
        BadInputException e = assertThrows(BadInputException.class, () -> DomainTransform.named("blur"));
        assertEquals("unknown domain transform 'blur': choose one of negative, edges, rotate90", e.getMessage());
    }

    @Test
    void negativeFlipsTheSign() {
        assertArrayEquals(new float[] {1f, 0.5f, -0f, -0.25f, -1f, 0f},
                apply("negative", new float[] {-1f, -0.5f, 0f, 0.25f, 1f, -0f}, 2, 3, 1, 1), 0f);
    }

    /** One lit corner pixel of a 4×4 image: dilation spreads it over the 2×2 corner, erosion is −1 everywhere. */
    @Test
    void edgesAreTheMorphologicalGradientRescaled() {
        float[] image = new float[16];
        java.util.Arrays.fill(image, -1f);
        image[0] = 1f;
        float[] expected = new float[16];
        java.util.Arrays.fill(expected, -1f);
        expected[0] = expected[1] = expected[4] = expected[5] = 1f;
        assertArrayEquals(expected, apply("edges", image, 1, 1, 4, 4), 0f);

        // A step from 0.25 to 0.75 on [0, 1] (−0.5 to 0.5 here): the gradient 0.5 on both sides of the step.
        float[] step = {-0.5f, -0.5f, 0.5f, 0.5f};
        float[] gradient = apply("edges", step, 1, 1, 1, 4);
        assertArrayEquals(new float[] {-1f, 0f, 0f, -1f}, gradient, 0f);
    }

    /** The border is not padded with a value: a flat image has no edges, at the border neither. */
    @Test
    void edgesOfAFlatImageAreBlackUpToTheBorder() {
        float[] flat = new float[25];
        java.util.Arrays.fill(flat, 0.3f);
        float[] expected = new float[25];
        java.util.Arrays.fill(expected, -1f);
        assertArrayEquals(expected, apply("edges", flat, 1, 1, 5, 5), 0f);
    }

    @Test
    void rotate90TurnsCounterClockwisePerChannel() {
        // [[a, b], [c, d]] → [[b, d], [a, c]], in each of two channels
        float[] image = {-1f, -0.5f, 0.5f, 1f, 0.1f, 0.2f, 0.3f, 0.4f};
        assertArrayEquals(new float[] {-0.5f, 1f, -1f, 0.5f, 0.2f, 0.4f, 0.1f, 0.3f}, apply("rotate90", image, 1, 2, 2, 2), 0f);
    }

    @Test
    void checksRefuseShapesInOneLine() {
        BadInputException rgb = assertThrows(BadInputException.class, () -> DomainTransform.named("edges").check(3, 28, 28));
        assertEquals("--domain-b edges needs grayscale images; the dataset has 3 channels", rgb.getMessage());
        BadInputException oblong = assertThrows(BadInputException.class, () -> DomainTransform.named("rotate90").check(1, 28, 32));
        assertEquals("--domain-b rotate90 needs square images; the dataset has 28x32 images", oblong.getMessage());
        DomainTransform.named("negative").check(3, 28, 32);
        DomainTransform.named("rotate90").check(3, 32, 32);
        DomainTransform.named("edges").check(1, 28, 32);
        try (PointerScope scope = new PointerScope()) {
            assertThrows(BadInputException.class, () -> DomainTransform.named("edges").apply(Tensors.fromFloats(new float[12], 1, 3, 2, 2)));
            assertThrows(IllegalArgumentException.class, () -> DomainTransform.named("negative").apply(Tensors.fromFloats(new float[4], 2, 2)));
        }
    }
}
