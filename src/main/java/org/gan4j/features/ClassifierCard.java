package org.gan4j.features;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * How a feature classifier was made, written beside its weights as JSON ({@code NAME.json} next to
 * {@code NAME.pt}) and shipped with them: enough to reproduce it and to say what its features mean.
 *
 * @param name          short name used in metric names, e.g. {@code fmnist} for {@code fid-fmnist}
 * @param dataset       the dataset it was trained on, e.g. {@code fashion-mnist}
 * @param command       the exact command line that trained it
 * @param seed          seed of initialisation, data order, augmentation and dropout
 * @param epochs        passes over the training split
 * @param train         the training data: name, size, content digest
 * @param test          the held-out data its accuracy was measured on
 * @param testAccuracy  fraction of {@code test} classified correctly
 * @param featureDim    size of the feature vector (the penultimate layer)
 * @param classes       number of classes of the softmax
 * @param architecture  the layer stack, in words
 * @param parameters    number of trainable values
 * @param gan4j         gan4j's version
 * @param libtorch      libtorch's version
 * @param threads       intra-op threads it was trained with (identical weights need the same count)
 * @param seconds       wall-clock training time
 * @param weightsSha256 SHA-256 of the weights file
 */
public record ClassifierCard(String name, String dataset, String command, long seed, int epochs, DataRef train,
                             DataRef test, double testAccuracy, int featureDim, int classes, String architecture,
                             long parameters, String gan4j, String libtorch, int threads, double seconds,
                             String weightsSha256) {
    /** Cards are JSON with kebab-case keys, like every file gan4j writes. */
    static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** A dataset split as provenance records it: its name, sample count and SHA-256 of its content. */
    public record DataRef(String name, int size, String digest) {
    }

    /** The same card for weights with another digest. */
    ClassifierCard withWeights(String sha256) {
        return new ClassifierCard(name, dataset, command, seed, epochs, train, test, testAccuracy, featureDim, classes,
                architecture, parameters, gan4j, libtorch, threads, seconds, sha256);
    }
}
