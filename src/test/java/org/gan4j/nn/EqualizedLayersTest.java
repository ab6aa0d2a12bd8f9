package org.gan4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Tensors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Equalised learning rate, pixel norm and minibatch std (Karras et al. 2018) against their definitions. */
class EqualizedLayersTest {
    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    private static double std(Tensor t) {
        return t.std().item_double();
    }

    @Test
    void effectiveLinearWeightHasStdGainOverRootFanIn() {
        Engine.seed(1);
        EqualizedLinear layer = new EqualizedLinear(400, 300, Math.sqrt(2), 1, 0);
        double effective = std(layer.weight().mul(new Scalar(layer.weightScale())));
        assertEquals(Math.sqrt(2) / Math.sqrt(400), effective, 0.02 * Math.sqrt(2) / 20);
        assertEquals(1, std(layer.weight()), 0.02, "the stored weight is N(0, 1)");
    }

    @Test
    void learningRateMultiplierKeepsTheEffectiveWeightAndScalesTheStoredOne() {
        Engine.seed(2);
        EqualizedLinear layer = new EqualizedLinear(256, 256, Math.sqrt(2), 0.01, 1);
        assertEquals(100, std(layer.weight()), 2, "stored as N(0, 1/λ²)");
        assertEquals(Math.sqrt(2) / 16, std(layer.weight().mul(new Scalar(layer.weightScale()))), 0.003);
        try (NoGradGuard guard = new NoGradGuard()) {
            Tensor zero = torch.zeros(3, 256);
            float[] out = Tensors.toFloats(layer.forward(zero));
            for (float v : out) {
                assertEquals(1, v, 1e-5, "the effective bias starts at biasInit");
            }
        }
    }

    @Test
    void theKeptTensorsAreTheModulesParametersAndTrain() {
        Engine.seed(6);
        EqualizedConv2d conv = new EqualizedConv2d(2, 3, 3, 1, true);
        EqualizedLinear linear = new EqualizedLinear(3, 2, 1, 0.01, 0);
        assertEquals(2, conv.parameters().size());
        assertEquals(conv.weight().data_ptr().address(), conv.named_parameters().get(0).access().data_ptr().address());
        assertEquals(linear.bias().data_ptr().address(), linear.named_parameters().get(1).access().data_ptr().address());
        Tensor out = linear.forward(conv.forward(torch.randn(2, 2, 4, 4)).mean(new long[] {2, 3}, false,
                new org.bytedeco.pytorch.ScalarTypeOptional()));
        out.sum().backward();
        for (Tensor p : new Tensor[] {conv.weight(), conv.bias(), linear.weight(), linear.bias()}) {
            assertEquals(true, p.grad().defined());
        }
        // d(out)/d(stored bias) is λ: a λ-scaled layer learns λ times slower in its effective bias
        assertArrayEquals(new float[] {0.02f, 0.02f}, Tensors.toFloats(linear.bias().grad()), 1e-7f);
    }

    @Test
    void layersBuiltInsideAScopeKeepTheirWeightsAfterIt() {
        Engine.seed(7);
        EqualizedLinear linear;
        EqualizedConv2d conv;
        try (org.bytedeco.javacpp.PointerScope scope = new org.bytedeco.javacpp.PointerScope()) {
            linear = new EqualizedLinear(4, 3, 1, 1, 0.5);
            conv = new EqualizedConv2d(2, 2, 3, 1, true);
        }
        try (NoGradGuard guard = new NoGradGuard()) {
            assertEquals(12, linear.weight().numel());
            assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, Tensors.toFloats(linear.forward(torch.zeros(1, 4))), 1e-6f);
            assertArrayEquals(new long[] {1, 2, 3, 3}, conv.forward(torch.zeros(1, 2, 3, 3)).sizes().vec().get());
        }
    }

    @Test
    void linearForwardIsTheScaledAffineMap() {
        Engine.seed(3);
        EqualizedLinear layer = new EqualizedLinear(5, 4, 1, 0.5, 0.25);
        try (NoGradGuard guard = new NoGradGuard()) {
            Tensor x = torch.randn(2, 5);
            Tensor expected = x.matmul(layer.weight().t()).mul(new Scalar(1 / Math.sqrt(5) * 0.5))
                    .add(layer.bias().mul(new Scalar(0.5)));
            assertArrayEquals(Tensors.toFloats(expected), Tensors.toFloats(layer.forward(x)), 1e-5f);
        }
    }

    @Test
    void convolutionIsSamePaddedAndScaledByGainOverRootFanIn() {
        Engine.seed(4);
        EqualizedConv2d conv = new EqualizedConv2d(3, 6, 3, Math.sqrt(2), true);
        assertEquals(Math.sqrt(2) / Math.sqrt(27), conv.weightScale(), 1e-12);
        try (NoGradGuard guard = new NoGradGuard()) {
            torch.normal_(conv.bias(), 0, 1);
            Tensor x = torch.randn(2, 3, 5, 5);
            Tensor out = conv.forward(x);
            assertArrayEquals(new long[] {2, 6, 5, 5}, out.sizes().vec().get());
            Tensor expected = torch.conv2d(x, conv.weight().mul(new Scalar(conv.weightScale())), new TensorOptional(conv.bias()),
                    new long[] {1, 1}, new long[] {1, 1}, new long[] {1, 1}, 1);
            assertArrayEquals(Tensors.toFloats(expected), Tensors.toFloats(out), 1e-5f);
        }
        EqualizedConv2d toRgb = new EqualizedConv2d(8, 1, 1, 1, false);
        assertEquals(false, toRgb.bias().defined());
        assertThrows(IllegalArgumentException.class, () -> new EqualizedConv2d(3, 3, 2, 1, true));
    }

    @Test
    void pixelNormGivesEveryPositionUnitRootMeanSquare() {
        Engine.seed(5);
        try (NoGradGuard guard = new NoGradGuard()) {
            Tensor x = torch.randn(2, 7, 3, 3).mul(new Scalar(5));
            Tensor rms = FeatureNorms.pixelNorm(x).square().mean(new long[] {1}, false, new org.bytedeco.pytorch.ScalarTypeOptional()).sqrt();
            for (float v : Tensors.toFloats(rms)) {
                assertEquals(1, v, 1e-5);
            }
            float[] z = {3, 4};
            float[] normed = Tensors.toFloats(FeatureNorms.pixelNorm(Tensors.fromFloats(z, 1, 2)));
            double r = Math.sqrt((9 + 16) / 2.0);
            assertArrayEquals(new float[] {(float) (3 / r), (float) (4 / r)}, normed, 1e-6f);
        }
    }

    @Test
    void minibatchStdOfIdenticalSamplesIsZeroUpToEpsilon() {
        try (NoGradGuard guard = new NoGradGuard()) {
            Tensor one = torch.randn(1, 3, 4, 4);
            Tensor same = one.expand(8, 3, 4, 4).contiguous();
            Tensor out = FeatureNorms.minibatchStd(same, 4);
            assertArrayEquals(new long[] {8, 4, 4, 4}, out.sizes().vec().get());
            for (float v : Tensors.toFloats(out.narrow(1, 3, 1))) {
                assertEquals(Math.sqrt(FeatureNorms.EPSILON), v, 1e-7);
            }
            assertArrayEquals(Tensors.toFloats(same), Tensors.toFloats(out.narrow(1, 0, 3).contiguous()), 0f);
        }
    }

    @Test
    void minibatchStdIsThePopulationStdOfEachGroupAveraged() {
        // Batch of 4 in groups of 2: sample i is in group i mod 2, so {0, 2} and {1, 3}; one feature at one position.
        float[] values = {1, 10, 3, 20};
        try (NoGradGuard guard = new NoGradGuard()) {
            Tensor x = Tensors.fromFloats(values, 4, 1, 1, 1);
            float[] map = Tensors.toFloats(FeatureNorms.minibatchStd(x, 2).narrow(1, 1, 1).contiguous());
            double groupA = Math.sqrt(1 + 1e-8);   // values 1, 3: population std 1
            double groupB = Math.sqrt(25 + 1e-8);  // values 10, 20: population std 5
            assertArrayEquals(new float[] {(float) groupA, (float) groupB, (float) groupA, (float) groupB}, map, 1e-5f);
        }
        assertThrows(IllegalArgumentException.class, () -> FeatureNorms.minibatchStd(torch.zeros(6, 1, 2, 2), 4));
    }
}
