package org.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.data.IdxFormat;
import org.gan4j.data.LowResolution;
import org.gan4j.engine.Tensors;
import org.gan4j.eval.EvalFixtures;
import org.gan4j.metrics.ImageQuality;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gan4j eval-sr} on a tiny ×2 run of a stand-in Fashion-MNIST (40 test images), with the shipped fmnist network. */
class EvalSrCommandTest {
    @TempDir
    static Path tmp;
    static Path data;
    static Path run;

    @BeforeAll
    static void fixtures() {
        data = tmp.resolve("fmnist");
        byte[] labels = new byte[40];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) (i % 10);
        }
        IdxFormat.writeImages(data.resolve("train-images-idx3-ubyte.gz"), EvalFixtures.images(40, 2), 40, 1, 28, 28);
        IdxFormat.writeLabels(data.resolve("train-labels-idx1-ubyte.gz"), labels);
        EvalFixtures.testSplit(data, 40);
        run = tmp.resolve("sr");
        CliRun train = CliRun.of("train", "--model", "srgan", "--dataset", "fashion-mnist", "--data", data.toString(),
                "--scale", "2", "--sr-blocks", "1", "--width", "8", "--batch", "8", "--steps", "6", "--sr-pretrain-steps", "3",
                "--content", "pixel", "--out", run.toString(), "--threads", "1");
        assertEquals(ExitCodes.OK, train.exitCode(), train.toString());
        assertTrue(train.out().contains("./gan4j eval-sr --run " + run), train.out());
    }

    private static CliRun evalSr(Path runDir, String... args) {
        String[] common = {"eval-sr", "--run", runDir.toString(), "--cache", tmp.resolve("cache").toString(), "--threads", "1"};
        String[] all = new String[common.length + args.length];
        System.arraycopy(common, 0, all, 0, common.length);
        System.arraycopy(args, 0, all, common.length, args.length);
        return CliRun.of(all);
    }

    /** Bicubic's PSNR by hand: the test images, downscaled and upscaled by LowResolution, scored by ImageQuality. */
    private static double bicubicPsnr() {
        IdxFormat.Images test = IdxFormat.readImages(data.resolve("t10k-images-idx3-ubyte.gz"));
        float[] x = new float[test.pixels().length];
        for (int i = 0; i < x.length; i++) {
            x[i] = 2 * ((test.pixels()[i] & 0xFF) / 255f) - 1;
        }
        try (PointerScope scope = new PointerScope()) {
            Tensor hr = Tensors.fromFloats(x, test.count(), 1, 28, 28);
            Tensor up = LowResolution.upscaleBicubic(LowResolution.downscale(hr, 2), 2);
            return ImageQuality.compare(unit(up), unit(hr), 2).psnr();
        }
    }

    private static Tensor unit(Tensor t) {
        return t.add(new Scalar(1)).mul(new Scalar(0.5)).clamp(new ScalarOptional(new Scalar(0)), new ScalarOptional(new Scalar(1)));
    }

    @Test
    void measuresEveryMethodAndWritesTheJsonAndThePicture() throws Exception {
        CliRun r = evalSr(run, "--samples", "100");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.out().contains("fid-fmnist") && r.out().contains("srresnet") && r.out().contains("bicubic"), r.out());
        JsonNode json = new ObjectMapper().readTree(run.resolve("eval-sr.json").toFile());
        assertEquals(40, json.get("data").get("n").asInt(), "all of the 40 test images");
        assertEquals("fashion-mnist/test", json.get("data").get("name").asText());
        assertEquals(2, json.get("quality").get("border").asInt());
        assertEquals(6, json.get("trained-steps").asInt());
        JsonNode methods = json.get("methods");
        for (String m : new String[] {"bicubic", "srresnet", "srgan"}) {
            JsonNode v = methods.get(m);
            assertTrue(Double.isFinite(v.get("psnr").asDouble()) && v.get("psnr").asDouble() > 0, m + ": " + v);
            double ssim = v.get("ssim").asDouble();
            assertTrue(Double.isFinite(ssim) && ssim > -1 && ssim <= 1, m + ": " + v);
            assertTrue(Double.isFinite(v.get("fid-fmnist").asDouble()) && v.get("fid-fmnist").asDouble() >= 0, m + ": " + v);
        }
        assertEquals(bicubicPsnr(), methods.get("bicubic").get("psnr").asDouble(), 1e-9);
        assertFalse(methods.get("srgan").equals(methods.get("srresnet")), "three adversarial steps change G");

        BufferedImage picture = ImageIO.read(run.resolve("eval-sr.png").toFile());
        assertEquals(2 * (5 * 30 + 2), picture.getWidth(), "five 28x28 columns, enlarged twice");
        assertEquals(2 * (8 * 30 + 2), picture.getHeight(), "eight rows");
    }

    @Test
    void refusesWhatCannotBeMeasuredInOneLine() throws Exception {
        Path dcgan = tmp.resolve("dcgan");
        CliRun train = CliRun.of("train", "--model", "dcgan", "--dataset", "fashion-mnist", "--data", data.toString(), "--width", "8",
                "--batch", "8", "--steps", "1", "--out", dcgan.toString(), "--threads", "1");
        assertEquals(ExitCodes.OK, train.exitCode(), train.toString());
        CliRun notSr = evalSr(dcgan);
        assertEquals(ExitCodes.BAD_INPUT, notSr.exitCode(), notSr.toString());
        assertEquals("gan4j: error: run " + dcgan + " is a dcgan run; upscale and eval-sr need --model srgan", notSr.err().strip());
        assertFalse(Files.exists(dcgan.resolve("eval-sr.json")));

        Path out = tmp.resolve("few.json");
        CliRun few = evalSr(run, "--samples", "1", "--out", out.toString());
        assertEquals(ExitCodes.BAD_INPUT, few.exitCode(), few.toString());
        assertTrue(few.firstErrorLine().contains("invalid --samples: 1"), few.toString());
        CliRun mnist = evalSr(run, "--dataset", "ring8", "--out", out.toString());
        assertEquals(ExitCodes.BAD_INPUT, mnist.exitCode(), mnist.toString());
        assertTrue(mnist.err().strip().lines().reduce((a, b) -> b).orElse("").contains("has vector(2) images"), mnist.toString());
        assertFalse(Files.exists(out));
    }
}
