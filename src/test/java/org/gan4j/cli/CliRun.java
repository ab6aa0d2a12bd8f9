package org.gan4j.cli;

import java.nio.file.Path;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One in-process run of the command line: its exit code and what it printed. */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Gan4j.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The first line on stderr. */
    String firstErrorLine() {
        return err.lines().findFirst().orElse("");
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }

    /** Sixteen 28×28 grayscale PNGs (a white pixel each on the diagonal): a folder dataset small enough for CLI tests. */
    static Path tinyImageFolder(Path dir) throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir);
        for (int i = 0; i < 16; i++) {
            java.awt.image.BufferedImage im = new java.awt.image.BufferedImage(28, 28, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
            im.getRaster().setSample(i, i, 0, 255);
            javax.imageio.ImageIO.write(im, "png", dir.resolve(String.format("%02d.png", i)).toFile());
        }
        return dir;
    }
}
