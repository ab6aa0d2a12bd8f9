package org.gan4j.eval;

import java.nio.file.Path;
import org.gan4j.data.IdxFormat;
import org.gan4j.engine.Engine;
import org.gan4j.features.ClassifierCard;
import org.gan4j.features.FeatureNetwork;
import org.gan4j.nn.Classifier;

/** Tiny data and an untrained feature network for evaluation tests: no dataset or shipped weights needed. */
public final class EvalFixtures {
    private EvalFixtures() {
    }

    /** {@code n} 28×28 images with varied blobs (image i: a bright square at a position and size set by i), as bytes. */
    public static byte[] images(int n, int salt) {
        byte[] pixels = new byte[n * 784];
        for (int i = 0; i < n; i++) {
            int size = 3 + (i * 5 + salt) % 9;
            int y0 = (i * 7 + salt) % (28 - size);
            int x0 = (i * 11 + 3 * salt) % (28 - size);
            for (int y = y0; y < y0 + size; y++) {
                for (int x = x0; x < x0 + size; x++) {
                    pixels[i * 784 + y * 28 + x] = (byte) (100 + (i * 13) % 156);
                }
            }
        }
        return pixels;
    }

    /** Writes a {@code fashion-mnist}-style test split of {@code n} images with labels i mod 10 into {@code dir}. */
    public static Path testSplit(Path dir, int n) {
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 10);
        }
        IdxFormat.writeImages(dir.resolve("t10k-images-idx3-ubyte.gz"), images(n, 0), n, 1, 28, 28);
        IdxFormat.writeLabels(dir.resolve("t10k-labels-idx1-ubyte.gz"), labels);
        return dir;
    }

    /** An untrained (seeded) 10-class network saved as {@code fmnist} for {@code fashion-mnist}; returns the weights file. */
    public static Path untrainedNetwork(Path dir) {
        Engine.ensureLoaded();
        Engine.seed(3);
        Classifier net = new Classifier(10);
        net.eval();
        ClassifierCard card = new ClassifierCard("fmnist", "fashion-mnist", "test fixture", 3, 0, null, null, 0.1,
                Classifier.FEATURES, 10, "untrained", net.parameterCount(), "dev", "2.10", 1, 0, null);
        Path file = dir.resolve("untrained-fmnist.pt");
        FeatureNetwork.save(file, net, card);
        return file;
    }
}
