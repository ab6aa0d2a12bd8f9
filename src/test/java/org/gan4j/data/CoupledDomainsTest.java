package org.gan4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.BadInputException;
import org.gan4j.engine.Engine;
import org.gan4j.engine.Tensors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CoupledDomainsTest {
    /** Odd, and more than two of CoupledDomains' chunks of domain B. */
    private static final int IMAGES = 2_101;
    private static final SampleShape SHAPE = SampleShape.image(1, 3, 3);

    @BeforeAll
    static void load() {
        Engine.init(1);
    }

    private static IdxDataset images(int count, SampleShape shape) {
        byte[] pixels = new byte[count * shape.features()];
        new Random(11).nextBytes(pixels);
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) (i % 10);
        }
        return new IdxDataset("tiny/train", pixels, count, shape, labels);
    }

    private static float[] sample(Dataset d, int index) {
        float[] out = new float[d.shape().features()];
        d.copyTo(index, out, 0);
        return out;
    }

    @Test
    void halvesAreDisjointCoverTheSourceAndFollowTheSeed() {
        IdxDataset source = images(IMAGES, SHAPE);
        CoupledDomains domains = CoupledDomains.split(source, DomainTransform.named("negative"), 5);
        int[] a = domains.indicesA();
        int[] b = domains.indicesB();
        assertEquals(IMAGES / 2, a.length);
        assertEquals(IMAGES - IMAGES / 2, b.length);
        assertEquals(a.length, domains.domainA().size());
        assertEquals(b.length, domains.domainB().size());
        int[] all = IntStream.concat(Arrays.stream(a), Arrays.stream(b)).sorted().toArray();
        assertArrayEquals(IntStream.range(0, IMAGES).toArray(), all, "disjoint, and together the whole source");
        assertTrue(IntStream.range(1, a.length).allMatch(i -> a[i - 1] < a[i]), "ascending");

        assertArrayEquals(a, CoupledDomains.split(source, DomainTransform.named("edges"), 5).indicesA(), "the split depends on the seed alone");
        assertFalse(Arrays.equals(a, CoupledDomains.split(source, DomainTransform.named("negative"), 6).indicesA()));
        // not the even/odd or first/second-half split: a shuffle
        assertTrue(a[a.length - 1] > IMAGES / 2 && b[0] < IMAGES / 2);
    }

    @Test
    void domainAReadsTheSourceAndBothKeepTheLabels() {
        IdxDataset source = images(IMAGES, SHAPE);
        CoupledDomains domains = CoupledDomains.split(source, DomainTransform.named("negative"), 5);
        int[] a = domains.indicesA();
        int[] b = domains.indicesB();
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(sample(source, a[i]), sample(domains.domainA(), i), 0f);
            assertEquals(source.label(a[i]), domains.domainA().label(i));
        }
        assertEquals(source.label(b[7]), domains.domainB().label(7));
        assertEquals(10, domains.domainB().numClasses());
        assertEquals("tiny/train/A", domains.domainA().name());
        assertEquals("tiny/train/B-negative", domains.domainB().name());
    }

    /** B's sample i is T of source image indicesB()[i], T applied on [−1, 1] and mapped back to [0, 1]. */
    @ParameterizedTest
    @ValueSource(strings = {"negative", "edges", "rotate90"})
    void domainBIsTheTransformOfItsSourceImages(String name) {
        IdxDataset source = images(IMAGES, SHAPE);
        DomainTransform t = DomainTransform.named(name);
        CoupledDomains domains = CoupledDomains.split(source, t, 5);
        int[] b = domains.indicesB();
        int f = SHAPE.features();
        float[] originals = new float[b.length * f];
        float[] stored = new float[b.length * f];
        for (int i = 0; i < b.length; i++) {
            source.copyTo(b[i], originals, i * f);
            domains.domainB().copyTo(i, stored, i * f);
        }
        try (PointerScope scope = new PointerScope()) {
            Tensor x = Tensors.fromFloats(originals, b.length, 1, 3, 3).mul(new Scalar(2.0)).sub(new Scalar(1.0));
            float[] expected = Tensors.toFloats(t.apply(x).add(new Scalar(1.0)).mul(new Scalar(0.5)));
            assertArrayEquals(expected, stored, 1e-6f);
        }
        if (name.equals("negative")) {
            for (int i = 0; i < stored.length; i++) {
                assertEquals(1f - originals[i], stored[i], 1e-6f, "1 - x on [0, 1]");
            }
        }
        for (float v : stored) {
            assertTrue(v >= 0f && v <= 1f, "stored in [0, 1] like any image dataset");
        }
    }

    @Test
    void aBatchLoaderReadsDomainB() {
        IdxDataset source = images(40, SHAPE);
        CoupledDomains domains = CoupledDomains.split(source, DomainTransform.named("negative"), 1);
        try (BatchLoader loader = new BatchLoader(domains.domainB(), 20, 3, 2f, -1f, 0, 0, 1)) {
            Batch batch = loader.next();
            assertEquals(20, batch.size());
            for (float v : batch.data()) {
                assertTrue(v >= -1f && v <= 1f);
            }
        }
    }

    @Test
    void digestsSayWhichDomainTransformAndSplit() {
        IdxDataset source = images(40, SHAPE);
        CoupledDomains neg = CoupledDomains.split(source, DomainTransform.named("negative"), 1);
        CoupledDomains edges = CoupledDomains.split(source, DomainTransform.named("edges"), 1);
        assertNotEquals(neg.domainA().digest(), neg.domainB().digest());
        assertEquals(neg.domainA().digest(), CoupledDomains.split(source, DomainTransform.named("negative"), 1).domainA().digest());
        assertNotEquals(neg.domainB().digest(), edges.domainB().digest());
        assertNotEquals(neg.domainA().digest(), CoupledDomains.split(source, DomainTransform.named("negative"), 2).domainA().digest());
    }

    @Test
    void refusesWhatTheTransformCannotTakeInOneLine() {
        BadInputException rgb = assertThrows(BadInputException.class,
                () -> CoupledDomains.split(images(4, SampleShape.image(3, 2, 2)), DomainTransform.named("edges"), 1));
        assertEquals("--domain-b edges needs grayscale images; the dataset has 3 channels", rgb.getMessage());
        assertThrows(BadInputException.class,
                () -> CoupledDomains.split(images(4, SampleShape.image(1, 2, 3)), DomainTransform.named("rotate90"), 1));
        assertThrows(BadInputException.class,
                () -> CoupledDomains.split(SyntheticDatasets.open("ring8", Split.TRAIN, 10), DomainTransform.named("negative"), 1));
        assertThrows(BadInputException.class, () -> CoupledDomains.split(images(1, SHAPE), DomainTransform.named("negative"), 1));
    }
}
