package org.gan4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bytedeco.pytorch.SequentialImpl;
import org.gan4j.data.SampleShape;
import org.gan4j.engine.Engine;
import org.gan4j.nn.Architectures;
import org.gan4j.nn.Discriminator;
import org.gan4j.nn.Generator;
import org.gan4j.nn.NetworkSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FlopCounterTest {
    private static final NetworkSpec MNIST = new NetworkSpec(SampleShape.image(1, 28, 28), 100, 64);

    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    @Test
    void aLinearLayerIsInTimesOutMacs() {
        assertEquals(784 * 128, FlopCounter.linearMacs(784, 128));
    }

    /** Conv2d(1→64, k4, s2, p1) on 28×28: 14·14 outputs × 64 channels × 1·4·4 taps = 200,704 MACs. */
    @Test
    void aConvLayerIsOutputPixelsTimesKernelVolume() {
        assertEquals(200_704, FlopCounter.conv2dMacs(1, 64, 4, 4, 1, 14, 14));
        // ConvTranspose2d(128→64, k4, s2, p1) on 7×7: 7·7 inputs × 128 × 64·4·4 = 6,422,528 MACs.
        assertEquals(6_422_528, FlopCounter.convTranspose2dMacs(128, 64, 4, 4, 1, 7, 7));
    }

    /** The walk over real layers finds the hand counts: B1's MLP at width 128. */
    @Test
    void theMlpNetworksMatchTheirHandCounts() {
        NetworkSpec spec = new NetworkSpec(SampleShape.image(1, 28, 28), 100, 128);
        Generator g = Architectures.get("mlp").generator(spec);
        Discriminator d = Architectures.get("mlp").discriminator(spec);
        assertEquals(100 * 128 + 128 * 784, FlopCounter.forwardMacs(g));
        assertEquals(784 * 128 + 128, FlopCounter.forwardMacs(d, g));
    }

    /** DCGAN-28 (SPEC B2): G = Linear 100·6272 + ConvT 7·7·128·64·16 + ConvT 14·14·64·1·16; D mirrors it. */
    @Test
    void dcgan28MatchesItsHandCounts() {
        Generator g = Architectures.get("dcgan").generator(MNIST);
        Discriminator d = Architectures.get("dcgan").discriminator(MNIST);
        assertEquals(627_200 + 6_422_528 + 200_704, FlopCounter.forwardMacs(g));
        assertEquals(200_704 + 6_422_528 + 6272, FlopCounter.forwardMacs(d, g));
    }

    /** k = 1: 9 D forwards and 3 G forwards per sample, 2 FLOPs per MAC. */
    @Test
    void anIterationIsNineDiscriminatorAndThreeGeneratorForwards() {
        assertEquals(2.0 * (9 * 10 + 3 * 100) * 64, FlopCounter.iterationFlops(100, 10, 64, 1), 0.0);
        // k = 2 adds a D step: G forward + 2 D forwards + their backward (4 D).
        assertEquals(2.0 * (9 * 10 + 3 * 100 + 100 + 6 * 10) * 64, FlopCounter.iterationFlops(100, 10, 64, 2), 0.0);
    }

    @Test
    void aSequentialIsWalkedDirectly() {
        SequentialImpl s = new SequentialImpl();
        s.push_back(new org.bytedeco.pytorch.LinearImpl(3, 5));
        s.push_back(new org.bytedeco.pytorch.ReLUImpl());
        s.push_back(new org.bytedeco.pytorch.LinearImpl(5, 2));
        assertEquals(3 * 5 + 5 * 2, FlopCounter.forwardMacs(s, 3));
    }
}
