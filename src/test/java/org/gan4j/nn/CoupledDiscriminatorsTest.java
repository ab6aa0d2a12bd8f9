package org.gan4j.nn;

import static org.gan4j.nn.CoupledGeneratorsTest.changed;
import static org.gan4j.nn.CoupledGeneratorsTest.flat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.engine.ComputeDevice;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Optimizers;
import org.gan4j.engine.ParameterOptimizer;
import org.gan4j.engine.Tensors;
import org.gan4j.loss.AdversarialLoss;
import org.gan4j.loss.GradientPenalties;
import org.gan4j.loss.Losses;
import org.gan4j.loss.Targets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CoupledDiscriminatorsTest {
    private static final int WIDTH = 4;

    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    private static Tensor images(long batch, int channels) {
        return torch.rand(batch, channels, 28, 28).mul(new org.bytedeco.pytorch.Scalar(2.0)).sub(new org.bytedeco.pytorch.Scalar(1.0));
    }

    /** B × 1 logits per domain, as every Discriminator gives, so the registered losses apply unchanged. */
    @ParameterizedTest(name = "{0} with {1} channel(s)")
    @CsvSource({"mlp,1", "mlp,3", "dcgan,1", "dcgan,3"})
    void eachDomainGivesOneLogitPerSampleForTheExistingLosses(String family, int channels) {
        try (PointerScope scope = new PointerScope(); Targets targets = new Targets(5, 1.0, ComputeDevice.CPU)) {
            Engine.seed(1);
            CoupledDiscriminators d = CoGan.create(family, 8, channels, WIDTH).discriminators();
            Tensor x = images(5, channels);
            for (int domain = 0; domain < 2; domain++) {
                Tensor logits = d.forward(x, domain);
                assertArrayEquals(new long[] {5, 1}, logits.sizes().vec().get());
                for (String name : Losses.names()) {
                    AdversarialLoss loss = Losses.get(name);
                    double value = loss.discriminatorLoss(logits, d.forward(x.neg(), domain), targets).item_double();
                    assertTrue(Double.isFinite(value), name);
                }
            }
            d.eval();
            assertTrue(changed(Tensors.toFloats(d.forward(x, 0)), Tensors.toFloats(d.forward(x, 1))), "the domains' own layers differ");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "dcgan"})
    void bodyIsRegisteredOnceBesideTwoInputLayers(String family) {
        try (PointerScope scope = new PointerScope()) {
            CoupledDiscriminators d = CoGan.create(family, 8, 1, WIDTH).discriminators();
            var named = d.named_parameters();
            List<String> roots = new ArrayList<>();
            for (long i = 0; i < named.size(); i++) {
                String root = named.get(i).key().getString().split("\\.")[0];
                if (!roots.contains(root)) {
                    roots.add(root);
                }
            }
            assertEquals(List.of("input0", "input1", "body"), roots);
            Discriminator single = Architectures.get(family).discriminator(
                    new NetworkSpec(org.gan4j.data.SampleShape.image(1, 28, 28), 8, WIDTH));
            long input = Tensors.elementCount(d.domainParameters(0));
            assertEquals(single.parameterCount() + input, d.parameterCount(), "the single D's layers, plus a second input layer");
        }
    }

    /** The test for D: a step on domain 0's loss alone moves the shared body, which D₁ then uses; D₁'s input layer stays. */
    @ParameterizedTest
    @ValueSource(strings = {"mlp", "dcgan"})
    void aStepOnDomainZerosLossMovesTheBodyDomainOneUses(String family) {
        try (PointerScope scope = new PointerScope(); Targets targets = new Targets(6, 1.0, ComputeDevice.CPU)) {
            Engine.seed(2);
            CoupledDiscriminators d = CoGan.create(family, 8, 1, WIDTH).discriminators();
            Tensor real = images(6, 1);
            Tensor fake = images(6, 1);
            d.eval();
            float[] d1Before = Tensors.toFloats(d.forward(real, 1));
            float[] bodyBefore = flat(d.sharedParameters());
            float[] own0Before = flat(d.domainParameters(0));
            float[] own1Before = flat(d.domainParameters(1));
            d.train(true);
            try (ParameterOptimizer opt = Optimizers.create("adam", d.parameters(), 1e-2, 0.5, 0.999)) {
                opt.zeroGrad();
                Losses.get("ns").discriminatorLoss(d.forward(real, 0), d.forward(fake, 0), targets).backward();
                opt.step();
            }
            d.eval();
            assertArrayEquals(own1Before, flat(d.domainParameters(1)), 0f, "domain 1's own layer is untouched");
            assertTrue(changed(bodyBefore, flat(d.sharedParameters())), "the shared body moved");
            assertTrue(changed(own0Before, flat(d.domainParameters(0))), "domain 0's own layer moved");
            assertTrue(changed(d1Before, Tensors.toFloats(d.forward(real, 1))), "so D1(x) moved with the body");
        }
    }

    @Test
    void viewsServeCodeThatCallsAPlainDiscriminator() {
        try (PointerScope scope = new PointerScope()) {
            Engine.seed(3);
            CoupledDiscriminators d = CoGan.create("dcgan", 8, 1, WIDTH, DiscriminatorNorm.LAYER).discriminators();
            Tensor x = images(4, 1);
            for (int domain = 0; domain < 2; domain++) {
                Discriminator view = d.domain(domain);
                assertEquals(0, view.parameterCount());
                assertArrayEquals(Tensors.toFloats(d.forward(x, domain)), Tensors.toFloats(view.forward(x)), 0f);
                assertTrue(Double.isFinite(GradientPenalties.r1(view, x, 10.0).item_double()));
            }
            assertThrows(IllegalStateException.class, () -> d.forward(x));
            assertThrows(IllegalStateException.class, () -> d.judge(x, null));
            assertThrows(IllegalArgumentException.class, () -> d.forward(x, 2));
        }
    }

    /** Spectral normalisation reaches every Linear and Conv2d layer of both input layers and the body. */
    @ParameterizedTest
    @CsvSource({"mlp,3", "dcgan,4"})
    void spectralNormCoversBothInputsAndTheBody(String family, int layers) {
        try (PointerScope scope = new PointerScope()) {
            CoupledDiscriminators d = CoGan.create(family, 8, 1, WIDTH).discriminators();
            d.applySpectralNorm();
            assertTrue(d.spectrallyNormalised());
            assertEquals(layers, d.spectralNorms().size());
            assertArrayEquals(new long[] {2, 1}, d.forward(images(2, 1), 1).sizes().vec().get());
            assertThrows(IllegalStateException.class, d::applySpectralNorm);
        }
    }
}
