package org.gan4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.BadInputException;
import org.gan4j.data.SampleShape;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Tensors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The style-based generator and its discriminator ({@code --model stylegan}): shapes and the paper's pieces. */
class StyleGanTest {
    private static final Architecture STYLEGAN = Architectures.get("stylegan");

    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    private static StyleGanGenerator generator(int side, int channels, double mixing) {
        Engine.seed(3);
        return (StyleGanGenerator) STYLEGAN.generator(new NetworkSpec(SampleShape.image(channels, side, side), 16, 8)
                .withStyle(new StyleSpec(2, mixing)));
    }

    @ParameterizedTest(name = "{0}x{0}, {1} channel(s)")
    @CsvSource({"8,1,4", "16,3,6", "32,1,8"})
    void everyResolutionHasItsShapesAndTwoWsPerResolution(int side, int channels, int numWs) {
        try (PointerScope scope = new PointerScope()) {
            StyleGanGenerator g = generator(side, channels, 0.9);
            assertEquals(numWs, g.numWs());
            Tensor z = torch.randn(4, 16);
            long[] image = {4, channels, side, side};
            assertArrayEquals(image, g.forward(z).sizes().vec().get(), "training mode, with mixing");
            assertArrayEquals(image, g.generate(z, null).sizes().vec().get(), "eval mode");
            assertArrayEquals(new long[] {4, numWs, 16}, g.broadcast(g.mapping(z)).sizes().vec().get());
            Discriminator d = STYLEGAN.discriminator(new NetworkSpec(SampleShape.image(channels, side, side), 16, 8));
            assertArrayEquals(new long[] {4, 1}, d.forward(g.forward(z)).sizes().vec().get());
            assertArrayEquals(new long[] {6, 1}, d.forward(torch.randn(6, channels, side, side)).sizes().vec().get(),
                    "a batch that 4 does not divide: minibatch std in groups of 3");
        }
    }

    @Test
    void refusesImagesThatAreNotSquarePowersOfTwoOfAtLeastEight() {
        for (SampleShape s : new SampleShape[] {SampleShape.image(1, 28, 28), SampleShape.image(1, 4, 4),
                SampleShape.image(1, 32, 16), SampleShape.image(2, 32, 32), SampleShape.vector(2)}) {
            BadInputException e = assertThrows(BadInputException.class, () -> STYLEGAN.checkSupports(s), s.toString());
            assertTrue(e.getMessage().contains("power of two"), e.getMessage());
        }
        STYLEGAN.checkSupports(SampleShape.image(3, 64, 64));
    }

    /**
     * One sample, 2 input channels, 1 output channel, 1×1 kernel: x = (1, 2), w = (3, −1), s = (0.5, 2).
     * Modulated: 0.5·3·1 + 2·(−1)·2 = −2.5; the modulated weight (1.5, −2) has norm 2.5, so demodulated −1.
     */
    @Test
    void modulationAndDemodulationMatchAHandComputedCase() {
        try (PointerScope scope = new PointerScope()) {
            Tensor x = Tensors.fromFloats(new float[] {1, 2}, 1, 2, 1, 1);
            Tensor w = Tensors.fromFloats(new float[] {3, -1}, 1, 2, 1, 1);
            Tensor s = Tensors.fromFloats(new float[] {0.5f, 2}, 1, 2);
            for (boolean grouped : new boolean[] {true, false}) {
                Tensor mod = grouped ? ModulatedConv.grouped(x, w, s, false) : ModulatedConv.scaled(x, w, s, false);
                Tensor demod = grouped ? ModulatedConv.grouped(x, w, s, true) : ModulatedConv.scaled(x, w, s, true);
                assertEquals(-2.5f, Tensors.toFloats(mod)[0], 1e-6f, grouped ? "grouped" : "scaled");
                assertEquals(-1.0f, Tensors.toFloats(demod)[0], 1e-6f, grouped ? "grouped" : "scaled");
            }
        }
    }

    /** 3×3 kernels, two samples: both forms equal a plain convolution of each sample with its own w·s/‖w·s‖ built element by element. */
    @Test
    void bothModulatedConvolutionsEqualAPlainConvolutionPerSample() {
        try (PointerScope scope = new PointerScope()) {
            Engine.seed(5);
            int b = 2;
            int in = 3;
            int out = 2;
            Tensor x = torch.randn(b, in, 5, 5);
            Tensor w = torch.randn(out, in, 3, 3);
            Tensor s = torch.rand(b, in).add(new Scalar(0.5));
            float[] wv = Tensors.toFloats(w);
            float[] sv = Tensors.toFloats(s);
            Tensor grouped = ModulatedConv.grouped(x, w, s, true);
            Tensor scaled = ModulatedConv.scaled(x, w, s, true);
            for (int n = 0; n < b; n++) {
                float[] own = new float[wv.length];
                for (int o = 0; o < out; o++) {
                    double norm = 0;
                    for (int i = 0; i < in; i++) {
                        for (int k = 0; k < 9; k++) {
                            int at = (o * in + i) * 9 + k;
                            own[at] = wv[at] * sv[n * in + i];
                            norm += own[at] * (double) own[at];
                        }
                    }
                    for (int at = o * in * 9; at < (o + 1) * in * 9; at++) {
                        own[at] = (float) (own[at] / Math.sqrt(norm + ModulatedConv.EPSILON));
                    }
                }
                Tensor expected = torch.conv2d(x.narrow(0, n, 1), Tensors.fromFloats(own, out, in, 3, 3), new TensorOptional(),
                        new long[] {1, 1}, new long[] {1, 1}, new long[] {1, 1}, 1);
                assertArrayEquals(Tensors.toFloats(expected), Tensors.toFloats(grouped.narrow(0, n, 1)), 1e-5f, "grouped");
                assertArrayEquals(Tensors.toFloats(expected), Tensors.toFloats(scaled.narrow(0, n, 1)), 1e-5f, "scaled");
            }
        }
    }

    /** Truncation with ψ = 0 gives G(w_avg) for every z, and ψ = 1 leaves w as it is. */
    @Test
    void truncationWithPsiZeroIsTheAverageStyleAndWithPsiOneChangesNothing() {
        try (PointerScope scope = new PointerScope(); NoGradGuard guard = new NoGradGuard()) {
            StyleGanGenerator g = generator(8, 1, 0);
            randomiseNoiseStrengths(g);
            g.wAvg().copy_(torch.randn(16));                       // as if trained: not 0
            g.eval();
            Tensor z = torch.randn(3, 16);
            Tensor w = g.mapping(z);
            assertArrayEquals(Tensors.toFloats(w), Tensors.toFloats(g.truncate(w, 1)), 0f);
            float[] average = Tensors.toFloats(g.truncate(w, 0).narrow(0, 1, 1));
            assertArrayEquals(Tensors.toFloats(g.wAvg()), average, 0f);

            Engine.seed(11);
            float[] ofAverage = Tensors.toFloats(g.synthesis(g.broadcast(g.wAvg().unsqueeze(0).repeat(3, 1))));
            g.truncation(0);
            Engine.seed(11);                                       // the same noise draws
            float[] truncated = Tensors.toFloats(g.forward(z));
            assertArrayEquals(ofAverage, truncated, 1e-6f);
            Tensor other = torch.randn(3, 16).mul(new Scalar(5));
            Engine.seed(11);
            assertArrayEquals(ofAverage, Tensors.toFloats(g.forward(other)), 1e-6f, "any z");

            g.truncation(1);
            Engine.seed(11);
            float[] untruncated = Tensors.toFloats(g.forward(z));
            Engine.seed(11);
            assertArrayEquals(Tensors.toFloats(g.synthesis(g.broadcast(w))), untruncated, 0f);
            assertFalse(Arrays.equals(untruncated, truncated), "ψ = 1 is not the average image");
            assertThrows(IllegalArgumentException.class, () -> g.truncation(1.5));
        }
    }

    /** Mixing a batch of styles with itself, at any crossover layer, is no mixing; with another batch it changes the image. */
    @Test
    void mixingTheSameStylesTwiceEqualsNoMixing() {
        try (PointerScope scope = new PointerScope(); NoGradGuard guard = new NoGradGuard()) {
            StyleGanGenerator g = generator(16, 1, 0);
            randomiseNoiseStrengths(g);
            Tensor ws = g.broadcast(g.mapping(torch.randn(2, 16)));
            Tensor other = g.broadcast(g.mapping(torch.randn(2, 16)));
            Engine.seed(4);
            float[] plain = Tensors.toFloats(g.synthesis(ws));
            for (int crossover = 0; crossover <= g.numWs(); crossover++) {
                Engine.seed(4);
                assertArrayEquals(plain, Tensors.toFloats(g.synthesis(g.mix(ws, ws, crossover))), 0f, "crossover " + crossover);
            }
            Engine.seed(4);
            assertFalse(Arrays.equals(plain, Tensors.toFloats(g.synthesis(g.mix(ws, other, 3)))), "fine styles of another w");
            float[] mixed = Tensors.toFloats(g.mix(ws, other, 3));
            float[] coarse = Tensors.toFloats(ws);
            float[] fine = Tensors.toFloats(other);
            int d = 16;
            for (int layer = 0; layer < g.numWs(); layer++) {
                float[] source = layer < 3 ? coarse : fine;
                assertEquals(source[layer * d], mixed[layer * d], 0f, "layer " + layer);
            }
        }
    }

    /**
     * The mapping network's equalised layers with lr multiplier 0.01: the stored weight has std 1/0.01 = 100, the
     * effective weight (stored·c, c = 0.01/√fan_in) std 1/√fan_in, so Adam's steps on the stored weight move the
     * effective one 100 times slower.
     */
    @Test
    void theMappingLayersHaveTheLearningRateMultiplier() {
        try (PointerScope scope = new PointerScope()) {
            Engine.seed(2);
            EqualizedLinear layer = new EqualizedLinear(256, 256, 1, StyleGanGenerator.MAPPING_LR_MULTIPLIER, 0);
            assertEquals(0.01 / Math.sqrt(256), layer.weightScale(), 1e-12);
            double stored = layer.weight().std().item_double();
            double effective = layer.weight().mul(new Scalar(layer.weightScale())).std().item_double();
            assertEquals(100, stored, 2);
            assertEquals(1 / Math.sqrt(256), effective, 0.02 / Math.sqrt(256));
            StyleGanGenerator g = generator(8, 1, 0.9);
            assertEquals(2 * 2, names(g.named_parameters()).stream().filter(k -> k.startsWith("mapping")).count(),
                    "two mapping layers, weight and bias each");
        }
    }

    /** w_avg moves towards the batch's mean w in training-mode passes only (β = 0.995), and is a buffer that checkpoints keep. */
    @Test
    void theAverageStyleIsTrackedInTrainingModeOnly() {
        try (PointerScope scope = new PointerScope()) {
            StyleGanGenerator g = generator(8, 1, 0.9);
            Tensor z = torch.randn(4, 16);
            float[] expected;
            try (NoGradGuard guard = new NoGradGuard()) {
                expected = Tensors.toFloats(g.mapping(z).mean(0).mul(new Scalar(1 - StyleGanGenerator.W_AVG_BETA)));
            }
            g.generate(z, null);
            assertArrayEquals(new float[16], Tensors.toFloats(g.wAvg()), 0f, "eval mode leaves it");
            g.train(true);
            g.forward(z);
            assertArrayEquals(expected, Tensors.toFloats(g.wAvg()), 1e-6f);
            assertTrue(names(g.named_buffers()).contains("w_avg"), names(g.named_buffers()).toString());
        }
    }

    /**
     * 8×8, width 8 (16 maps at 4×4, 8 at 8×8), d = 16, 1 channel, by hand. G: mapping 2·16² = 512; 4×4 conv
     * 16·16 + 16·16·16·9, toRGB 16·16 + 16·16; 8×8 conv0 16·16 + 64·8·16·9, conv1 16·8 + 64·8·8·9, toRGB 16·8 + 64·8:
     * 149,760. D: fromRGB 64·8, conv0 64·8·8·9, conv1 64·16·8·9, skip 16·16·8, epilogue conv 16·16·17·9, dense 256·16,
     * output 16: 156,432.
     */
    @Test
    void bothNetworksStateTheirMultiplyAccumulates() {
        try (PointerScope scope = new PointerScope()) {
            StyleGanGenerator g = generator(8, 1, 0.9);
            assertEquals(149_760, g.forwardMacs());
            Discriminator d = STYLEGAN.discriminator(new NetworkSpec(SampleShape.image(1, 8, 8), 16, 8));
            assertEquals(156_432, ((ForwardWork) d).forwardMacs());
            assertEquals(32, STYLEGAN.preferredSide(SampleShape.image(1, 28, 28)), "Fashion-MNIST padded to 32");
        }
    }

    /**
     * The path-length penalty E[(‖J_wᵀy‖ − a)²] after its first call: a = 0.01·mean length (it starts at 0), so
     * the penalty is at least (100a)² − 2a·100a + a² = 9801a²; its gradient reaches the mapping and synthesis weights.
     */
    @Test
    void thePathLengthPenaltyMovesItsTargetAndReachesTheWeights() {
        try (PointerScope scope = new PointerScope()) {
            StyleGanGenerator g = generator(8, 1, 0);
            Engine.seed(9);
            Tensor penalty = g.pathLengthPenalty(4);
            double a = g.pathLengthTarget();
            assertTrue(a > 0, "a moved from 0: " + a);
            assertTrue(penalty.item_double() >= 9801 * a * a * (1 - 1e-4), penalty.item_double() + " against a = " + a);
            penalty.backward();
            var params = g.named_parameters();
            int checked = 0;
            for (long i = 0; i < params.size(); i++) {
                String name = params.get(i).key().getString();
                if (name.equals("mapping0.weight") || name.equals("constant") || name.equals("conv1_1.conv.weight")) {
                    Tensor grad = params.get(i).access().grad();
                    assertTrue(grad.defined() && grad.abs().sum().item_double() > 0, name + " has a gradient");
                    checked++;
                }
            }
            assertEquals(3, checked, names(params).toString());
        }
    }

    /**
     * Drawing 1,024 samples (4 chunks) under one caller scope keeps only the results: before generate() scoped
     * each chunk, every intermediate of the Java forward pass lived until the caller's scope closed (10,000 samples
     * at 32×32 reached 22 GB). Measured here: 1.9 GB more with width 16 when unscoped; under the 150 MB bound scoped.
     */
    @Test
    void generatingManySamplesUnderOneScopeKeepsOnlyTheResults() throws Exception {
        Engine.seed(3);
        StyleGanGenerator g = (StyleGanGenerator) STYLEGAN.generator(new NetworkSpec(SampleShape.image(1, 32, 32), 16, 16));
        try (PointerScope warm = new PointerScope()) {
            g.generate(torch.randn(256, 16), null);
        }
        long before = residentMb();
        long during;
        try (PointerScope scope = new PointerScope()) {
            Tensor images = g.generate(torch.randn(1024, 16), null);
            assertArrayEquals(new long[] {1024, 1, 32, 32}, images.sizes().vec().get());
            during = residentMb();
        }
        assertTrue(during - before < 150, "resident set grew by " + (during - before) + " MB while the scope was open");
        g.release();
    }

    private static long residentMb() throws java.io.IOException {
        org.bytedeco.javacpp.Pointer.trimMemory();
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    private static java.util.List<String> names(org.bytedeco.pytorch.StringTensorDict dict) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (long i = 0; i < dict.size(); i++) {
            names.add(dict.get(i).key().getString());
        }
        return names;
    }

    private static void randomiseNoiseStrengths(StyleGanGenerator g) {
        var params = g.named_parameters();
        for (long i = 0; i < params.size(); i++) {
            if (params.get(i).key().getString().endsWith("noise_strength")) {
                params.get(i).access().copy_(torch.ones(1).mul(new Scalar(0.3)));
            }
        }
    }
}
