package org.gan4j.train;

import org.gan4j.config.TrainConfig;
import java.nio.file.Path;

/**
 * The outcome of a finished run, carrying how it was made.
 *
 * @param runDir       the run directory (config, metrics, samples, checkpoints, generator)
 * @param config       the resolved config
 * @param provenance   versions, dataset digest, threads
 * @param steps        iterations completed in total
 * @param last         the last step's numbers
 * @param seconds      wall time of this invocation (not counting an earlier, resumed part)
 * @param imagesPerSec mean real samples per second of this invocation
 */
public record TrainingResult(Path runDir, TrainConfig config, Provenance provenance, long steps, StepStats last,
                             double seconds, double imagesPerSec) {
}
