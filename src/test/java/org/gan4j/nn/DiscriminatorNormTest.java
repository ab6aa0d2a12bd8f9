package org.gan4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.BatchNorm2dImpl;
import org.bytedeco.pytorch.GroupNormImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.data.SampleShape;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Tensors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --d-norm}: which layers DCGAN's D gets, and whether a sample's score depends on the rest of its batch. */
class DiscriminatorNormTest {
    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    private static long count(List<Module> layers, Class<?> type) {
        return layers.stream().filter(type::isInstance).count();
    }

    @ParameterizedTest(name = "{0} on {1}x{1}")
    @CsvSource({"batch,28,1,0", "layer,28,0,1", "none,28,0,0", "batch,64,3,0", "layer,64,0,3", "none,64,0,0"})
    void theHiddenConvolutionsGetTheChosenNormalisation(String norm, int side, int batchNorms, int layerNorms) {
        NetworkSpec spec = new NetworkSpec(SampleShape.image(1, side, side), 16, 8)
                .withDiscriminatorNorm(DiscriminatorNorm.parse(norm));
        try (PointerScope scope = new PointerScope()) {
            Discriminator d = Architectures.get("dcgan").discriminator(spec);
            assertEquals(batchNorms, count(d.layerList(), BatchNorm2dImpl.class));
            assertEquals(layerNorms, count(d.layerList(), GroupNormImpl.class));
        }
    }

    /**
     * In training mode, D(x₀) scored alone and scored inside a batch of 8: equal without BatchNorm (what a
     * per-sample gradient penalty needs), different with it.
     */
    @ParameterizedTest
    @CsvSource({"batch,false", "layer,true", "none,true"})
    void aSamplesScoreIsIndependentOfItsBatchUnlessBatchNormIsUsed(String norm, boolean independent) {
        NetworkSpec spec = new NetworkSpec(SampleShape.image(1, 28, 28), 16, 8)
                .withDiscriminatorNorm(DiscriminatorNorm.parse(norm));
        try (PointerScope scope = new PointerScope(); NoGradGuard guard = new NoGradGuard()) {
            Engine.seed(7);
            Discriminator d = Architectures.get("dcgan").discriminator(spec);
            d.train(true);
            Tensor batch = torch.randn(8, 1, 28, 28);
            float inBatch = Tensors.toFloats(d.forward(batch))[0];
            float alone = Tensors.toFloats(d.forward(batch.narrow(0, 0, 2)))[0];  // BatchNorm2d refuses a batch of 1 in training
            if (independent) {
                assertEquals(inBatch, alone, 1e-5);
            } else {
                assertTrue(Math.abs(inBatch - alone) > 1e-3, "BatchNorm couples samples: " + inBatch + " vs " + alone);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"layer", "none"})
    void layerAndNoNormKeepTheParameterCountOfTheConvolutions(String norm) {
        NetworkSpec plain = new NetworkSpec(SampleShape.image(1, 28, 28), 16, 8);
        try (PointerScope scope = new PointerScope()) {
            long batch = Architectures.get("dcgan").discriminator(plain).parameterCount();
            long other = Architectures.get("dcgan")
                    .discriminator(plain.withDiscriminatorNorm(DiscriminatorNorm.parse(norm))).parameterCount();
            // BatchNorm and one-group GroupNorm both learn a scale and a shift per channel (2·16); none learns nothing.
            assertEquals(norm.equals("layer") ? batch : batch - 2 * 16, other);
            assertFalse(other <= 0);
        }
    }
}
