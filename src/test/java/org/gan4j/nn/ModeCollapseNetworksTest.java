package org.gan4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.BadInputException;
import org.gan4j.data.SampleShape;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Tensors;
import org.junit.jupiter.api.Test;

/** PacGAN's toy networks, the packed discriminator and the minibatch standard deviation feature. */
class ModeCollapseNetworksTest {
    private static final NetworkSpec POINTS = new NetworkSpec(SampleShape.vector(2), 2, 400);

    /** G: 4 × (Linear without bias, BatchNorm, ReLU) + Linear; D: 3 maxout layers of 200 units × 5 pieces + Linear. */
    @Test
    void pacganMlpHasTheSizesOfTheirCode() {
        Engine.ensureLoaded();
        Architecture a = Architectures.get("pacgan-mlp");
        try (PointerScope scope = new PointerScope()) {
            Generator g = a.generator(POINTS);
            Discriminator d = a.discriminator(POINTS);
            long bn = 2 * 400;
            assertEquals(2 * 400 + bn + 3 * (400 * 400 + bn) + 400 * 2 + 2, g.parameterCount());
            assertEquals(2 * 1000 + 1000 + 2 * (200 * 1000 + 1000) + 200 + 1, d.parameterCount());
            Tensor z = torch.randn(16, 2);
            assertArrayEquals(new long[] {16, 2}, g.forward(z).sizes().vec().get());
            assertArrayEquals(new long[] {16, 1}, d.forward(torch.randn(16, 2)).sizes().vec().get());
            assertThrows(BadInputException.class, () -> a.checkSupports(SampleShape.image(1, 28, 28)));
        }
    }

    /** A maxout unit is the largest of its 5 pieces: with all but one piece's weights zeroed, D's first layer is ReLU-like max(w·x + b, 0-pieces). */
    @Test
    void maxoutKeepsTheLargestPiece() {
        Engine.ensureLoaded();
        try (PointerScope scope = new PointerScope(); NoGradGuard guard = new NoGradGuard()) {
            MaxoutMlp m = new MaxoutMlp(2, 3, 1, 2);
            Tensor x = torch.randn(5, 2);
            TensorVector p = m.parameters();                 // weight (6×2), bias (6)
            Tensor lin = torch.addmm(p.get(1), x, p.get(0).t());   // 5×6, unit u's pieces at 2u, 2u+1
            float[] all = Tensors.toFloats(lin);
            float[] got = Tensors.toFloats(m.forward(x));
            for (int i = 0; i < 5; i++) {
                for (int u = 0; u < 3; u++) {
                    assertEquals(Math.max(all[i * 6 + 2 * u], all[i * 6 + 2 * u + 1]), got[i * 3 + u], 1e-6f);
                }
            }
        }
    }

    /** pack 2: D sees B/2 packs of 2d values, and its logits are the inner D's on the hand-concatenated batch. */
    @Test
    void aPackedDiscriminatorJudgesHandConcatenatedPairs() {
        Engine.ensureLoaded();
        try (PointerScope scope = new PointerScope(); NoGradGuard guard = new NoGradGuard()) {
            for (String model : new String[] {"mlp", "pacgan-mlp"}) {
                Discriminator d = Networks.discriminator(Architectures.get(model), new NetworkSpec(SampleShape.vector(2), 2, 64), 2, false);
                PackedDiscriminator packed = assertInstanceOf(PackedDiscriminator.class, d);
                Tensor x = torch.randn(6, 2);
                Tensor out = d.forward(x);
                assertArrayEquals(new long[] {3, 1}, out.sizes().vec().get());
                float[] v = Tensors.toFloats(x);
                float[] pairs = new float[12];
                for (int i = 0; i < 3; i++) {     // pack i = (x_2i, x_2i+1)
                    System.arraycopy(v, 4 * i, pairs, 4 * i, 4);
                }
                Tensor byHand = Tensors.fromFloats(pairs, new long[] {3, 4});
                assertArrayEquals(Tensors.toFloats(packed.inner().forward(byHand)), Tensors.toFloats(out), 0f, model);
                assertEquals(4, packed.inner().parameters().get(0).size(1), model + ": D's first layer takes 2 × 2 inputs");
                assertThrows(IllegalArgumentException.class, () -> d.forward(torch.randn(5, 2)), "5 is no multiple of 2");
            }
        }
    }

    /** Images pack along the channels: pack i's channels are sample 2i's then 2i+1's. */
    @Test
    void imagesPackAlongTheChannels() {
        Engine.ensureLoaded();
        try (PointerScope scope = new PointerScope()) {
            Tensor x = torch.arange(new org.bytedeco.pytorch.Scalar(4 * 3 * 2 * 2)).reshape(4, 3, 2, 2);
            Tensor p = PackedDiscriminator.pack(x, 2);
            assertArrayEquals(new long[] {2, 6, 2, 2}, p.sizes().vec().get());
            assertArrayEquals(Tensors.toFloats(torch.cat(new TensorVector(x.select(0, 2), x.select(0, 3)), 0).toType(torch.ScalarType.Float)),
                    Tensors.toFloats(p.select(0, 1).toType(torch.ScalarType.Float)), 0f);
            assertEquals(SampleShape.image(6, 2, 2), PackedDiscriminator.packedShape(SampleShape.image(3, 2, 2), 2));
            assertEquals(SampleShape.vector(8), PackedDiscriminator.packedShape(SampleShape.vector(2), 4));
        }
    }

    /** pack 1 without the std feature is the family's D itself: same class, same weights for the same seed, same logits. */
    @Test
    void packOneIsTheFamilysDiscriminator() {
        Engine.ensureLoaded();
        try (PointerScope scope = new PointerScope(); NoGradGuard guard = new NoGradGuard()) {
            Architecture a = Architectures.get("mlp");
            NetworkSpec spec = new NetworkSpec(SampleShape.vector(2), 8, 32);
            Engine.seed(3);
            Discriminator plain = Networks.discriminator(a, spec);
            Engine.seed(3);
            Discriminator viaRemedies = Networks.discriminator(a, spec, 1, false);
            assertEquals(plain.getClass(), viaRemedies.getClass());
            Tensor x = torch.randn(7, 2);
            assertArrayEquals(Tensors.toFloats(plain.forward(x)), Tensors.toFloats(viaRemedies.forward(x)), 0f);
            assertThrows(IllegalArgumentException.class, () -> Networks.discriminator(a, spec, 0, false));
        }
    }

    /** Identical rows: the std feature is √1e-8 ≈ 1e-4 in every row; otherwise the mean over features of each feature's batch std. */
    @Test
    void theMinibatchStdFeatureIsTheMeanFeatureStdOfTheBatch() {
        Engine.ensureLoaded();
        try (PointerScope scope = new PointerScope()) {
            Tensor same = torch.ones(5, 3).mul(new org.bytedeco.pytorch.Scalar(2.5));
            float[] s = Tensors.toFloats(FeatureDiscriminator.appendStd(same));
            for (int i = 0; i < 5; i++) {
                assertEquals(2.5f, s[4 * i], 0f);
                assertEquals(1e-4, s[4 * i + 3], 1e-6);
            }
            float[] h = {0, 1, 2, 3, 4, 5};                      // 3 rows × 2 features: columns {0, 2, 4} and {1, 3, 5}
            float[] t = Tensors.toFloats(FeatureDiscriminator.appendStd(Tensors.fromFloats(h, new long[] {3, 2})));
            double std = Math.sqrt(8.0 / 3 + 1e-8);              // population std of {0, 2, 4}, the same for {1, 3, 5}
            for (int i = 0; i < 3; i++) {
                assertEquals(std, t[3 * i + 2], 1e-6);
            }
        }
    }

    /** With the std feature one sample's logit depends on the others in its batch (a collapsed batch looks different to D). */
    @Test
    void aMinibatchStdDiscriminatorSeesTheWholeBatch() {
        Engine.ensureLoaded();
        try (PointerScope scope = new PointerScope(); NoGradGuard guard = new NoGradGuard()) {
            for (String model : new String[] {"mlp", "pacgan-mlp"}) {
                Architecture a = Architectures.get(model);
                assertTrue(a.supportsMinibatchStd());
                Discriminator d = Networks.discriminator(a, new NetworkSpec(SampleShape.vector(2), 2, 32), 1, true);
                Discriminator plain = Networks.discriminator(a, new NetworkSpec(SampleShape.vector(2), 2, 32));
                assertEquals(plain.parameterCount() + 1, d.parameterCount(), "one more input weight in D's last layer");
                Tensor x = torch.randn(4, 2);
                Tensor y = x.clone();
                y.select(0, 3).mul_(new org.bytedeco.pytorch.Scalar(10));
                assertFalse(Tensors.toFloats(d.forward(x))[0] == Tensors.toFloats(d.forward(y))[0], model);
                assertEquals(Tensors.toFloats(plain.forward(x))[0], Tensors.toFloats(plain.forward(y))[0], 0f, model + " without it: per sample");
            }
            var e = assertThrows(BadInputException.class, () -> Architectures.get("dcgan").minibatchStdDiscriminator(
                    new NetworkSpec(SampleShape.image(1, 28, 28), 100, 64)));
            assertTrue(e.getMessage().contains("MLP discriminator"), e.getMessage());
        }
    }
}
