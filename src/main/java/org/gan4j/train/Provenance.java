package org.gan4j.train;

import java.time.Instant;

import org.gan4j.data.Dataset;
import org.gan4j.data.SampleShape;
import org.gan4j.engine.Engine;

/**
 * How a run was made, recorded in its {@code config.json} beside the resolved config so that a
 * trained generator can always say where it came from.
 *
 * @param gan4j          gan4j's version
 * @param libtorch       libtorch's version
 * @param javaVersion    the Java runtime's version
 * @param threads        intra-op threads (results are bit-identical only at the same count)
 * @param created        ISO-8601 time the run started
 * @param dataset        dataset name and split
 * @param datasetSize    number of samples
 * @param datasetDigest  SHA-256 of the dataset's content
 * @param shape          the sample shape G was built for
 */
public record Provenance(String gan4j, String libtorch, String javaVersion, int threads, String created,
                         String dataset, int datasetSize, String datasetDigest, SampleShape shape) {

    /** The provenance of a run starting now on {@code data}. */
    public static Provenance of(Dataset data) {
        return new Provenance(gan4jVersion(), Engine.libtorchVersion(), System.getProperty("java.version"),
                Engine.threads(), Instant.now().toString(), data.name(), data.size(), data.digest(),
                data.shape());
    }

    /** gan4j's version from the jar manifest ({@code dev} when run from classes). */
    public static String gan4jVersion() {
        Package p = Provenance.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
