package org.gan4j.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gan4j.cli.Gan4j;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The page during a real run: {@code gan4j train --dashboard 0} trains a small GAN in this JVM while
 * headless Chromium shows its page; the test reads the page over the DevTools protocol (the JDK's
 * WebSocket, {@code Runtime.evaluate} of {@code window.gan4jState}) and waits until the loss chart's
 * points grow, the progress step advances and the sample grid changes, the way a person watching
 * would see it, then saves a screenshot to {@code target/dashboard-live.png}. Skipped without Chromium.
 */
class LiveBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT_MS = 60_000;

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void theOpenPageFollowsATrainingRun() throws Exception {
        Path chromium = BrowserTest.chromium();
        assumeTrue(chromium != null, "no chromium on this machine");
        Path run = tmp.resolve("runs").resolve("live");
        StringWriter err = new StringWriter();
        CommandLine cli = Gan4j.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        CompletableFuture<Integer> training = CompletableFuture.supplyAsync(() -> cli.execute("train", "--model", "mlp", "--dataset", "ring8",
                "--steps", "6000", "--log-every", "20", "--sample-every", "200", "--out", run.toString(), "--dashboard", "0"));

        String url = await("the dashboard's address", () -> {
            Matcher m = Pattern.compile("dashboard: (http://\\S+)").matcher(err.toString());
            return m.find() ? m.group(1) : null;
        }, training);
        // the page ticks the runs live when it loads: wait for the run's first logged rows
        await("the run's first rows", () -> Files.isRegularFile(run.resolve("config.json")) && Files.exists(run.resolve("metrics.csv"))
                && Files.readAllLines(run.resolve("metrics.csv")).size() > 1 ? true : null, training);

        Process browser = new ProcessBuilder(chromium.toString(), "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--remote-debugging-port=0", "--user-data-dir=" + tmp.resolve("profile"), "--window-size=1400,900", url)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String browserWs = devToolsAddress(browser);
            Cdp page = Cdp.connect(pageTarget(browserWs, url));
            page.call("Runtime.enable", JSON.createObjectNode());

            JsonNode first = await("the page's first state", () -> {
                JsonNode s = state(page);
                return s != null && s.path("points").asInt() > 0 && !s.path("grid").isNull() ? s : null;
            }, training);
            assertEquals("live", first.path("run").asText(), "the training run is the one in focus: " + first);
            assertTrue(first.path("charts").asInt() >= 3, "a chart per scalar group: " + first);
            assertTrue(first.path("step").asText().matches("step \\d+ of 6000 \\(live\\)"), first.toString());

            JsonNode later = await("points, step and grid to change", () -> {
                JsonNode s = state(page);
                return s != null && s.path("points").asInt() > first.path("points").asInt()
                        && !s.path("step").asText().equals(first.path("step").asText())
                        && !s.path("grid").asText().equals(first.path("grid").asText()) ? s : null;
            }, training);
            assertTrue(later.path("grid").asText().matches("/runs/live/samples/step-\\d{6}\\.png"), later.toString());

            ObjectNode shot = JSON.createObjectNode().put("format", "png");
            byte[] png = Base64.getDecoder().decode(page.call("Page.captureScreenshot", shot).path("data").asText());
            assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a screenshot");
            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target", "dashboard-live.png"), png);
            page.close();
        } finally {
            browser.descendants().forEach(ProcessHandle::destroyForcibly);   // /usr/bin/chromium is a script: its browser too
            browser.destroyForcibly();
            browser.waitFor(10, TimeUnit.SECONDS);
        }
        assertEquals(0, training.get(180, TimeUnit.SECONDS), err.toString());
    }

    private static JsonNode state(Cdp page) throws Exception {
        ObjectNode p = JSON.createObjectNode()
                .put("expression", "window.gan4jState ? JSON.stringify({run: gan4jState.run, step: gan4jState.step, points: gan4jState.points,"
                        + " grid: gan4jState.grid, charts: gan4jState.charts}) : null")
                .put("returnByValue", true);
        JsonNode v = page.call("Runtime.evaluate", p).path("result").path("value");
        return v.isTextual() ? JSON.readTree(v.asText()) : null;
    }

    /** The browser's DevTools WebSocket, from the line Chromium writes on stderr. */
    private static String devToolsAddress(Process browser) throws Exception {
        CompletableFuture<String> ws = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(browser.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    Matcher m = Pattern.compile("DevTools listening on (ws://\\S+)").matcher(line);
                    if (m.find()) {
                        ws.complete(m.group(1));
                    }
                }
            } catch (java.io.IOException e) {
                // the browser went away
            }
            ws.completeExceptionally(new AssertionError("chromium wrote no DevTools address"));
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        return ws.get(60, TimeUnit.SECONDS);
    }

    /** The WebSocket of the tab showing {@code url}, from the browser's /json/list. */
    private static String pageTarget(String browserWs, String url) throws Exception {
        URI ws = URI.create(browserWs);
        HttpClient http = HttpClient.newHttpClient();
        return await("the page's DevTools target", () -> {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://" + ws.getHost() + ":" + ws.getPort() + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (JsonNode t : JSON.readTree(body)) {
                if (t.path("type").asText().equals("page") && t.path("url").asText().startsWith(url)) {
                    return t.path("webSocketDebuggerUrl").asText();
                }
            }
            return null;
        }, null);
    }

    private interface Probe<T> {
        T get() throws Exception;
    }

    /** Polls {@code probe} until it answers non-null; fails after {@link #WAIT_MS}, or when training ended first. */
    private static <T> T await(String what, Probe<T> probe, CompletableFuture<Integer> training) throws Exception {
        long end = System.currentTimeMillis() + WAIT_MS;
        while (System.currentTimeMillis() < end) {
            T v = probe.get();
            if (v != null) {
                return v;
            }
            if (training != null && training.isDone()) {
                T last = probe.get();
                if (last != null) {
                    return last;
                }
                throw new AssertionError("training ended (exit " + training.getNow(null) + ") before " + what);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    /** A minimal DevTools protocol client: one request at a time by id, over the JDK's WebSocket. */
    private static final class Cdp implements WebSocket.Listener {
        private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        private final AtomicInteger ids = new AtomicInteger();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static Cdp connect(String address) throws Exception {
            Cdp cdp = new Cdp();
            cdp.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(address), cdp).get(30, TimeUnit.SECONDS);
            return cdp;
        }

        JsonNode call(String method, ObjectNode params) throws Exception {
            int id = ids.incrementAndGet();
            CompletableFuture<JsonNode> answer = new CompletableFuture<>();
            pending.put(id, answer);
            ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
            msg.set("params", params);
            socket.sendText(JSON.writeValueAsString(msg), true).get(30, TimeUnit.SECONDS);
            JsonNode reply = answer.get(30, TimeUnit.SECONDS);
            assertNotNull(reply.get("result"), method + ": " + reply);
            return reply.get("result");
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode msg = JSON.readTree(partial.toString());
                    CompletableFuture<JsonNode> f = msg.has("id") ? pending.remove(msg.get("id").asInt()) : null;
                    if (f != null) {
                        f.complete(msg);
                    }
                } catch (java.io.IOException e) {
                    // not JSON: ignore
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            pending.values().forEach(f -> f.completeExceptionally(error));
        }
    }
}
