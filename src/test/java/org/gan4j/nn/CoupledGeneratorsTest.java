package org.gan4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.InputArchive;
import org.bytedeco.pytorch.StringVector;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.gan4j.data.SampleShape;
import org.gan4j.engine.ComputeDevice;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Optimizers;
import org.gan4j.engine.ParameterOptimizer;
import org.gan4j.engine.Tensors;
import org.gan4j.train.Checkpoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CoupledGeneratorsTest {
    private static final int LATENT = 8;
    private static final int WIDTH = 4;

    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    private static Tensor z(long batch) {
        return LatentNoise.NORMAL.sample(batch, LATENT, ComputeDevice.CPU);
    }

    @ParameterizedTest(name = "{0} with {1} channel(s)")
    @CsvSource({"mlp,1", "mlp,3", "dcgan,1", "dcgan,3"})
    void bothDomainsMakeImagesInMinusOneToOne(String family, int channels) {
        try (PointerScope scope = new PointerScope()) {
            Engine.seed(1);
            CoupledGenerators g = CoGan.create(family, LATENT, channels, WIDTH).generators();
            assertEquals(OutputRange.SYMMETRIC, g.outputRange());
            assertEquals(SampleShape.image(channels, 28, 28), g.sampleShape());
            Tensor z = z(5);
            for (int d = 0; d < 2; d++) {
                Tensor x = g.forward(z, d);
                assertArrayEquals(new long[] {5, channels, 28, 28}, x.sizes().vec().get());
                for (float v : Tensors.toFloats(x)) {
                    assertTrue(v >= -1f && v <= 1f, "tanh output");
                }
            }
            // Eval mode: BatchNorm's running statistics make both() and the two single calls agree exactly.
            g.eval();
            CoupledGenerators.Pair pair = g.both(z);
            assertArrayEquals(Tensors.toFloats(g.forward(z, 0)), Tensors.toFloats(pair.a()), 0f);
            assertArrayEquals(Tensors.toFloats(g.forward(z, 1)), Tensors.toFloats(pair.get(1)), 0f);
            assertTrue(changed(Tensors.toFloats(pair.a()), Tensors.toFloats(pair.b())), "the domains' own layers differ");
        }
    }

    /** One trunk and two output layers: the single family's generator plus one more output layer. */
    @ParameterizedTest
    @ValueSource(strings = {"mlp", "dcgan"})
    void trunkIsRegisteredOnceBesideTwoOutputLayers(String family) {
        try (PointerScope scope = new PointerScope()) {
            CoupledGenerators g = CoGan.create(family, LATENT, 1, WIDTH).generators();
            var named = g.named_parameters();
            List<String> roots = new ArrayList<>();
            for (long i = 0; i < named.size(); i++) {
                String root = named.get(i).key().getString().split("\\.")[0];
                if (!roots.contains(root)) {
                    roots.add(root);
                }
            }
            assertEquals(List.of("trunk", "output0", "output1"), roots);
            Generator single = Architectures.get(family).generator(new NetworkSpec(SampleShape.image(1, 28, 28), LATENT, WIDTH));
            long head = Tensors.elementCount(g.domainParameters(1));
            assertEquals(single.parameterCount() + head, g.parameterCount(), "the single G's layers, plus a second output layer");
            assertEquals(g.parameterCount(), Tensors.elementCount(g.sharedParameters()) + 2 * head);
        }
    }

    /**
     * The test: a step on domain 0's loss alone moves the shared trunk, which domain 1 then uses
     * (G₁'s output changes), while domain 1's own output layer stays bit for bit.
     */
    @ParameterizedTest
    @ValueSource(strings = {"mlp", "dcgan"})
    void aStepOnDomainZerosLossMovesTheTrunkDomainOneUses(String family) {
        try (PointerScope scope = new PointerScope()) {
            Engine.seed(2);
            CoupledGenerators g = CoGan.create(family, LATENT, 1, WIDTH).generators();
            Tensor z = z(6);
            g.eval();                                 // fixed BatchNorm statistics: outputs move only with weights
            float[] g1Before = Tensors.toFloats(g.generate(z, 1));
            float[] trunkBefore = flat(g.sharedParameters());
            float[] own0Before = flat(g.domainParameters(0));
            float[] own1Before = flat(g.domainParameters(1));
            try (ParameterOptimizer opt = Optimizers.create("adam", g.parameters(), 1e-2, 0.5, 0.999)) {
                opt.zeroGrad();
                g.forward(z, 0).square().mean().backward();
                opt.step();
            }
            assertArrayEquals(own1Before, flat(g.domainParameters(1)), 0f, "domain 1's own layer is untouched");
            assertTrue(changed(trunkBefore, flat(g.sharedParameters())), "the shared trunk moved");
            assertTrue(changed(own0Before, flat(g.domainParameters(0))), "domain 0's own layer moved");
            assertTrue(changed(g1Before, Tensors.toFloats(g.generate(z, 1))), "so G1(z) moved with the trunk");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "dcgan"})
    void theExistingCheckpointSavesTheTrunkOnceAndRestoresBothDomains(String family, @TempDir Path dir) {
        Path file = dir.resolve("cogan.pt");
        try (PointerScope scope = new PointerScope()) {
            Engine.seed(3);
            CoGan saved = CoGan.create(family, LATENT, 1, WIDTH);
            Tensor z = z(4);
            // one training-mode pass so BatchNorm's running statistics differ from a fresh network's
            saved.generators().both(z);
            try (ParameterOptimizer og = Optimizers.create("adam", saved.generators().parameters(), 1e-3, 0.5, 0.999);
                 ParameterOptimizer od = Optimizers.create("adam", saved.discriminators().parameters(), 1e-3, 0.5, 0.999)) {
                Checkpoint.save(file, saved.generators(), null, saved.discriminators(), og, od,
                        new Checkpoint.State(Checkpoint.FORMAT, 1, 0, 1, "{}"));
            }
            InputArchive root = new InputArchive();
            root.load_from(file.toString());
            assertEquals(List.of("output0", "output1", "trunk"), childKeys(root, "generator"));
            assertEquals(List.of("body", "input0", "input1"), childKeys(root, "discriminator"));

            Engine.seed(4);
            CoGan loaded = CoGan.create(family, LATENT, 1, WIDTH);
            try (ParameterOptimizer og = Optimizers.create("adam", loaded.generators().parameters(), 1e-3, 0.5, 0.999);
                 ParameterOptimizer od = Optimizers.create("adam", loaded.discriminators().parameters(), 1e-3, 0.5, 0.999)) {
                Checkpoint.load(file, loaded.generators(), null, loaded.discriminators(), og, od);
            }
            for (int d = 0; d < 2; d++) {
                Tensor a = saved.generators().generate(z, d);
                Tensor b = loaded.generators().generate(z, d);
                assertArrayEquals(Tensors.toFloats(a), Tensors.toFloats(b), 0f);
                saved.discriminators().eval();
                loaded.discriminators().eval();
                assertArrayEquals(Tensors.toFloats(saved.discriminators().forward(a, d)),
                        Tensors.toFloats(loaded.discriminators().forward(a, d)), 0f);
            }
        }
    }

    @Test
    void generateSamplesInChunksInEvalModeAndTheViewsAgree() {
        try (PointerScope scope = new PointerScope()) {
            Engine.seed(5);
            CoupledGenerators g = CoGan.create("dcgan", LATENT, 1, WIDTH).generators();
            int n = Generator.GENERATION_CHUNK + 3;
            Tensor z = z(n);
            g.train(true);
            float[] chunked = Tensors.toFloats(g.generate(z, 1));
            assertTrue(g.is_training(), "generate restores the training flag");
            Generator view = g.domain(1);
            assertSame(view, g.domain(1));
            assertEquals(0, view.parameterCount());
            assertArrayEquals(chunked, Tensors.toFloats(view.generate(z, null)), 0f);
            assertArrayEquals(chunked, Tensors.toFloats(g.generateBoth(z).b()), 0f);
            g.eval();
            assertArrayEquals(Tensors.toFloats(g.forward(z, 1)), chunked, 1e-5f);
            assertArrayEquals(Tensors.toFloats(g.forward(z, 0)), Tensors.toFloats(g.domain(0).forward(z)), 0f);
        }
    }

    @Test
    void refusesCallsWithoutAValidDomain() {
        try (PointerScope scope = new PointerScope()) {
            CoupledGenerators g = CoGan.create("mlp", LATENT, 1, WIDTH).generators();
            Tensor z = z(2);
            assertTrue(assertThrows(IllegalStateException.class, () -> g.forward(z)).getMessage().contains("domain"));
            assertThrows(IllegalStateException.class, () -> g.generate(z, null));
            assertThrows(IllegalArgumentException.class, () -> g.forward(z, 2));
            assertThrows(IllegalArgumentException.class, () -> g.domain(-1));
        }
    }

    /** The parts and views hold Java references to every layer, so a GC frees none of them under the network. */
    @Test
    void layersSurviveGarbageCollection() throws Exception {
        CoGan cogan = CoGan.create("dcgan", LATENT, 1, WIDTH);
        Tensor z = z(3);
        float[] before;
        try (PointerScope scope = new PointerScope()) {
            before = Tensors.toFloats(cogan.generators().generate(z, 0));
        }
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }
        cogan.generators().train(true);
        cogan.discriminators().train(true);
        try (PointerScope scope = new PointerScope()) {
            assertArrayEquals(before, Tensors.toFloats(cogan.generators().generate(z, 0)), 0f);
            cogan.discriminators().forward(cogan.generators().forward(z, 1), 1);
        }
    }

    static float[] flat(TensorVector params) {
        List<float[]> parts = new ArrayList<>();
        int n = 0;
        for (long i = 0; i < params.size(); i++) {
            float[] p = Tensors.toFloats(params.get(i));
            parts.add(p);
            n += p.length;
        }
        float[] out = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static boolean changed(float[] before, float[] after) {
        for (int i = 0; i < before.length; i++) {
            if (before[i] != after[i]) {
                return true;
            }
        }
        return false;
    }

    private static List<String> childKeys(InputArchive root, String key) {
        InputArchive child = new InputArchive();
        root.read(key, child);
        StringVector keys = child.keys();
        List<String> out = new ArrayList<>();
        for (long i = 0; i < keys.size(); i++) {
            out.add(keys.get(i).getString());
        }
        out.sort(null);
        return out;
    }
}
