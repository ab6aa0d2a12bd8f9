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
}
