package org.gan4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.gan4j.data.IdxFormat;

/**
 * Run in a child JVM by {@link OutputErrorsTest}, under a file-size limit or on a tiny file
 * system: writes {@code args[1]} bytes of 28x28 images to the IDX file {@code args[0]} the way
 * {@code gan4j sample --out x-idx3-ubyte} does, reports a failure the way {@link Gan4j#main} does,
 * then prints what is left in the file's directory (a tmpfs vanishes with the child) and exits with
 * the command line's status.
 */
final class WriteOutputMain {
    private WriteOutputMain() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int n = Math.max(1, Integer.parseInt(args[1]) / (28 * 28));
        int status = ExitCodes.OK;
        try {
            IdxFormat.writeImages(out, new byte[n * 28 * 28], n, 1, 28, 28);
        } catch (Throwable t) {
            status = ErrorReporter.reportUncaught(t, false);
        }
        try (Stream<Path> left = Files.list(out.getParent())) {
            System.out.println("left:" + left.map(p -> " " + p.getFileName()).sorted().reduce("", String::concat));
        }
        System.exit(status);
    }
}
