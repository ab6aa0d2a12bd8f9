package org.gan4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.gan4j.BadInputException;
import org.gan4j.data.SampleShape;
import org.gan4j.nn.Architecture;
import org.gan4j.nn.Architectures;
import org.gan4j.nn.DcGan;
import org.gan4j.nn.Discriminator;
import org.gan4j.nn.Generator;
import org.gan4j.nn.NetworkSpec;
import org.junit.jupiter.api.Test;

/** How {@code image-size} resolves per dataset, and {@link Architecture#preferredSide} choosing it when unset. */
class ImageSizeTest {
    /** DCGAN's networks, but a family that wants power-of-two sides, as progressive growing does. */
    static final class PowerOfTwo implements Architecture {
        private final DcGan dcgan = new DcGan();

        @Override public String name() { return "test-power-of-two"; }
        @Override public String description() { return "DCGAN that prefers 32x32 (test)"; }
        @Override public Defaults defaults() { return dcgan.defaults(); }
        @Override public void checkSupports(SampleShape shape) { dcgan.checkSupports(shape); }
        @Override public Generator generator(NetworkSpec spec) { return dcgan.generator(spec); }
        @Override public Discriminator discriminator(NetworkSpec spec) { return dcgan.discriminator(spec); }

        @Override
        public int preferredSide(SampleShape nativeShape) {
            return nativeShape.height() == 28 ? 32 : 0;
        }
    }

    private static Integer side(String model, String dataset, Integer imageSize) {
        TrainConfig.Builder b = TrainConfig.builder().model(model).dataset(dataset);
        if (imageSize != null) {
            b.imageSize(imageSize);
        }
        return b.build().resolve().data().imageSize();
    }

    @Test
    void the28x28DatasetsAreNativeUnlessAsked() {
        for (String model : new String[] {"dcgan", "mlp"}) {
            assertEquals(28, side(model, "fashion-mnist", null), model + " keeps 28 (DCGAN-28)");
            assertEquals(28, side(model, "mnist", null), model);
            assertEquals(28, side(model, "mnist", 28), model);
            assertEquals(32, side(model, "fashion-mnist", 32), model);
        }
        assertEquals(28, TrainConfig.defaults().resolve().data().imageSize(), "the default run: fashion-mnist as it is");
        assertEquals(0, new DcGan().preferredSide(SampleShape.image(1, 28, 28)));
    }

    @Test
    void otherDatasetsKeepTheirRules() {
        assertEquals(64, side("dcgan", "folder", null));
        assertEquals(28, side("dcgan", "folder", 28));
        assertEquals(32, side("dcgan", "cifar10", null));
        assertNull(side("mlp", "ring8", null), "points have no side; config.json omits it");
        BadInputException e = assertThrows(BadInputException.class, () -> side("mlp", "ring8", 32));
        assertEquals("invalid 'image-size': 32 (dataset ring8 holds points, not images; leave it unset)", e.getMessage());
        e = assertThrows(BadInputException.class, () -> side("dcgan", "folder", 48));
        assertEquals("invalid 'image-size': 48 (folder can be given at 28, 32, 64; the images are resized and cropped to it)",
                e.getMessage());
        e = assertThrows(BadInputException.class, () -> side("dcgan", "cifar10", 28));
        assertEquals("invalid 'image-size': 28 (cifar10 can be given at 32: its own size)", e.getMessage());
    }

    @Test
    void aBadSideForA28x28DatasetNamesTheAllowedOnes() {
        for (int bad : new int[] {64, 30, 0}) {
            BadInputException e = assertThrows(BadInputException.class, () -> side("dcgan", "fashion-mnist", bad));
            assertEquals("invalid 'image-size': " + bad + " (fashion-mnist can be given at 28, 32: 28 is its own size,"
                    + " larger ones pad it with background)", e.getMessage());
        }
    }

    @Test
    void anArchitectureThatPrefers32GetsItOnThe28x28DatasetsOnly() {
        Architectures.register(new PowerOfTwo());
        assertEquals(32, side("test-power-of-two", "fashion-mnist", null));
        assertEquals(32, side("test-power-of-two", "mnist", null));
        assertEquals(28, side("test-power-of-two", "mnist", 28), "a side given wins");
        assertEquals(64, side("test-power-of-two", "folder", null), "folder datasets keep their default");
        assertEquals(32, side("test-power-of-two", "cifar10", null));
        TrainConfig resolved = TrainConfig.builder().model("test-power-of-two").build().resolve();
        assertEquals(resolved, resolved.resolve(), "the resolved side is recorded, so resolving again keeps it");
    }
}
