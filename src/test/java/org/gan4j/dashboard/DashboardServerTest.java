package org.gan4j.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The endpoints, through the JDK's HTTP client. */
class DashboardServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private DashboardServer server;

    @TempDir
    Path tmp;

    @BeforeEach
    void start() throws IOException {
        server = DashboardServer.start(RunsFixture.create(tmp), "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.url() + path.substring(1))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertEquals(200, r.statusCode(), path);
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        return JSON.readTree(r.body());
    }

    @Test
    void bindsToLoopbackByDefault() {
        assertEquals("http://127.0.0.1:" + server.port() + "/", server.url());
    }

    @Test
    void pageAndChartLibraryComeFromTheJar() throws Exception {
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("/uplot/uPlot.iife.min.js"), "the page loads uPlot from this server");
        assertFalse(page.body().contains("http://") || page.body().contains("https://"), "no CDN");
        assertTrue(get("/uplot/uPlot.iife.min.js").body().contains("uPlot"));
        assertTrue(get("/uplot/uPlot.min.css").body().contains(".uplot"));
        assertTrue(get("/dashboard.js").body().contains("EventSource"));
    }

    @Test
    void listsRuns() throws Exception {
        JsonNode runs = json("/api/runs");
        assertEquals(1, runs.size());
        JsonNode r = runs.get(0);
        assertEquals("ring8", r.get("name").asText());
        assertEquals("mlp", r.get("model").asText());
        assertEquals(300, r.get("step").asLong());
        assertEquals(300, r.get("total").asLong());
        assertEquals("finished", r.get("state").asText());
    }

    @Test
    void metricsWholeAndSinceAStep() throws Exception {
        JsonNode all = json("/api/runs/ring8/metrics");
        assertEquals("step", all.get("columns").get(0).asText());
        assertEquals(8, all.get("columns").size());
        assertEquals(300, all.get("rows").size());
        JsonNode tail = json("/api/runs/ring8/metrics?since=297");
        assertEquals(3, tail.get("rows").size());
        assertEquals(298, tail.get("rows").get(0).get(0).asLong());
        assertEquals(1.4 - 298 / 1000.0, tail.get("rows").get(0).get(1).asDouble(), 1e-6);
    }

    @Test
    void configSamplesAndGrid() throws Exception {
        assertEquals("mlp", json("/api/runs/ring8/config").at("/config/model").asText());
        JsonNode steps = json("/api/runs/ring8/samples").get("steps");
        assertEquals("[0,300]", steps.toString());
        HttpResponse<byte[]> png = client.send(HttpRequest.newBuilder(URI.create(server.url() + "runs/ring8/samples/step-000300.png")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, png.statusCode());
        assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));
        assertEquals((byte) 0x89, png.body()[0]);
    }

    /** The run's top-level pictures (loss plot, traversals, growth, mixing grids) are listed and served; other files are not. */
    @Test
    void picturesAreListedWithTheirTimesAndServed() throws Exception {
        JsonNode list = json("/api/runs/ring8/pictures");
        assertEquals(2, list.size(), list.toString());
        assertEquals("loss.png", list.get(0).get("name").asText());
        assertEquals("traversal-c1.png", list.get(1).get("name").asText());
        assertTrue(list.get(1).get("modified").asLong() > 0);
        HttpResponse<String> png = get("/runs/ring8/traversal-c1.png?m=1");
        assertEquals(200, png.statusCode());
        assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));
        assertEquals(404, get("/runs/ring8/notes.txt").statusCode());
        assertEquals(404, get("/runs/ring8/config.json").statusCode());
        assertEquals(404, get("/runs/ring8/missing.png").statusCode());
        assertEquals(404, get("/api/runs/nope/pictures").statusCode());
    }

    @Test
    void unknownRunsAndPathsAre404() throws Exception {
        assertEquals(404, get("/api/runs/nope/metrics").statusCode());
        assertEquals(404, get("/api/runs/ring8/other").statusCode());
        assertEquals(404, get("/runs/ring8/samples/step-000001.png").statusCode());
        assertEquals(404, get("/runs/ring8/config.json").statusCode());
    }

    @Test
    void lastStepReadsTheTailAndIgnoresAnUnfinishedLine() throws Exception {
        Path csv = tmp.resolve("m.csv");
        java.nio.file.Files.writeString(csv, "step,d_loss\n");
        assertEquals(0, DashboardServer.lastStep(csv));
        java.nio.file.Files.writeString(csv, "step,d_loss\n1,0.5\n2,0.4\n3,0.");
        assertEquals(2, DashboardServer.lastStep(csv));
        assertEquals(300, DashboardServer.lastStep(tmp.resolve("runs/ring8/metrics.csv")));
    }

    @Test
    void onlyGetIsAllowed() throws Exception {
        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.url() + "api/runs"))
                    .method(method, HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, r.statusCode(), method);
            assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElse(""));
        }
    }

    @Test
    void withoutATrainedRunTheEventStreamSaysNoContent() throws Exception {
        assertEquals(204, get("/api/events").statusCode());
    }

    /** A run beside ring8 with a given metrics.csv. */
    private void badRun(String name, String csv) throws IOException {
        Path run = java.nio.file.Files.createDirectories(tmp.resolve("runs").resolve(name));
        java.nio.file.Files.writeString(run.resolve("config.json"), "{\"config\": {\"model\": \"mlp\", \"steps\": 100}}");
        java.nio.file.Files.writeString(run.resolve("metrics.csv"), csv);
    }

    @Test
    void anEmptyOrCorruptMetricsFileIsAnErrorOfThatRunOnly() throws Exception {
        badRun("empty", "");
        badRun("noheader", "1,2,3\n");
        badRun("badtail", "step,d_loss\n1,0.5\nxx,0.4\n");
        badRun("badmiddle", "step,d_loss\n1,0.5\n2,oops\n3,0.3\n");
        badRun("headeronly", "step,d_loss\n");
        JsonNode runs = json("/api/runs");
        java.util.Map<String, JsonNode> byName = new java.util.HashMap<>();
        runs.forEach(r -> byName.put(r.get("name").asText(), r));
        assertEquals(java.util.Set.of("ring8", "empty", "noheader", "badtail", "badmiddle", "headeronly"), byName.keySet(), "every run listed");
        assertEquals("metrics.csv is empty (no header)", byName.get("empty").path("error").asText());
        assertTrue(byName.get("noheader").path("error").asText().contains("header"), byName.get("noheader").toString());
        assertTrue(byName.get("badtail").path("error").asText().contains("last row"), byName.get("badtail").toString());
        assertFalse(byName.get("ring8").has("error"));
        assertFalse(byName.get("headeronly").has("error"), "a run that has logged nothing yet is no error");
        assertFalse(byName.get("badmiddle").has("error"), "the list reads head and tail only");
        assertEquals(300, byName.get("ring8").get("step").asLong());

        for (String bad : java.util.List.of("empty", "noheader", "badtail", "badmiddle")) {
            JsonNode m = json("/api/runs/" + bad + "/metrics");
            assertTrue(m.hasNonNull("error"), bad + ": " + m);
            assertEquals(0, m.get("rows").size(), bad);
            assertFalse(m.get("error").asText().contains(tmp.toString()), "no path of this machine: " + m);
        }
        assertEquals("metrics.csv: empty metrics file (no header)", json("/api/runs/empty/metrics").get("error").asText());
        assertTrue(json("/api/runs/badmiddle/metrics").get("error").asText().startsWith("metrics.csv:3: cannot read row '2,oops'"));
        JsonNode fine = json("/api/runs/headeronly/metrics");
        assertFalse(fine.has("error"));
        assertEquals(2, fine.get("columns").size());
        assertEquals(300, json("/api/runs/ring8/metrics").get("rows").size(), "the other runs still served");
    }

    @Test
    void portsOutOfRangeAreRefused() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> DashboardServer.start(tmp, "127.0.0.1", 65536));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> DashboardServer.start(tmp, "127.0.0.1", -1));
    }
}
