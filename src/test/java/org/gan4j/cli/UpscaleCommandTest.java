package org.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.gan4j.data.IdxFormat;
import org.gan4j.train.SrRuns;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gan4j upscale} on a tiny ×2 run: each input kind, and the inputs it refuses in one line without writing anything. */
class UpscaleCommandTest {
    @TempDir
    static Path tmp;
    static Path images;
    static Path run;
    static Path dcgan;

    @BeforeAll
    static void runs() throws Exception {
        images = SrRuns.imageFolder(tmp.resolve("images"), 16);
        run = tmp.resolve("sr");
        CliRun sr = CliRun.of("train", "--model", "srgan", "--dataset", "folder", "--data", images.toString(), "--image-size", "28",
                "--channels", "1", "--scale", "2", "--sr-blocks", "1", "--width", "8", "--batch", "8", "--steps", "4",
                "--sr-pretrain-steps", "2", "--content", "pixel", "--out", run.toString(), "--threads", "1");
        assertEquals(ExitCodes.OK, sr.exitCode(), sr.toString());
        dcgan = tmp.resolve("dcgan");
        CliRun d = CliRun.of("train", "--model", "dcgan", "--dataset", "folder", "--data", images.toString(), "--image-size", "28",
                "--channels", "1", "--width", "8", "--batch", "8", "--steps", "1", "--out", dcgan.toString(), "--threads", "1");
        assertEquals(ExitCodes.OK, d.exitCode(), d.toString());
    }

    private static CliRun upscale(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "upscale";
        all[1] = "--run";
        all[2] = run.toString();
        all[3] = "--threads";
        all[4] = "1";
        System.arraycopy(args, 0, all, 5, args.length);
        return CliRun.of(all);
    }

    private static Path gray(Path file, int width, int height, String format) throws Exception {
        BufferedImage im = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                im.getRaster().setSample(x, y, 0, (x * 37 + y * 11) % 256);
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(im, format, file.toFile());
        return file;
    }

    private static Path colour(Path file) throws Exception {
        BufferedImage im = new BufferedImage(14, 14, BufferedImage.TYPE_INT_RGB);
        im.setRGB(3, 4, 0xFF0000);
        Files.createDirectories(file.getParent());
        ImageIO.write(im, "png", file.toFile());
        return file;
    }

    private static void assertRefused(CliRun r, String expected, Path notWritten) {
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
        assertEquals(1, r.err().strip().lines().count(), r.toString());
        assertTrue(r.firstErrorLine().startsWith("gan4j: error: ") && r.firstErrorLine().contains(expected), r.toString());
        assertFalse(Files.exists(notWritten), notWritten + " was written");
    }

    @Test
    void anImageBecomesAPngScaleTimesLargerOfAnySize() throws Exception {
        for (Method m : List.of(new Method("srgan", 14, 14, "png"), new Method("srresnet", 10, 6, "png"), new Method("bicubic", 9, 7, "jpg"))) {
            Path in = gray(tmp.resolve("single").resolve(m.network + "." + m.format), m.width, m.height, m.format);
            Path out = tmp.resolve("single-out").resolve(m.network + ".png");
            CliRun r = upscale("--input", in.toString(), "--out", out.toString(), "--network", m.network);
            assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
            assertTrue(r.out().contains("upscaled 1 image x2 with " + m.network), r.out());
            BufferedImage big = ImageIO.read(out.toFile());
            assertEquals(2 * m.width, big.getWidth());
            assertEquals(2 * m.height, big.getHeight());
            assertEquals(1, big.getColorModel().getNumColorComponents(), "a grayscale run writes grayscale PNGs");
        }
    }

    private record Method(String network, int width, int height, String format) {
    }

    @Test
    void aFolderBecomesAFolderOfPngsWithTheSameNames() throws Exception {
        Path in = tmp.resolve("folder");
        gray(in.resolve("a.png"), 14, 14, "png");
        gray(in.resolve("b.jpg"), 8, 12, "jpg");
        Files.writeString(in.resolve("notes.txt"), "not an image");
        Path out = tmp.resolve("folder-out");
        CliRun r = upscale("--input", in.toString(), "--out", out.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of("a.png", "b.png"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(28, ImageIO.read(out.resolve("a.png").toFile()).getWidth());
        BufferedImage b = ImageIO.read(out.resolve("b.png").toFile());
        assertEquals(16, b.getWidth());
        assertEquals(24, b.getHeight());
        // a folder that already holds files is not overwritten
        CliRun again = upscale("--input", in.toString(), "--out", out.toString());
        assertEquals(ExitCodes.BAD_INPUT, again.exitCode(), again.toString());
        assertTrue(again.firstErrorLine().contains("already holds files"), again.toString());
        // an empty folder may be the target
        Path empty = Files.createDirectories(tmp.resolve("empty-out"));
        assertEquals(ExitCodes.OK, upscale("--input", in.toString(), "--out", empty.toString()).exitCode());
        assertTrue(Files.isRegularFile(empty.resolve("b.png")));
    }

    @Test
    void anIdxFileBecomesAnIdxFileOfTheSameCount() {
        Path in = tmp.resolve("idx").resolve("low-idx3-ubyte.gz");
        byte[] pixels = new byte[5 * 14 * 14];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 7);
        }
        IdxFormat.writeImages(in, pixels, 5, 1, 14, 14);
        for (String name : List.of("high-idx3-ubyte.gz", "high-idx3-ubyte")) {
            Path out = tmp.resolve("idx").resolve(name);
            CliRun r = upscale("--input", in.toString(), "--out", out.toString());
            assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
            IdxFormat.Images up = IdxFormat.readImages(out);
            assertArrayEquals(new int[] {5, 1, 28, 28}, new int[] {up.count(), up.channels(), up.height(), up.width()});
        }
        // bicubic of a constant image is that constant
        Path flat = tmp.resolve("idx").resolve("flat-idx3-ubyte");
        byte[] grey = new byte[2 * 14 * 14];
        java.util.Arrays.fill(grey, (byte) 200);
        IdxFormat.writeImages(flat, grey, 2, 1, 14, 14);
        Path out = tmp.resolve("idx").resolve("flat-x2-idx3-ubyte");
        assertEquals(ExitCodes.OK, upscale("--input", flat.toString(), "--out", out.toString(), "--network", "bicubic").exitCode());
        for (byte v : IdxFormat.readImages(out).pixels()) {
            assertEquals(200, v & 0xFF);
        }
    }

    @Test
    void badInputsAreOneLineAndWriteNothing() throws Exception {
        Path small = gray(tmp.resolve("bad").resolve("small.png"), 14, 14, "png");
        Path out = tmp.resolve("bad-out").resolve("x.png");
        CliRun notSr = CliRun.of("upscale", "--run", dcgan.toString(), "--input", small.toString(), "--out", out.toString());
        assertRefused(notSr, "run " + dcgan + " is a dcgan run; upscale and eval-sr need --model srgan", out);

        assertRefused(upscale("--input", colour(tmp.resolve("bad").resolve("red.png")).toString(), "--out", out.toString()),
                "3 channels (RGB), but run " + run + " upscales images of 1 channel (grayscale)", out);
        assertRefused(upscale("--input", tmp.resolve("bad").resolve("missing.png").toString(), "--out", out.toString()),
                "no such file or folder", out);
        assertRefused(upscale("--input", small.toString(), "--out", tmp.resolve("bad-out").resolve("x.jpg").toString()),
                "use a .png name", tmp.resolve("bad-out").resolve("x.jpg"));
        assertRefused(upscale("--input", small.toString(), "--out", out.toString(), "--network", "nearest"),
                "invalid --network 'nearest'", out);

        // one colour image among grey ones: the whole folder is refused, no partial output
        Path mixed = tmp.resolve("mixed");
        gray(mixed.resolve("a.png"), 14, 14, "png");
        colour(mixed.resolve("b.png"));
        Path mixedOut = tmp.resolve("mixed-out");
        assertRefused(upscale("--input", mixed.toString(), "--out", mixedOut.toString()), "b.png: 3 channels (RGB)", mixedOut);
        try (Stream<Path> s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".mixed-out")), "no temporary folder left");
        }

        Path rgbIdx = tmp.resolve("bad").resolve("rgb-idx3-ubyte");
        IdxFormat.writeImages(rgbIdx, new byte[2 * 3 * 14 * 14], 2, 3, 14, 14);
        Path idxOut = tmp.resolve("bad-out").resolve("rgb-x2-idx3-ubyte");
        assertRefused(upscale("--input", rgbIdx.toString(), "--out", idxOut.toString()), "3 channels (RGB)", idxOut);
        Path notIdx = Files.writeString(tmp.resolve("bad").resolve("notes-idx3-ubyte"), "hello");
        assertRefused(upscale("--input", notIdx.toString(), "--out", idxOut.toString()), "is not an IDX file", idxOut);
        assertRefused(upscale("--input", rgbIdx.toString(), "--out", tmp.resolve("bad-out").resolve("y.png").toString()),
                "written as IDX", tmp.resolve("bad-out").resolve("y.png"));
        assertFalse(Files.exists(tmp.resolve("bad-out")), "nothing at all was written");
    }

    @Test
    void trainRefusesAScaleThatCannotWork() throws Exception {
        Path x3 = tmp.resolve("x3");
        CliRun r = CliRun.of("train", "--model", "srgan", "--dataset", "folder", "--data", images.toString(), "--image-size", "28",
                "--channels", "1", "--scale", "3", "--steps", "2", "--out", x3.toString(), "--threads", "1");
        assertRefused(r, "--scale 3 is not supported", x3);
        Path dc = tmp.resolve("dcgan-x2");
        assertRefused(CliRun.of("train", "--model", "dcgan", "--dataset", "folder", "--data", images.toString(), "--image-size", "28",
                "--scale", "2", "--steps", "1", "--out", dc.toString()), "apply only to --model srgan", dc);
        long before = Files.getLastModifiedTime(dcgan.resolve("config.json")).toMillis();
        CliRun resume = CliRun.of("train", "--resume", dcgan.toString(), "--scale", "2");
        assertEquals(ExitCodes.BAD_INPUT, resume.exitCode(), resume.toString());
        assertTrue(resume.firstErrorLine().contains("'scale' cannot change when resuming"), resume.toString());
        assertEquals(before, Files.getLastModifiedTime(dcgan.resolve("config.json")).toMillis());
    }
}
