package org.gan4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.gan4j.data.IdxDataset;
import org.gan4j.data.SampleShape;
import org.gan4j.features.FeatureNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceCacheTest {
    @TempDir
    Path tmp;

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".ref")).sorted().toList();
        }
    }

    @Test
    void computesOnceThenReadsTheSameValuesAndKeysBySampleCountAndNetwork() throws Exception {
        FeatureNetwork net = FeatureNetwork.load(EvalFixtures.untrainedNetwork(tmp));
        byte[] labels = new byte[30];
        for (int i = 0; i < 30; i++) {
            labels[i] = (byte) (i % 3);
        }
        IdxDataset data = new IdxDataset("tiny/test", EvalFixtures.images(30, 1), 30, SampleShape.image(1, 28, 28), labels);
        ReferenceCache cache = new ReferenceCache(tmp.resolve("cache"));
        List<String> messages = new ArrayList<>();

        RealReference computed = cache.get(data, 100, net, messages::add);
        assertEquals(30, computed.n());
        assertArrayEquals(new double[] {10 / 30.0, 10 / 30.0, 10 / 30.0, 0, 0, 0, 0, 0, 0, 0}, computed.classDistribution(), 1e-12);
        assertTrue(messages.get(0).contains("computed and cached"), messages.get(0));
        assertEquals(1, files(tmp.resolve("cache")).size());

        RealReference read = cache.get(data, 100, net, messages::add);
        assertTrue(messages.get(1).contains("from the cache"), messages.get(1));
        assertEquals(computed.features(), read.features());
        assertEquals(computed.probabilities(), read.probabilities());
        assertArrayEquals(computed.classDistribution(), read.classDistribution());
        assertEquals(computed.features(), ReferenceCache.compute(data, 30, net).features());

        RealReference twenty = cache.get(data, 20, net, messages::add);
        assertEquals(20, twenty.n());
        assertEquals(2, files(tmp.resolve("cache")).size());
        assertNotEquals(computed.key(), twenty.key());
    }

    @Test
    void anUnusableCacheFileIsRecomputedAndReplaced() throws Exception {
        FeatureNetwork net = FeatureNetwork.load(EvalFixtures.untrainedNetwork(tmp));
        IdxDataset data = new IdxDataset("tiny/test", EvalFixtures.images(12, 2), 12, SampleShape.image(1, 28, 28), new byte[12]);
        ReferenceCache cache = new ReferenceCache(tmp.resolve("cache"));
        List<String> messages = new ArrayList<>();
        RealReference first = cache.get(data, 12, net, messages::add);
        Path file = files(tmp.resolve("cache")).get(0);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 7)); // truncated
        RealReference again = cache.get(data, 12, net, messages::add);
        assertTrue(messages.get(1).startsWith("cache file " + file + " is unusable"), messages.get(1));
        assertEquals(first.features(), again.features());
        assertEquals(bytes.length, Files.size(file));
    }
}
