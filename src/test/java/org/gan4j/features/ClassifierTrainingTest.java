package org.gan4j.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gan4j.BadInputException;
import org.gan4j.data.IdxDataset;
import org.gan4j.data.SampleShape;
import org.gan4j.engine.Engine;
import org.gan4j.nn.Classifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifierTrainingTest {
    @TempDir
    Path tmp;

    /**
     * {@code n} images of three classes a CNN tells apart at once: class 0 a bright horizontal bar,
     * class 1 a vertical bar, class 2 a small square, each at a position varying with the index.
     */
    static IdxDataset shapes(String name, int n, int salt) {
        byte[] pixels = new byte[n * 784];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            int at = 6 + (i * 7 + salt) % 16;
            for (int k = 4; k < 24; k++) {
                int y = c == 0 ? at : k;
                int x = c == 0 ? k : at;
                if (c == 2) {
                    y = at + k % 4;
                    x = at + k / 6;
                }
                pixels[i * 784 + y * 28 + x] = (byte) 255;
            }
            labels[i] = (byte) c;
        }
        return new IdxDataset(name, pixels, n, SampleShape.image(1, 28, 28), labels);
    }

    @Test
    void transformFlipsAndShiftsWithZeroFill() {
        float[] img = new float[2 * 784];
        img[784 + 0] = 1f;             // (x 0, y 0) of the second image
        img[784 + 28 * 5 + 3] = 0.5f;  // (x 3, y 5)
        ClassifierTraining.transform(img, 784, true, 2, -1);
        // flip: x → 27 − x; then shift right 2, up 1: (0,0) → (27,0) → (29,−1) gone; (3,5) → (24,5) → (26,4)
        float[] expected = new float[2 * 784];
        expected[784 + 28 * 4 + 26] = 0.5f;
        assertArrayEquals(expected, img);
        float[] plain = new float[784];
        plain[100] = 0.25f;
        ClassifierTraining.transform(plain, 0, false, 0, 0);
        assertEquals(0.25f, plain[100]);
    }

    @Test
    void learnsASeparableTaskAndTheSavedNetworkGivesTheSameFeatures() throws Exception {
        Engine.init(1);
        IdxDataset train = shapes("shapes/train", 96, 0);
        IdxDataset test = shapes("shapes/test", 30, 3);
        var options = new ClassifierTraining.Options(3, 5, 16, 3e-3, 1, false);
        ClassifierTraining.Result r = ClassifierTraining.train(train, test, options, line -> { });
        assertEquals(3 * (96 / 16), r.steps());
        assertTrue(r.testAccuracy() >= 0.9, "test accuracy " + r.testAccuracy());
        assertEquals(r.testAccuracy(), ClassifierTraining.accuracy(r.network(), test), 1e-12);

        ClassifierCard card = new ClassifierCard("shapes", "shapes", "test", 5, 3,
                new ClassifierCard.DataRef(train.name(), train.size(), train.digest()),
                new ClassifierCard.DataRef(test.name(), test.size(), test.digest()),
                r.testAccuracy(), Classifier.FEATURES, 3, "cnn", r.network().parameterCount(), "dev", "2.10", 1, 1.0, null);
        Path file = tmp.resolve("shapes.pt");
        ClassifierCard written = FeatureNetwork.save(file, r.network(), card);
        assertEquals(FeatureNetwork.sha256(Files.readAllBytes(file)), written.weightsSha256());
        assertTrue(Files.isRegularFile(tmp.resolve("shapes.json")));

        FeatureNetwork loaded = FeatureNetwork.load(file);
        assertEquals(written, loaded.card());
        assertEquals(written.weightsSha256(), loaded.digest());
        float[] images = new float[test.size() * 784];
        for (int i = 0; i < test.size(); i++) {
            test.copyTo(i, images, i * 784);
        }
        FeatureNetwork.Output out = loaded.apply(images, test.size());
        assertEquals(Classifier.FEATURES, out.features().d());
        assertEquals(3, out.probabilities().d());
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            double sum = 0;
            for (int c = 0; c < 3; c++) {
                sum += out.probabilities().get(i, c);
            }
            assertEquals(1.0, sum, 1e-5);
            correct += out.predicted()[i] == test.label(i) ? 1 : 0;
            for (int k = 0; k < Classifier.FEATURES; k++) {
                assertTrue(out.features().get(i, k) >= 0, "features follow a ReLU");
            }
        }
        assertEquals(r.testAccuracy(), correct / (double) test.size(), 1e-12);
        // the same images in another batch split give the same features
        FeatureNetwork.Output first = loaded.apply(java.util.Arrays.copyOf(images, 784), 1);
        assertArrayEquals(out.features().row(0), first.features().row(0), 1e-5);
    }

    @Test
    void weightsThatDoNotBelongToTheCardAreRefused() throws Exception {
        Engine.init(1);
        Classifier net = new Classifier(3);
        ClassifierCard card = new ClassifierCard("x", "x", "test", 1, 1, null, null, 0.5, Classifier.FEATURES, 3, "cnn",
                net.parameterCount(), "dev", "2.10", 1, 1.0, null);
        Path file = tmp.resolve("x.pt");
        FeatureNetwork.save(file, net, card);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        BadInputException e = assertThrows(BadInputException.class, () -> FeatureNetwork.load(file));
        assertTrue(e.getMessage().contains("weights digest"), e.getMessage());

        Path other = tmp.resolve("ten.pt");
        FeatureNetwork.save(other, new Classifier(10), card); // a 10-class network under a 3-class card
        Files.writeString(tmp.resolve("ten.json"), Files.readString(tmp.resolve("ten.json")));
        BadInputException shape = assertThrows(BadInputException.class, () -> FeatureNetwork.load(other));
        assertTrue(shape.getMessage().contains("do not fit") || shape.getMessage().contains("not a gan4j classifier"), shape.getMessage());
    }
}
