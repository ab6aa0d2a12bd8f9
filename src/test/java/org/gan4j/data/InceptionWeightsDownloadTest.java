package org.gan4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.gan4j.BadInputException;
import org.gan4j.features.InceptionWeights;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pytorch-fid's weights are fetched with the ordinary resumable downloader from a release folder
 * (here a local HTTP server) and accepted only when their SHA-256 starts with the prefix in their
 * name. No test can hold a file with that prefix (gan4j never ships or fakes the weights), so the
 * accepting side is checked through {@link Downloader#fetchWithSha256Prefix} with another file's prefix.
 */
class InceptionWeightsDownloadTest {
    @TempDir
    Path dir;
    LocalMirror mirror;
    final List<String> messages = new ArrayList<>();

    @BeforeEach
    void serve() throws Exception {
        mirror = new LocalMirror();
    }

    @AfterEach
    void stop() {
        mirror.close();
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void aFileWhoseDigestLacksThePrefixIsRefusedAndNotKept() {
        mirror.files.put(InceptionWeights.FILE, random(50_000, 1));
        BadInputException e = assertThrows(BadInputException.class,
                () -> InceptionWeights.resolve(null, dir, mirror.base(), messages::add));
        assertTrue(e.getMessage().contains("failed verification: SHA-256") && e.getMessage().contains("expected " + InceptionWeights.SHA256_PREFIX),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
        assertFalse(Files.exists(dir.resolve(InceptionWeights.FILE)));
        assertFalse(Files.exists(dir.resolve(InceptionWeights.FILE + ".part")));
        assertTrue(messages.stream().anyMatch(m -> m.contains("downloading " + mirror.base().resolve(InceptionWeights.FILE))), messages.toString());
    }

    @Test
    void aGivenFileWithAnotherDigestIsRefused() throws Exception {
        Path f = Files.write(dir.resolve("weights.pth"), random(1000, 2));
        BadInputException e = assertThrows(BadInputException.class, () -> InceptionWeights.resolve(f, dir, mirror.base(), messages::add));
        assertTrue(e.getMessage().contains("not pytorch-fid's " + InceptionWeights.SHA256_PREFIX), e.getMessage());
        BadInputException missing = assertThrows(BadInputException.class,
                () -> InceptionWeights.resolve(dir.resolve("nope.pth"), dir, mirror.base(), messages::add));
        assertTrue(missing.getMessage().endsWith("nope.pth: no such file"), missing.getMessage());
    }

    @Test
    void anUnreachableReleaseIsOneLineNamingTheUrl() throws Exception {
        BadInputException e = assertThrows(BadInputException.class,
                () -> InceptionWeights.resolve(null, dir, LocalMirror.unreachable(), messages::add));
        assertTrue(e.getMessage().startsWith("cannot download pytorch-fid's Inception-v3 weights (")
                && e.getMessage().contains("pass --inception FILE"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void aDigestPrefixAcceptsTheFileItStartsAndResumesAPartFile() throws Exception {
        byte[] content = random(300_000, 3);
        mirror.files.put("w.pth", content);
        String prefix = DownloaderTest.sha256(content).substring(0, 8);
        Files.write(dir.resolve("w.pth.part"), java.util.Arrays.copyOf(content, 100_000));
        Path f = Downloader.fetchWithSha256Prefix("w.pth", mirror.base(), prefix, dir, messages::add);
        assertEquals(dir.resolve("w.pth"), f);
        assertTrue(java.util.Arrays.equals(content, Files.readAllBytes(f)));
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("resuming")), messages.toString());
        assertThrows(IllegalArgumentException.class, () -> Downloader.fetchWithSha256Prefix("w.pth", mirror.base(), "abc", dir, m -> { }),
                "a prefix under 8 digits verifies nothing");
    }
}
