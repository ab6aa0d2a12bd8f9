package org.gan4j.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gan4j.train.RunEvent;
import org.gan4j.train.RunEvents;
import org.gan4j.train.StepStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Events published to the {@link DashboardListener} reach a page's event stream; a slow page never holds up the publisher. */
class EventStreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aLoggedStepReachesTheStream() throws Exception {
        Path runs = RunsFixture.create(tmp);
        try (DashboardServer server = DashboardServer.start(runs, "127.0.0.1", 0)) {
            RunEvents events = new RunEvents().add(server.listener(runs.resolve("ring8")));
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(server.url() + "api/events")).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, response.statusCode());
            assertEquals("text/event-stream; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
            while (server.hub().clients() == 0) {
                Thread.sleep(10);
            }
            events.publish(new RunEvent.RunStarted(runs.resolve("ring8"), 0, 300, List.of("d_loss", "g_loss")));
            events.publish(new RunEvent.StepEnded(new StepStats(7, 1.25, 0.75, 0.5, 0.4, 0.3, 0.2, 1000), 300, false));  // not logged: not sent
            events.publish(new RunEvent.StepEnded(new StepStats(50, 1.5, 0.5, 0.6, 0.4, Double.NaN, 0.2, 1000), 300, true));
            events.message("warning: vanishing generator gradient at step 50: ...");

            BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
            JsonNode step = next(in, "step");
            assertEquals("ring8", step.get("run").asText());
            assertEquals(50, step.get("step").asLong());
            assertEquals(300, step.get("total").asLong());
            assertEquals(1.5, step.at("/scalars/d_loss").asDouble());
            assertTrue(step.at("/scalars/grad_norm_d").isNull(), "NaN travels as null");
            JsonNode message = next(in, "message");
            assertTrue(message.get("warning").asBoolean());
            assertEquals(50, message.get("step").asLong());
            response.body().close();
        }
    }

    /** The data of the next event of {@code type}, skipping others. */
    private static JsonNode next(BufferedReader in, String type) throws Exception {
        String event = null;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith("event: ")) {
                event = line.substring(7);
            } else if (line.startsWith("data: ") && type.equals(event)) {
                return JSON.readTree(line.substring(6));
            }
        }
        assertNotNull(null, "stream ended before a " + type + " event");
        return null;
    }

    @Test
    void aClientThatDoesNotReadLosesItsOldestFramesAndThePublisherGoesOn() throws Exception {
        EventHub hub = new EventHub();
        EventHub.Client slow = hub.connect();
        long start = System.nanoTime();
        for (int i = 0; i < 10 * EventHub.QUEUE; i++) {
            hub.publish("step", "{\"step\":" + i + "}");
        }
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "publishing never waits for a reader");
        assertEquals(9 * EventHub.QUEUE, slow.dropped());
        String first = new String(slow.next(0), StandardCharsets.UTF_8);
        assertEquals("event: step\ndata: {\"step\":" + 9 * EventHub.QUEUE + "}\n\n", first, "the newest frames are kept");
    }

    @Test
    void aPageConnectingLateSeesEarlierWarningsButNotOldSteps() throws Exception {
        EventHub hub = new EventHub();
        hub.publish("step", "{\"step\":1}");
        hub.publish("message", "{\"text\":\"warning: x\"}");
        EventHub.Client late = hub.connect();
        assertEquals("event: message\ndata: {\"text\":\"warning: x\"}\n\n", new String(late.next(0), StandardCharsets.UTF_8));
        assertEquals(null, late.next(0));
    }

    @Test
    void tooManyPagesAreRefused() {
        EventHub hub = new EventHub();
        for (int i = 0; i < EventHub.MAX_CLIENTS; i++) {
            assertNotNull(hub.connect());
        }
        assertEquals(null, hub.connect());
    }
}
