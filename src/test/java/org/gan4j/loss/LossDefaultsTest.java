package org.gan4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.gan4j.BadInputException;
import org.gan4j.config.TrainConfig;
import org.junit.jupiter.api.Test;

/** The losses' paper defaults as {@link TrainConfig#resolve()} applies them, under the user's keys. */
class LossDefaultsTest {
    private static TrainConfig.Builder mlp(String loss) {
        return TrainConfig.builder().model("mlp").dataset("ring8").loss(loss);
    }

    @Test
    void wganTrainsWithRmspropAtFiveTimesTenToTheMinusFiveAndFiveCriticSteps() {
        TrainConfig c = mlp("wgan").build().resolve();
        assertEquals("rmsprop", c.optimiser().optimizer());
        assertEquals(5e-5, c.optimiser().lrG());
        assertEquals(5e-5, c.optimiser().lrD());
        assertEquals(5, c.optimiser().dSteps());
        assertNull(c.optimiser().beta1(), "RMSprop has no betas");
        assertNull(c.optimiser().beta2());
    }

    @Test
    void wganGpTrainsWithAdamAtTenToTheMinusFourBetasZeroAndPointNine() {
        TrainConfig c = mlp("wgan-gp").build().resolve();
        assertEquals("adam", c.optimiser().optimizer());
        assertEquals(1e-4, c.optimiser().lrD());
        assertEquals(0.0, c.optimiser().beta1());
        assertEquals(0.9, c.optimiser().beta2());
        assertEquals(5, c.optimiser().dSteps());
    }

    /** Gulrajani et al. 2017, §4: no BatchNorm in the critic, layer norm instead; other losses keep DCGAN's. */
    @Test
    void wganGpsCriticUsesLayerNormUnlessTheUserChoosesOtherwise() {
        TrainConfig.Builder dcgan = TrainConfig.builder().model("dcgan");
        assertEquals("layer", dcgan.loss("wgan-gp").build().resolve().networks().dNorm());
        assertEquals("none", dcgan.loss("wgan-gp").dNorm("none").build().resolve().networks().dNorm());
        for (String name : new String[] {"ns", "minimax", "lsgan", "hinge", "wgan"}) {
            assertEquals("batch", dcgan.loss(name).dNorm(null).build().resolve().networks().dNorm(), name);
        }
        assertEquals("layer", TrainConfig.builder().model("infogan").loss("wgan-gp").build().resolve().networks().dNorm());
        assertNull(mlp("wgan-gp").build().resolve().networks().dNorm(), "the MLP's D has no normalisation layers");
    }

    @Test
    void lossesWithoutPaperSettingsKeepTheModels() {
        for (String name : new String[] {"ns", "minimax", "lsgan", "hinge"}) {
            TrainConfig c = mlp(name).build().resolve();
            assertEquals("adam", c.optimiser().optimizer(), name);
            assertEquals(1e-3, c.optimiser().lrG(), name);
            assertEquals(0.9, c.optimiser().beta1(), name);
            assertEquals(1, c.optimiser().dSteps(), name);
            assertEquals(0.0, c.objective().r1Gamma(), name);
            assertEquals(1.0, c.objective().realLabel(), name);
        }
    }

    @Test
    void keysTheUserSetWinOverTheLosssDefaults() {
        TrainConfig c = mlp("wgan-gp").lrD(3e-4).dSteps(2).beta1(0.5).build().resolve();
        assertEquals(3e-4, c.optimiser().lrD());
        assertEquals(1e-4, c.optimiser().lrG());
        assertEquals(2, c.optimiser().dSteps());
        assertEquals(0.5, c.optimiser().beta1());
        assertEquals(0.9, c.optimiser().beta2());
        TrainConfig adam = mlp("wgan").optimizer("adam").build().resolve();
        assertEquals("adam", adam.optimiser().optimizer());
        assertEquals(0.9, adam.optimiser().beta1());
    }

    @Test
    void aResolvedConfigResolvesToItself() {
        for (String name : Losses.names()) {
            TrainConfig c = mlp(name).build().resolve();
            assertEquals(c, c.resolve(), name);
        }
    }

    @Test
    void impossibleCombinationsFailNamingTheKey() {
        assertEquals("'d-norm' applies to models whose D has normalisation layers (dcgan, infogan), not mlp",
                assertThrows(BadInputException.class, () -> mlp("ns").dNorm("layer").build().resolve()).getMessage());
        assertEquals("invalid 'd-norm': 'group' (use batch, layer, none)",
                assertThrows(BadInputException.class,
                        () -> TrainConfig.builder().dNorm("group").build().resolve()).getMessage());
        assertEquals("'beta1' and 'beta2' apply only to the adam optimizer, not rmsprop",
                assertThrows(BadInputException.class, () -> mlp("wgan").beta1(0.5).build().resolve()).getMessage());
        assertEquals("invalid 'optimizer': 'sgd' (use adam or rmsprop)",
                assertThrows(BadInputException.class, () -> mlp("ns").optimizer("sgd").build().resolve()).getMessage());
        assertEquals("'real-label' applies only to the cross-entropy losses (ns, minimax), not hinge",
                assertThrows(BadInputException.class, () -> mlp("hinge").realLabel(0.9).build().resolve()).getMessage());
        assertEquals("invalid 'real-label': 1.5 (must be in (0, 1])",
                assertThrows(BadInputException.class, () -> mlp("ns").realLabel(1.5).build().resolve()).getMessage());
        assertEquals("invalid 'r1-gamma': -1.0 (must be 0 (off) or positive)",
                assertThrows(BadInputException.class, () -> mlp("lsgan").r1Gamma(-1).build().resolve()).getMessage());
    }
}
