package org.gan4j.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests that try to leave the runs folder or a run directory, sent byte for byte on a socket
 * (an HTTP client could normalise {@code ..} away before sending): each is 404 and never shows the
 * secret file beside the folder.
 */
class PathTraversalTest {
    private DashboardServer server;
    private Path runs;

    @TempDir
    Path tmp;

    @BeforeEach
    void start() throws IOException {
        runs = RunsFixture.create(tmp);
        server = DashboardServer.start(runs, "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The status line and body of GET {@code rawPath}, as sent. */
    private String raw(String rawPath) throws IOException {
        return raw(rawPath, "127.0.0.1:" + server.port());
    }

    private String raw(String rawPath, String host) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET " + rawPath + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private void refused(String rawPath) throws IOException {
        String response = raw(rawPath);
        assertEquals("HTTP/1.1 404", response.substring(0, 12), rawPath + " -> " + response.lines().findFirst().orElse(""));
        assertFalse(response.contains("SECRET"), rawPath);
    }

    @Test
    void theFixtureIsServedWhenAskedPlainly() throws IOException {
        assertEquals("HTTP/1.1 200", raw("/runs/ring8/samples/step-000300.png").substring(0, 12));
    }

    @Test
    void aForeignHostNameIsRefusedOnLoopback() throws IOException {
        assertEquals("HTTP/1.1 403", raw("/api/runs", "evil.example:" + server.port()).substring(0, 12), "DNS rebinding");
        assertEquals("HTTP/1.1 200", raw("/api/runs", "localhost:" + server.port()).substring(0, 12));
        assertEquals("HTTP/1.1 200", raw("/api/runs", "[::1]:" + server.port()).substring(0, 12));
    }

    @Test
    void dotDot() throws IOException {
        refused("/runs/../secret.txt");
        refused("/runs/ring8/../../secret.txt");
        refused("/runs/ring8/samples/../../../secret.txt");
        refused("/api/runs/../config");
        refused("/api/runs/..%2F..%2Fsecret.txt/config");
    }

    @Test
    void encodedDotDot() throws IOException {
        refused("/runs/%2e%2e/samples/step-000300.png");
        refused("/runs/ring8/samples/%2e%2e%2f%2e%2e%2f%2e%2e%2fsecret.txt");
        refused("/runs/%2E%2E%2F%2E%2E%2Fsecret.txt/samples/step-000300.png");
        refused("/api/runs/%2e%2e/config");
        refused("/runs/ring8/samples/..%5c..%5csecret.txt");
        refused("/runs/%252e%252e/samples/step-000300.png");   // double-encoded
    }

    @Test
    void absolutePaths() throws IOException {
        String secret = tmp.resolve("secret.txt").toString();
        refused("/runs/" + secret.replace("/", "%2F") + "/samples/step-000300.png");
        refused("/runs//" + secret.substring(1));
        refused("/api/runs/%2Fetc/config");
        refused("//etc/passwd");
        refused(secret);
    }

    @Test
    void symlinkedGridPointingOutOfTheRun() throws IOException {
        Files.createSymbolicLink(runs.resolve("ring8/samples/step-000400.png"), tmp.resolve("secret.txt"));
        refused("/runs/ring8/samples/step-000400.png");
    }

    @Test
    void symlinkedPicturePointingOutOfTheRun() throws IOException {
        Files.createSymbolicLink(runs.resolve("ring8/secret.png"), tmp.resolve("secret.txt"));
        refused("/runs/ring8/secret.png");
        refused("/runs/ring8/..%2F..%2Fsecret.png");
        assertFalse(raw("/api/runs/ring8/pictures").contains("secret"));
    }

    @Test
    void symlinkedSamplesFolderPointingOutOfTheRun() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("step-000000.png"), "SECRET");
        Path samples = runs.resolve("ring8/samples");
        Files.move(samples, tmp.resolve("moved"));
        Files.createSymbolicLink(samples, outside);
        refused("/runs/ring8/samples/step-000000.png");
    }

    @Test
    void symlinkedRunPointingOutOfTheFolder() throws IOException {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("config.json"), "{\"secret\": \"SECRET\"}");
        Files.createSymbolicLink(runs.resolve("linked"), elsewhere);
        refused("/api/runs/linked/config");
        refused("/api/runs/linked/metrics");
        String list = raw("/api/runs");
        assertFalse(list.contains("linked"), list);
    }
}
