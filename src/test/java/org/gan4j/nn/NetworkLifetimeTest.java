package org.gan4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.data.SampleShape;
import org.gan4j.engine.ComputeDevice;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Tensors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A network's layers must live as long as the network: JavaCPP frees a native object when its Java
 * wrapper is collected, so a layer referenced only from native code would be freed under the
 * network by the next garbage collection (seen as a crash in Module::train).
 */
class NetworkLifetimeTest {
    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "dcgan"})
    void layersSurviveGarbageCollection(String model) throws Exception {
        NetworkSpec spec = new NetworkSpec(SampleShape.image(1, 28, 28), 8, 8);
        Generator g = Architectures.get(model).generator(spec);
        Discriminator d = Architectures.get(model).discriminator(spec);
        float[] before;
        Tensor z = LatentNoise.NORMAL.sample(3, 8, ComputeDevice.CPU);
        g.eval();
        try (PointerScope scope = new PointerScope()) {
            before = Tensors.toFloats(g.forward(z));
        }
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }
        g.train(true);
        d.train(true);
        g.eval();
        d.eval();
        try (PointerScope scope = new PointerScope()) {
            assertArrayEquals(before, Tensors.toFloats(g.forward(z)), 0f);
            d.forward(g.forward(z));
        }
    }
}
