package org.gan4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.BadInputException;
import org.gan4j.data.SampleShape;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Tensors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ProGAN's growing networks: shapes at every stage, the fade-in's two ends, the gains and the minibatch std. */
class ProGanTest {
    static final SampleShape GRAY32 = new SampleShape(1, 32, 32, true);
    static final SampleShape RGB16 = new SampleShape(3, 16, 16, true);

    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    private static ProGanGenerator generator(SampleShape shape) {
        Engine.seed(3);
        return (ProGanGenerator) new ProGanArchitecture().generator(new NetworkSpec(shape, 8, 6));
    }

    private static ProGanDiscriminator discriminator(SampleShape shape) {
        Engine.seed(4);
        return (ProGanDiscriminator) new ProGanArchitecture().discriminator(new NetworkSpec(shape, 8, 6));
    }

    private static float[] run(Module net, Growing.Stage stage, Tensor input) {
        ((Growing) net).stage(stage);
        try (NoGradGuard guard = new NoGradGuard()) {
            Tensor out = net instanceof Generator g ? g.forward(input) : ((Discriminator) net).forward(input);
            return Tensors.toFloats(out);
        }
    }

    private static List<Growing.Stage> stages(int target) {
        List<Growing.Stage> s = new java.util.ArrayList<>(List.of(Growing.Stage.stable(4)));
        for (int r = 8; r <= target; r *= 2) {
            s.addAll(List.of(new Growing.Stage(r, 0), new Growing.Stage(r, 0.3), Growing.Stage.stable(r)));
        }
        return s;
    }

    @Test
    void everyStageMakesTargetSizedImagesAndOneLogitEach() {
        for (SampleShape shape : List.of(GRAY32, RGB16)) {
            ProGanGenerator g = generator(shape);
            ProGanDiscriminator d = discriminator(shape);
            for (Growing.Stage s : stages(shape.height())) {
                g.stage(s);
                d.stage(s);
                assertEquals(s, g.stage(), "the buffer holds the stage");
                try (NoGradGuard guard = new NoGradGuard()) {
                    Tensor images = g.forward(torch.randn(5, 8));
                    assertArrayEquals(new long[] {5, shape.channels(), shape.height(), shape.width()}, images.sizes().vec().get(), s.toString());
                    Tensor logits = d.forward(images);
                    assertArrayEquals(new long[] {5, 1}, logits.sizes().vec().get(), s.toString());
                    // at r×r the target-sized image is made of (T/r)×(T/r) blocks of one value
                    int block = shape.height() / s.resolution();
                    Tensor small = images.slice(2, new LongOptional(0), new LongOptional(shape.height()), block)
                            .slice(3, new LongOptional(0), new LongOptional(shape.width()), block);
                    Tensor back = nearest(small, block);
                    assertArrayEquals(Tensors.toFloats(back), Tensors.toFloats(images), 0f, "nearest-upsampled from " + s);
                }
            }
            assertThrows(IllegalArgumentException.class, () -> g.stage(Growing.Stage.stable(shape.height() * 2)));
            g.release();
            d.release();
        }
    }

    @Test
    void aFadeInStartsAtTheOldNetworkUpsampledAndEndsAtTheNewBlock() {
        ProGanGenerator g = generator(GRAY32);
        ProGanDiscriminator d = discriminator(GRAY32);
        Engine.seed(5);
        Tensor z = torch.randn(4, 8);
        Tensor x = torch.randn(4, 1, 32, 32);
        for (int r = 8; r <= 32; r *= 2) {
            float[] oldG = run(g, Growing.Stage.stable(r / 2), z);
            float[] newG = run(g, Growing.Stage.stable(r), z);
            assertArrayEquals(oldG, run(g, new Growing.Stage(r, 0), z), 0f, "G: alpha 0 is the old network, upsampled");
            assertFalse(Arrays.equals(oldG, newG), "the new block changes the image");
            assertArrayEquals(newG, run(g, new Growing.Stage(r, 1), z), 0f);
            assertArrayEquals(blend(oldG, newG, 0.25), run(g, new Growing.Stage(r, 0.25), z), 1e-5f, "G: (1 - a) old + a new");

            float[] oldD = run(d, Growing.Stage.stable(r / 2), x);
            float[] newD = run(d, Growing.Stage.stable(r), x);
            // pooling T→r/2 at once or T→r→r/2 rounds differently
            assertArrayEquals(oldD, run(d, new Growing.Stage(r, 0), x), 1e-6f, "D: alpha 0 is the old network on the pooled image");
            assertFalse(Arrays.equals(oldD, newD));
            // D blends features, not outputs: check the end points and that α moves the output between them
            float[] mid = run(d, new Growing.Stage(r, 0.5), x);
            assertFalse(Arrays.equals(mid, oldD) || Arrays.equals(mid, newD));
        }
        g.release();
        d.release();
    }

    /** Each pixel repeated as an f×f block. */
    private static Tensor nearest(Tensor t, int f) {
        return t.repeat_interleave(f, new LongOptional(2), new LongOptional()).repeat_interleave(f, new LongOptional(3), new LongOptional());
    }

    private static float[] blend(float[] a, float[] b, double alpha) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) ((1 - alpha) * a[i] + alpha * b[i]);
        }
        return out;
    }

    @Test
    void dSeesTheRealImageAveragePooledToTheStage() {
        ProGanDiscriminator d = discriminator(GRAY32);
        Engine.seed(6);
        Tensor x = torch.randn(4, 1, 32, 32);
        Tensor pooled = torch.avg_pool2d(x, 4, 4);                                     // 8×8
        Tensor blocky = nearest(pooled, 4);                                            // back to 32×32
        Growing.Stage s = Growing.Stage.stable(8);
        assertArrayEquals(run(d, s, blocky), run(d, s, x), 1e-5f, "at 8x8, D of x is D of x pooled to 8x8");
        d.release();
    }

    @Test
    void minibatchStdOfIdenticalSamplesIsZeroSoABatchOfCopiesIsJudgedAsOneSample() {
        ProGanDiscriminator d = discriminator(GRAY32);
        Engine.seed(7);
        Tensor one = torch.randn(1, 1, 32, 32);
        Tensor copies = one.repeat(4, 1, 1, 1);
        Tensor mixed = torch.cat(new org.bytedeco.pytorch.TensorVector(one, torch.randn(3, 1, 32, 32)), 0);
        Growing.Stage s = Growing.Stage.stable(32);
        float alone = run(d, s, one)[0];          // a group of one has std 0
        float[] ofCopies = run(d, s, copies);
        for (float v : ofCopies) {
            assertEquals(alone, v, 1e-5f, "std of identical samples is 0");
        }
        assertTrue(Math.abs(run(d, s, mixed)[0] - alone) > 1e-4, "other samples in the group change the std feature");
        assertEquals(4, ProGanDiscriminator.group(8));
        assertEquals(3, ProGanDiscriminator.group(6));
        assertEquals(1, ProGanDiscriminator.group(7));
        d.release();
    }

    @Test
    void everyLayerHasTheEqualisedScaleOfItsGainOverRootFanIn() {
        ProGanGenerator g = generator(GRAY32);
        ProGanDiscriminator d = discriminator(GRAY32);
        int checked = 0;
        for (Map<String, Module> parts : List.of(g.parts(), d.parts())) {
            for (var e : parts.entrySet()) {
                String name = e.getKey();
                double gain = name.equals("input") ? Math.sqrt(2) / 4 : name.startsWith("to_rgb") || name.equals("output") ? 1 : Math.sqrt(2);
                Tensor w = e.getValue() instanceof EqualizedConv2d c ? c.weight() : ((EqualizedLinear) e.getValue()).weight();
                double scale = e.getValue() instanceof EqualizedConv2d c ? c.weightScale() : ((EqualizedLinear) e.getValue()).weightScale();
                long fanIn = w.numel() / w.size(0);
                assertEquals(gain / Math.sqrt(fanIn), scale, 1e-12, name);
                double effective = w.mul(new Scalar(scale)).std().item_double();
                if (w.numel() >= 500) {   // enough values for the sample std to be near its expectation
                    assertEquals(gain / Math.sqrt(fanIn), effective, 0.15 * gain / Math.sqrt(fanIn), name);
                }
                checked++;
            }
        }
        assertEquals(2 + 4 + 3 * 2 + 4 + 3 * 2 + 3, checked, "G: input and its conv, 4 toRGB, 3 blocks of 2; D: 4 fromRGB, 3 blocks of 2, 3 final");
        g.release();
        d.release();
    }

    @Test
    void forwardWorkCountsTheLayersOfTheStage() {
        ProGanGenerator g = generator(GRAY32);
        ProGanDiscriminator d = discriminator(GRAY32);
        g.stage(Growing.Stage.stable(4));
        d.stage(Growing.Stage.stable(4));
        assertEquals(8 * 16 * 6 + 16 * 6 * 6 * 9 + 16 * 6, g.forwardMacs(), "dense, 4x4 conv, toRGB");
        assertEquals(16 * 6 + 16 * 7 * 6 * 9 + 16 * 6 * 6 + 6, d.forwardMacs(), "fromRGB, final conv (with the std channel), dense, output");
        g.stage(new Growing.Stage(8, 0.5));
        assertEquals(8 * 16 * 6 + 16 * 6 * 6 * 9 + 64 * 9 * 2 * 36 + 64 * 6 + 16 * 6, g.forwardMacs(), "+ block8, toRGB8 and toRGB4");
        g.stage(Growing.Stage.stable(32));
        // 32×32 has 3 maps (6 halved): block32 is 6→3 then 3→3
        assertEquals(8 * 16 * 6 + 16 * 6 * 6 * 9 + 64 * 9 * 72 + 256 * 9 * 72 + 1024 * 9 * (18 + 9) + 1024 * 3, g.forwardMacs());
        g.release();
        d.release();
    }

    @Test
    void aSideThatIsNotAPowerOfTwoOfAtLeastEightIsOneLine() {
        for (SampleShape bad : List.of(new SampleShape(1, 28, 28, true), new SampleShape(1, 4, 4, true), new SampleShape(2, 1, 1, false))) {
            BadInputException e = assertThrows(BadInputException.class, () -> new ProGanArchitecture().checkSupports(bad));
            assertTrue(e.getMessage().contains("power of two of at least 8") && e.getMessage().contains("--image-size"), e.getMessage());
        }
    }
}
