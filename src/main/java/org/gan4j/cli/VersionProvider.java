package org.gan4j.cli;

import org.gan4j.engine.Engine;
import org.gan4j.train.Provenance;
import picocli.CommandLine.IVersionProvider;

/** {@code gan4j --version}: gan4j's, libtorch's and Java's versions, without loading the natives. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {
            "gan4j " + Provenance.gan4jVersion(),
            "libtorch " + Engine.libtorchVersion(),
            "java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                    + System.getProperty("java.vendor") + ")",
        };
    }
}
