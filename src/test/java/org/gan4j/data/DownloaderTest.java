package org.gan4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.gan4j.BadInputException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloaderTest {
    static final String NAME = "train-images-idx3-ubyte.gz";

    @TempDir
    Path dir;
    LocalMirror mirror;
    byte[] content;
    String sha;
    final List<String> messages = new ArrayList<>();

    @BeforeEach
    void serve() throws Exception {
        mirror = new LocalMirror();
        content = new byte[200_000];
        new Random(1).nextBytes(content);
        mirror.files.put(NAME, content);
        sha = sha256(content);
    }

    @AfterEach
    void stop() {
        mirror.close();
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private Path fetch(List<URI> mirrors, String digest) throws IOException {
        return Downloader.create().fetch(NAME, mirrors, digest, dir, messages::add);
    }

    @Test
    void downloadsVerifiesAndReportsProgress() throws Exception {
        Path f = fetch(List.of(mirror.base()), sha);
        assertEquals(dir.resolve(NAME), f);
        assertArrayEquals(content, Files.readAllBytes(f));
        assertFalse(Files.exists(dir.resolve(NAME + ".part")));
        assertTrue(messages.stream().anyMatch(m -> m.contains("50%")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("downloading " + mirror.base() + NAME)), messages.toString());
    }

    @Test
    void digestMismatchLeavesNeitherFinalNorPartFile() {
        String wrong = "00".repeat(32);
        BadInputException e = assertThrows(BadInputException.class, () -> fetch(List.of(mirror.base()), wrong));
        String m = e.getMessage();
        assertTrue(m.contains(mirror.base() + NAME) && m.contains(sha) && m.contains(wrong), m);
        assertFalse(m.contains("\n"));
        assertFalse(Files.exists(dir.resolve(NAME)));
        assertFalse(Files.exists(dir.resolve(NAME + ".part")));
    }

    @Test
    void resumesWithARangeRequestAfterTheConnectionIsCut() throws Exception {
        mirror.cutOnce.add(NAME);
        Path f = fetch(List.of(mirror.base()), sha);
        assertArrayEquals(content, Files.readAllBytes(f));
        List<String> requests = mirror.requestsFor(NAME);
        assertEquals(2, requests.size(), requests.toString());
        assertEquals(NAME + " -", requests.get(0));
        assertEquals(NAME + " bytes=" + content.length / 2 + "-", requests.get(1));
    }

    @Test
    void resumesAPartFileLeftByAnEarlierRun() throws Exception {
        Files.write(dir.resolve(NAME + ".part"), Arrays.copyOf(content, 1234));
        assertArrayEquals(content, Files.readAllBytes(fetch(List.of(mirror.base()), sha)));
        assertEquals(List.of(NAME + " bytes=1234-"), mirror.requestsFor(NAME));
    }

    @Test
    void startsOverWhenTheServerIgnoresTheRange() throws Exception {
        mirror.honourRanges = false;
        Files.write(dir.resolve(NAME + ".part"), new byte[5000]);
        assertArrayEquals(content, Files.readAllBytes(fetch(List.of(mirror.base()), sha)));
    }

    @Test
    void triesTheNextMirrorWhenOneIsDownOrLacksTheFile() throws Exception {
        LocalMirror empty = new LocalMirror();
        try (empty) {
            Path f = fetch(List.of(LocalMirror.unreachable(), empty.base(), mirror.base()), sha);
            assertArrayEquals(content, Files.readAllBytes(f));
            assertEquals(1, empty.requestsFor(NAME).size());
        }
    }

    @Test
    void unreachableMirrorGivesAOneLineReason() throws Exception {
        URI down = LocalMirror.unreachable();
        IOException e = assertThrows(IOException.class, () -> fetch(List.of(down), sha));
        String reason = Downloader.describe(e);
        assertTrue(reason.startsWith(down + NAME + ": "), reason);
        assertFalse(reason.contains("\n"));
        assertFalse(Files.exists(dir.resolve(NAME)));
    }
}
