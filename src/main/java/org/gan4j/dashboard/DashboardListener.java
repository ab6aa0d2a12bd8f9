package org.gan4j.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.gan4j.train.RunEvent;
import org.gan4j.train.RunListener;
import org.gan4j.train.StepStats;

/**
 * Feeds a run's events to the dashboard's {@link EventHub}: the scalars of the logged steps (the
 * {@code log-every} cadence, not every step), new sample grids, evaluations, messages (the warnings
 * of {@code Diagnostics}), checkpoints and the end of the run. It observes only
 * ({@link RunListener.Stage#OBSERVE}); the cost on the training thread is building one small JSON
 * string per logged step and offering it to bounded queues ({@link EventHub#publish} never blocks).
 */
public final class DashboardListener implements RunListener {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventHub hub;
    private final String run;
    private final DashboardServer server;
    private volatile long lastStep;

    DashboardListener(DashboardServer server, String run) {
        this.server = server;
        this.hub = server.hub();
        this.run = run;
    }

    @Override
    public void on(RunEvent event) {
        if (event instanceof RunEvent.StepEnded e) {
            lastStep = e.step();
            if (e.logged()) {
                send("step", scalars(node(e.step()).put("total", e.totalSteps()), e.stats()));
            }
        } else if (event instanceof RunEvent.RunStarted e) {
            lastStep = e.startStep();
            server.live(run, true);
            ObjectNode n = node(e.startStep());
            n.put("total", e.totalSteps());
            n.putPOJO("scalars", e.scalars());
            send("start", n);
        } else if (event instanceof RunEvent.SamplesWritten e) {
            send("grid", node(e.step()));
        } else if (event instanceof RunEvent.Evaluated e) {
            ObjectNode n = node(e.step());
            ObjectNode values = n.putObject("values");
            for (Map.Entry<String, Double> v : e.values().entrySet()) {
                number(values, v.getKey(), v.getValue());
            }
            n.put("summary", e.summary());
            send("eval", n);
        } else if (event instanceof RunEvent.CheckpointSaved e) {
            send("checkpoint", node(e.step()));
        } else if (event instanceof RunEvent.Message e) {
            send("message", node(lastStep).put("text", e.text()).put("warning", e.text().startsWith("warning")));
        } else if (event instanceof RunEvent.RunEnded e) {
            server.live(run, false);
            send("end", node(e.result().steps()));
        }
    }

    private ObjectNode node(long step) {
        ObjectNode n = JSON.createObjectNode();
        n.put("run", run);
        n.put("step", step);
        return n;
    }

    private static ObjectNode scalars(ObjectNode n, StepStats stats) {
        ObjectNode s = n.putObject("scalars");
        for (String name : stats.scalars().names()) {
            number(s, name, stats.scalars().get(name));
        }
        return n;
    }

    /** JSON has no NaN or infinity: they travel as null. */
    static void number(ObjectNode n, String name, double v) {
        if (Double.isFinite(v)) {
            n.put(name, v);
        } else {
            n.putNull(name);
        }
    }

    private void send(String type, ObjectNode n) {
        hub.publish(type, n.toString());
    }
}
