package org.gan4j.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gan4j.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a state dict must hold to be pytorch-fid's Inception-v3, and what unreadable files say (no Python needed). */
class InceptionV3WeightsTest {
    @TempDir
    Path tmp;

    static TorchStateDict.Stored zeros(long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return new TorchStateDict.Stored(shape, new float[(int) n]);
    }

    @Test
    void theArchitectureHasTorchvisionsTensorCount() {
        Map<String, long[]> shapes = InceptionV3.expectedShapes();
        // 94 BasicConv2d (conv weight + 4 batch-norm tensors each) and fc's weight and bias
        assertEquals(94, InceptionV3.convolutions().size());
        assertEquals(94 * 5 + 2, shapes.size());
        long values = shapes.values().stream().mapToLong(s -> java.util.Arrays.stream(s).reduce(1, (a, b) -> a * b)).sum();
        assertEquals(23_885_392L, values, "parameters and running statistics of pytorch-fid's FID Inception (no AuxLogits)");
        assertEquals("[192, 768, 1, 1]", java.util.Arrays.toString(shapes.get("Mixed_6e.branch_pool.conv.weight")));
        assertEquals("[384, 384, 3, 1]", java.util.Arrays.toString(shapes.get("Mixed_7c.branch3x3dbl_3b.conv.weight")));
    }

    @Test
    void wrongMissingOrUnexpectedTensorsAreOneLineErrors() {
        Map<String, TorchStateDict.Stored> wrong = new LinkedHashMap<>();
        wrong.put("Conv2d_1a_3x3.conv.weight", zeros(32, 3, 3, 4));
        String m = assertThrows(BadInputException.class, () -> InceptionV3.fromStateDict(wrong, "w.pth")).getMessage();
        assertEquals("w.pth: tensor 'Conv2d_1a_3x3.conv.weight' has shape [32, 3, 3, 4], expected [32, 3, 3, 3]"
                + " (not pytorch-fid's Inception-v3 weights)", m);
        String missing = assertThrows(BadInputException.class, () -> InceptionV3.fromStateDict(Map.of(), "w.pth")).getMessage();
        assertEquals("w.pth: tensor 'Conv2d_1a_3x3.conv.weight' of pytorch-fid's Inception-v3 is missing", missing);
        Map<String, TorchStateDict.Stored> aux = Map.of("AuxLogits.fc.weight", zeros(1000, 768));
        String unexpected = assertThrows(BadInputException.class, () -> InceptionV3.fromStateDict(aux, "w.pth")).getMessage();
        assertTrue(unexpected.startsWith("w.pth: unexpected tensor 'AuxLogits.fc.weight'"), unexpected);
    }

    @Test
    void filesThatAreNotStateDictsSayWhy() throws Exception {
        Path junk = Files.write(tmp.resolve("junk.pth"), "not a pickle at all".getBytes());
        String m = assertThrows(BadInputException.class, () -> TorchStateDict.read(junk)).getMessage();
        assertTrue(m.startsWith(junk + ": not a readable PyTorch state dict ("), m);
        Path zip = tmp.resolve("other.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("readme.txt"));
            out.write("hello".getBytes());
        }
        String z = assertThrows(BadInputException.class, () -> TorchStateDict.read(zip)).getMessage();
        assertEquals(zip + ": a zip without data.pkl, not a torch.save file", z);
        Path empty = Files.write(tmp.resolve("empty.pth"), new byte[0]);
        assertTrue(assertThrows(BadInputException.class, () -> TorchStateDict.read(empty)).getMessage().contains("not a PyTorch state dict"));
    }
}
