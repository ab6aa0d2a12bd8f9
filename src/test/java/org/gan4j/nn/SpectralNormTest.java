package org.gan4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Conv2dImpl;
import org.bytedeco.pytorch.EmbeddingImpl;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Optimizer;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.data.SampleShape;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Optimizers;
import org.gan4j.engine.Tensors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpectralNormTest {
    private static final NetworkSpec POINTS = new NetworkSpec(SampleShape.vector(2), 4, 16);
    private static final NetworkSpec DCGAN28 = new NetworkSpec(SampleShape.image(1, 28, 28), 8, 4);

    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    private static Discriminator normalised(String model, NetworkSpec spec, long seed) {
        Engine.seed(seed);
        Discriminator d = Networks.discriminator(Architectures.get(model), spec);
        d.applySpectralNorm();
        return d;
    }

    /** The largest singular value of a weight viewed as out × (in·k·k), from libtorch's SVD. */
    private static double largestSingularValue(Tensor w) {
        try (NoGradGuard guard = new NoGradGuard()) {
            return torch.linalg_svdvals(w.reshape(w.size(0), -1)).max().item_double();
        }
    }

    private static Tensor input(NetworkSpec spec, long batch) {
        SampleShape s = spec.shape();
        return s.image() ? torch.randn(batch, s.channels(), s.height(), s.width()) : torch.randn(batch, s.features());
    }

    @Test
    void theEstimateConvergesToTheLargestSingularValueOfEveryLayer() {
        for (String model : List.of("mlp", "dcgan")) {
            NetworkSpec spec = model.equals("mlp") ? POINTS : DCGAN28;
            try (PointerScope scope = new PointerScope()) {
                Discriminator d = normalised(model, spec, 3);
                List<SpectralNorm> layers = d.spectralNorms();
                assertEquals(model.equals("mlp") ? 2 : 3, layers.size(), "every Linear and Conv layer of " + model);
                Tensor x = input(spec, 1);
                for (int i = 0; i < 120; i++) {
                    d.forward(x);    // one power-iteration step per layer per training forward; W is fixed
                }
                for (SpectralNorm sn : layers) {
                    double exact = largestSingularValue(sn.weight());
                    // uᵀWv of unit vectors never exceeds σ₁, so the two-sided bound checks convergence.
                    assertEquals(exact, sn.sigma(), 1e-4 * exact, model + " layer of " + sn.weight().size(0) + " rows");
                    assertTrue(exact > 0.05, "a real matrix, not a degenerate one: " + exact);
                }
            }
        }
    }

    @Test
    void theForwardWeightHasSpectralNormOne() {
        try (PointerScope scope = new PointerScope()) {
            Discriminator d = normalised("dcgan", DCGAN28, 5);
            Tensor x = input(DCGAN28, 1);
            for (int i = 0; i < 120; i++) {
                d.forward(x);
            }
            for (Module l : d.spectralNorms().stream().map(SpectralNorm::layer).toList()) {
                Tensor used = l instanceof LinearImpl lin ? lin.weight() : ((Conv2dImpl) l).weight();
                assertEquals(1.0, largestSingularValue(used), 1e-4);
            }
        }
    }

    /** The forward weight a layer under spectral norm computes with (W/σ after a refresh). */
    private static Tensor forwardWeight(Module l) {
        if (l instanceof LinearImpl lin) {
            return lin.weight();
        }
        return l instanceof Conv2dImpl c ? c.weight() : ((EmbeddingImpl) l).weight();
    }

    /**
     * The assembled discriminators normalise every layer of the body and of each head (and projection's
     * embedding), and judge() refreshes them: after training-mode judgements every σ estimate matches the
     * largest singular value of its W, and every forward weight has spectral norm 1.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"concat,3", "projection,4", "acgan,4", "infogan,5"})
    void conditionalAndInfoGanDiscriminatorsNormaliseEveryLayerAndTheirHeads(String kind, int layers) {
        NetworkSpec spec = kind.equals("infogan") ? DCGAN28.withCodes(new LatentCodes(3, 1))
                : DCGAN28.conditional(4, Conditioning.parse(kind));
        try (PointerScope scope = new PointerScope()) {
            Discriminator d = normalised(kind.equals("infogan") ? "infogan" : "dcgan", spec, 4);
            assertTrue(d.spectrallyNormalised());
            assertEquals(layers, d.spectralNorms().size(), "body convolutions, the output layer and the heads");
            Tensor x = input(spec, 4);
            Tensor labels = kind.equals("infogan") ? null : Tensors.fromInts(new int[] {0, 1, 2, 3});
            for (int i = 0; i < 120; i++) {
                d.judge(x, labels);
            }
            for (SpectralNorm sn : d.spectralNorms()) {
                double exact = largestSingularValue(sn.weight());
                assertEquals(exact, sn.sigma(), 1e-4 * exact, kind + ": layer of " + sn.weight().size(0) + " rows");
                assertEquals(1.0, largestSingularValue(forwardWeight(sn.layer())), 1e-4, kind + ": W/sigma in use");
            }
            assertThrows(IllegalStateException.class, d::applySpectralNorm);
        }
    }

    /** The conditional discriminator of {@code kind} (concat, projection, acgan) or InfoGAN's, normalised. */
    private static Discriminator assembled(String kind, long seed) {
        NetworkSpec spec = kind.equals("infogan") ? DCGAN28.withCodes(new LatentCodes(3, 1))
                : DCGAN28.conditional(4, Conditioning.parse(kind));
        return normalised(kind.equals("infogan") ? "infogan" : "dcgan", spec, seed);
    }

    /** Every power-iteration vector u of {@code d}, by buffer name. */
    private static Map<String, float[]> us(Module d) {
        Map<String, float[]> out = new LinkedHashMap<>();
        var buffers = d.named_buffers();
        for (long i = 0; i < buffers.size(); i++) {
            String name = buffers.get(i).key().getString();
            if (name.endsWith("weight_u")) {
                out.put(name, Tensors.toFloats(buffers.get(i).access()));
            }
        }
        return out;
    }

    /**
     * Each way into an assembled discriminator refreshes the layers it uses: judge() all of them, the
     * labelled view that the gradient penalties call all of them, and forward() (D(x) without the
     * auxiliary head) at least the body and the output layer. A refresh recomputes W/σ from the current W; in
     * training mode u also takes a power-iteration step, in eval mode it stays.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"concat", "projection", "acgan", "infogan"})
    void everyPathIntoAnAssembledDiscriminatorRefreshesTheLayersItUses(String kind) {
        try (PointerScope scope = new PointerScope()) {
            Discriminator d = assembled(kind, 8);
            Tensor x = input(DCGAN28, 2);
            Tensor labels = kind.equals("infogan") ? null : Tensors.fromInts(new int[] {1, 2});
            List<SpectralNorm> all = d.spectralNorms();
            assertEquals(all.size(), us(d).size(), "one u per normalised layer: " + us(d).keySet());

            d.eval();
            Map<String, float[]> start = us(d);
            perturb(all);
            d.judge(x, labels);
            assertRefreshed(all, all, kind + ", eval-mode judge");
            us(d).forEach((name, u) -> assertArrayEquals(start.get(name), u, 0f, "eval mode keeps " + name));

            d.train(true);
            perturb(all);
            d.judge(x, labels);
            assertRefreshed(all, all, kind + ", judge");
            Map<String, float[]> afterJudge = us(d);
            assertStepped(start, afterJudge, kind + ", judge");
            if (!kind.equals("infogan")) {
                perturb(all);
                d.given(labels).forward(x);   // what WGAN-GP and R1 call
                assertRefreshed(all, all, kind + ", labelled view");
                assertStepped(afterJudge, us(d), kind + ", labelled view");
            }
            if (kind.equals("acgan") || kind.equals("infogan")) {
                perturb(all);
                d.forward(x);
                List<SpectralNorm> used = all.stream()
                        .filter(sn -> !auxiliaryHead(d, sn)).toList();
                assertEquals(3, used.size(), "two body convolutions and the output layer");
                assertRefreshed(used, used, kind + ", forward");   // (AC-GAN's also refreshes its classifier: harmless)
            }
        }
    }

    /** Whether {@code sn} normalises a layer of AC-GAN's classifier or InfoGAN's Q head (by the layer's name in D). */
    private static boolean auxiliaryHead(Discriminator d, SpectralNorm sn) {
        var modules = d.named_modules();
        for (long i = 0; i < modules.size(); i++) {
            if (modules.get(i).access().address() == sn.layer().address()) {
                String name = modules.get(i).key().getString();
                return name.startsWith("classifier") || name.startsWith("q.");
            }
        }
        throw new AssertionError("a normalised layer of " + sn.weight().size(0) + " rows is not a module of D");
    }

    /** Moves every W a little, so a forward weight left from an earlier W/σ no longer matches. */
    private static void perturb(List<SpectralNorm> layers) {
        try (NoGradGuard guard = new NoGradGuard()) {
            for (SpectralNorm sn : layers) {
                sn.weight().add_(torch.randn(sn.weight().sizes().vec().get()).mul(new Scalar(1e-2)));
            }
        }
    }

    /** Of the layers {@code all}, the forward weight is the current W/σ if and only if the layer is in {@code used}. */
    private static void assertRefreshed(List<SpectralNorm> all, List<SpectralNorm> used, String what) {
        for (SpectralNorm sn : all) {
            float[] want;
            try (NoGradGuard guard = new NoGradGuard()) {
                want = Tensors.toFloats(sn.weight().div(new Scalar(sn.sigma())));
            }
            float[] got = Tensors.toFloats(forwardWeight(sn.layer()));
            double worst = 0;
            for (int i = 0; i < want.length; i++) {
                worst = Math.max(worst, Math.abs(want[i] - got[i]));
            }
            assertEquals(used.contains(sn), worst < 1e-5, what + ": layer of " + sn.weight().size(0) + " rows, off by " + worst);
        }
    }

    /** Every u of more than one element moved (a one-row layer's u is ±1 and cannot). */
    private static void assertStepped(Map<String, float[]> before, Map<String, float[]> after, String what) {
        assertEquals(before.keySet(), after.keySet());
        for (String name : before.keySet()) {
            if (before.get(name).length > 1) {
                assertFalse(Arrays.equals(before.get(name), after.get(name)), what + " must step " + name);
            }
        }
    }

    /** u lives as a buffer under its layer's own name, so checkpoints (which save buffers) carry it. */
    @Test
    void theVectorsOfAssembledDiscriminatorsAreBuffersUnderTheirLayersNames() {
        try (PointerScope scope = new PointerScope()) {
            List<String> body = List.of("body.layers.0.weight_u", "body.layers.2.weight_u", "output.weight_u");
            assertEquals(body, List.copyOf(us(assembled("concat", 1)).keySet()), "the concat embedding is an input, not a layer");
            assertEquals(concat(body, "embedding.weight_u"), List.copyOf(us(assembled("projection", 1)).keySet()));
            assertEquals(concat(body, "classifier.weight_u"), List.copyOf(us(assembled("acgan", 1)).keySet()));
            assertEquals(concat(body, "q.layers.0.weight_u", "q.layers.3.weight_u"),
                    List.copyOf(us(assembled("infogan", 1)).keySet()));
        }
    }

    private static List<String> concat(List<String> a, String... more) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(more));
        return out;
    }

    /** The start vectors u and v are drawn from the seed only, so a rebuilt network before a resume has the same. */
    @Test
    void assembledStartVectorsDependOnTheSeedOnly() {
        try (PointerScope scope = new PointerScope()) {
            for (String kind : List.of("projection", "infogan")) {
                Map<String, float[]> a = us(assembled(kind, 11));
                Map<String, float[]> b = us(assembled(kind, 11));
                Map<String, float[]> other = us(assembled(kind, 12));
                for (String name : a.keySet()) {
                    assertArrayEquals(a.get(name), b.get(name), 0f, kind + ": " + name);
                }
                assertFalse(a.keySet().stream().allMatch(n -> Arrays.equals(a.get(n), other.get(n))), kind + ": another seed");
            }
        }
    }

    @Test
    void parametersAreUnchangedAndUAndVAreBuffers() {
        NetworkSpec spec = new NetworkSpec(SampleShape.image(1, 28, 28), 100, 64);
        Discriminator d = normalised("dcgan", spec, 1);
        // The same count as without normalisation (NetworkShapesTest: DCGAN-28's D, SPEC B2).
        assertEquals(138_817, d.parameterCount());
        List<String> names = new ArrayList<>();
        var buffers = d.named_buffers();
        for (long i = 0; i < buffers.size(); i++) {
            String name = buffers.get(i).key().getString();
            if (name.contains("weight_")) {
                names.add(name + Tensors.toFloats(buffers.get(i).access()).length);
                assertFalse(buffers.get(i).access().requires_grad(), name + " takes no gradient");
            }
        }
        // Conv(1→64, k4): u 64, v 16; Conv(64→128, k4): u 128, v 1024; Linear(6272→1): u 1, v 6272.
        assertEquals(List.of("layers.0.weight_u64", "layers.0.weight_v16", "layers.2.weight_u128", "layers.2.weight_v1024",
                "layers.6.weight_u1", "layers.6.weight_v6272"), names);
        assertThrows(IllegalStateException.class, d::applySpectralNorm);
    }

    @Test
    void evalModeUsesTheStoredVectorsWithoutUpdatingThem() {
        try (PointerScope scope = new PointerScope()) {
            Discriminator d = normalised("mlp", POINTS, 2);
            SpectralNorm first = d.spectralNorms().get(0);
            try (NoGradGuard guard = new NoGradGuard()) {
                first.weight().mul_(new Scalar(3.0));   // W changed: the power iteration has work to do
            }
            Tensor x = input(POINTS, 8);
            float[] u = Tensors.toFloats(d.named_buffers().get("layers.1.weight_u"));
            d.eval();
            float[] y1 = Tensors.toFloats(d.forward(x));
            float[] y2 = Tensors.toFloats(d.forward(x));
            assertArrayEquals(u, Tensors.toFloats(d.named_buffers().get("layers.1.weight_u")), 0f);
            assertArrayEquals(y1, y2, 0f);
            d.train(true);
            d.forward(x);
            assertFalse(Arrays.equals(u, Tensors.toFloats(d.named_buffers().get("layers.1.weight_u"))),
                    "a training forward takes a power-iteration step");
        }
    }

    /**
     * The gradient reaches the trained W and is the one of Miyato et al. (2018), eq. 12:
     * ∂L/∂W = (G − ⟨G, W_SN⟩·u vᵀ) / σ, with G = ∂L/∂W_SN, for u and v held constant.
     */
    @Test
    void theGradientReachesTheTrainedWeightThroughSigma() {
        try (PointerScope scope = new PointerScope()) {
            Discriminator d = normalised("mlp", POINTS, 4);
            SpectralNorm hidden = d.spectralNorms().get(0);
            LinearImpl layer = (LinearImpl) hidden.layer();
            Tensor x = input(POINTS, 8);
            Tensor out = d.forward(x);
            Tensor used = layer.weight();               // W_SN of this forward
            used.retain_grad();
            out.sum().backward();
            Tensor g = used.grad();
            Tensor u = d.named_buffers().get("layers.1.weight_u");
            Tensor v = d.named_buffers().get("layers.1.weight_v");
            double sigma = hidden.sigma();
            Tensor expected = g.sub(torch.outer(u, v).mul(new Scalar(g.mul(used).sum().item_double())))
                    .div(new Scalar(sigma));
            float[] want = Tensors.toFloats(expected);
            float[] got = Tensors.toFloats(hidden.weight().grad());
            assertEquals(want.length, got.length);
            double scale = 0;
            for (float w : want) {
                scale = Math.max(scale, Math.abs(w));
            }
            assertTrue(scale > 1e-3, "a non-trivial gradient");
            assertArrayEquals(want, got, (float) (1e-5 * scale));
        }
    }

    @Test
    void aTrainingStepMovesTheTrainedWeight() {
        try (PointerScope scope = new PointerScope()) {
            Discriminator d = normalised("dcgan", DCGAN28, 6);
            Optimizer opt = Optimizers.adam(d.parameters(), 1e-2, 0.5, 0.999);
            List<float[]> before = new ArrayList<>();
            for (SpectralNorm sn : d.spectralNorms()) {
                before.add(Tensors.toFloats(sn.weight()));
            }
            opt.zero_grad();
            d.forward(input(DCGAN28, 4)).mean().backward();
            opt.step();
            for (int i = 0; i < before.size(); i++) {
                float[] after = Tensors.toFloats(d.spectralNorms().get(i).weight());
                double moved = 0;
                for (int j = 0; j < after.length; j++) {
                    moved = Math.max(moved, Math.abs(after[j] - before.get(i)[j]));
                }
                // Adam's first step moves every weight with a non-zero gradient by about lr.
                assertEquals(1e-2, moved, 2e-3, "layer " + i);
            }
        }
    }
}
