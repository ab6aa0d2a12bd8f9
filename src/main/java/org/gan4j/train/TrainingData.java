package org.gan4j.train;

import org.gan4j.config.TrainConfig;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.gan4j.data.Dataset;
import org.gan4j.data.DatasetRequest;
import org.gan4j.data.Datasets;
import org.gan4j.data.Split;

/** The training split a config names, opened the way {@code gan4j train} opens it. */
public final class TrainingData {
    private TrainingData() {
    }

    /**
     * The request for the training split of {@code resolved}'s dataset (a config after
     * {@link TrainConfig#resolve()}); {@code messages} receives progress and warnings, one line each.
     */
    public static DatasetRequest request(TrainConfig resolved, Consumer<String> messages) {
        return new DatasetRequest(resolved.data().dataset(), Split.TRAIN, resolved.data().data() == null ? null : Path.of(resolved.data().data()),
                resolved.data().imageSize() == null ? 0 : resolved.data().imageSize(), resolved.data().channels(), resolved.data().strict(), resolved.data().download(), messages);
    }

    /** Opens the training split of {@code resolved}'s dataset. */
    public static Dataset open(TrainConfig resolved, Consumer<String> messages) {
        return Datasets.open(request(resolved, messages));
    }
}
