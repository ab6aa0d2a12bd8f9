package org.gan4j.train;

import java.nio.file.Path;
import org.gan4j.config.TrainConfig;
import org.gan4j.data.Dataset;
import org.gan4j.engine.ComputeDevice;

/**
 * What a game is built from.
 *
 * @param config the resolved config
 * @param data   the training data (its shape and classes decide the networks)
 * @param device where the networks live
 * @param saved  the checkpoint a resumed run continues from (its networks' layout), or null for a new run
 */
public record GameSetup(TrainConfig config, Dataset data, ComputeDevice device, Path saved) {
}
