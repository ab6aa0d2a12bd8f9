package org.gan4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.BadInputException;
import org.gan4j.data.SampleShape;
import org.gan4j.engine.ComputeDevice;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Tensors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NetworkShapesTest {
    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    @ParameterizedTest(name = "{0} on {1}x{2}x{3}")
    @CsvSource({"mlp,1,28,28", "mlp,3,32,32", "dcgan,1,28,28", "dcgan,1,32,32", "dcgan,3,32,32", "dcgan,1,64,64", "dcgan,3,64,64"})
    void imagesGoThroughBothNetworks(String model, int c, int h, int w) {
        Architecture a = Architectures.get(model);
        SampleShape shape = SampleShape.image(c, h, w);
        NetworkSpec spec = new NetworkSpec(shape, 16, 8);
        try (PointerScope scope = new PointerScope()) {
            Generator g = a.generator(spec);
            Discriminator d = a.discriminator(spec);
            Tensor fake = g.forward(LatentNoise.NORMAL.sample(5, 16, ComputeDevice.CPU));
            assertArrayEquals(new long[] {5, c, h, w}, fake.sizes().vec().get());
            assertArrayEquals(new long[] {5, 1}, d.forward(fake).sizes().vec().get());
            float[] values = Tensors.toFloats(fake);
            for (float v : values) {
                assertTrue(v >= g.outputRange().low() && v <= g.outputRange().high(), "output in " + g.outputRange());
            }
        }
    }

    @ParameterizedTest(name = "mlp on {0}-d points")
    @CsvSource({"1", "2"})
    void pointsKeepTheirDimensionAndAreUnbounded(int dim) {
        NetworkSpec spec = new NetworkSpec(SampleShape.vector(dim), 4, 32);
        try (PointerScope scope = new PointerScope()) {
            Generator g = Architectures.get("mlp").generator(spec);
            assertEquals(OutputRange.REAL, g.outputRange());
            Tensor fake = g.forward(LatentNoise.UNIFORM.sample(7, 4, ComputeDevice.CPU));
            assertArrayEquals(new long[] {7, dim}, fake.sizes().vec().get());
            assertArrayEquals(new long[] {7, 1}, Architectures.get("mlp").discriminator(spec).forward(fake).sizes().vec().get());
        }
    }

    /** Chunked sampling equals one eval-mode pass (BatchNorm's running statistics make samples independent). */
    @Test
    void generateInChunksMatchesOneEvalPassAndRestoresTrainingMode() {
        NetworkSpec spec = new NetworkSpec(SampleShape.image(1, 28, 28), 16, 8);
        try (PointerScope scope = new PointerScope(); org.bytedeco.pytorch.NoGradGuard guard = new org.bytedeco.pytorch.NoGradGuard()) {
            Engine.seed(3);
            Generator g = Architectures.get("dcgan").generator(spec);
            int n = 2 * Generator.GENERATION_CHUNK + 37;                  // two full chunks and a partial one
            Tensor z = LatentNoise.NORMAL.sample(n, 16, ComputeDevice.CPU);
            g.train(true);
            float[] chunked = Tensors.toFloats(g.generate(z, null));
            assertTrue(g.is_training(), "generate restores the training flag");
            g.eval();
            float[] whole = Tensors.toFloats(g.forward(z));
            assertEquals(n * 784, chunked.length);
            assertArrayEquals(whole, chunked, 1e-5f);
        }
    }

    /** DCGAN-28 is bench SPEC B2: its parameter counts follow from the layer list. */
    @Test
    void dcgan28MatchesTheBenchmarkSpec() {
        NetworkSpec spec = new NetworkSpec(SampleShape.image(1, 28, 28), 100, 64);
        // G: Linear(100→6272) 633,472 + BN1d(6272) 12,544 + ConvT(128→64,k4, no bias: BN follows) 131,072 + BN2d(64) 128 + ConvT(64→1,k4) 1,025
        assertEquals(778_241, Architectures.get("dcgan").generator(spec).parameterCount());
        // D: Conv(1→64,k4) 1,088 + Conv(64→128,k4) 131,200 + BN2d(128) 256 + Linear(6272→1) 6,273
        assertEquals(138_817, Architectures.get("dcgan").discriminator(spec).parameterCount());
    }

    /** The vanilla GAN of SPEC B1: 784-128-1 and 100-128-784. */
    @Test
    void mlpMatchesTheBenchmarkSpec() {
        NetworkSpec spec = new NetworkSpec(SampleShape.image(1, 28, 28), 100, 128);
        assertEquals(100 * 128 + 128 + 128 * 784 + 784, Architectures.get("mlp").generator(spec).parameterCount());
        assertEquals(784 * 128 + 128 + 128 + 1, Architectures.get("mlp").discriminator(spec).parameterCount());
    }

    @Test
    void dcganInitFollowsThePaper() {
        NetworkSpec spec = new NetworkSpec(SampleShape.image(1, 64, 64), 100, 64);
        try (PointerScope scope = new PointerScope()) {
            Generator g = Architectures.get("dcgan").generator(spec);
            var named = g.named_parameters();
            boolean sawConv = false;
            for (long i = 0; i < named.size(); i++) {
                Tensor p = named.get(i).access();
                if (p.dim() == 4) {
                    double std = torch.std(p).item_double();
                    assertEquals(0.02, std, 0.002, "conv weights ~ N(0, 0.02)");
                    assertEquals(0.0, p.mean().item_double(), 0.002);
                    sawConv = true;
                }
            }
            assertTrue(sawConv);
        }
    }

    @Test
    void dcganRefusesShapesItCannotBuild() {
        Architecture dcgan = Architectures.get("dcgan");
        var e = assertThrows(BadInputException.class, () -> dcgan.checkSupports(SampleShape.vector(2)));
        assertTrue(e.getMessage().contains("dcgan"));
        assertThrows(BadInputException.class, () -> dcgan.checkSupports(SampleShape.image(1, 48, 48)));
        assertThrows(BadInputException.class, () -> dcgan.checkSupports(SampleShape.image(2, 32, 32)));
        assertThrows(BadInputException.class, () -> Architectures.get("stylegan9"));
    }
}
