package org.gan4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunEventsTest {
    private static RunListener named(String name, RunListener.Stage stage, List<String> log, RunEvents events) {
        return new RunListener() {
            @Override
            public void on(RunEvent e) {
                log.add(name + ":" + e.getClass().getSimpleName());
                if (stage == Stage.MEASURE && e instanceof RunEvent.StepEnded s) {
                    events.publish(new RunEvent.Evaluated(s.step(), Map.of("fid_x", 1.0), "evaluated"));
                }
            }

            @Override
            public Stage stage() {
                return stage;
            }
        };
    }

    /** Stages order the listeners whatever their registration order; an event published meanwhile reaches all first. */
    @Test
    void listenersHearEachEventInStageOrderAndNestedEventsFirst() {
        List<String> log = new ArrayList<>();
        RunEvents events = new RunEvents();
        events.add(named("observer", RunListener.Stage.OBSERVE, log, events))
                .add(named("checkpoint", RunListener.Stage.PERSIST, log, events))
                .add(named("metrics", RunListener.Stage.RECORD, log, events))
                .add(named("evaluation", RunListener.Stage.MEASURE, log, events));
        events.publish(new RunEvent.StepEnded(new StepStats(1, StepScalars.of("d_loss", 1.0)), 10, true));
        assertEquals(List.of("evaluation:StepEnded",
                "evaluation:Evaluated", "metrics:Evaluated", "checkpoint:Evaluated", "observer:Evaluated",
                "metrics:StepEnded", "checkpoint:StepEnded", "observer:StepEnded"), log);
    }

    @Test
    void stepScalarsKeepTheirOrderAndReportNaNForWhatAStepDidNotMeasure() {
        StepScalars s = StepScalars.of("d_loss", 1.5, "g_loss", 0.5).with("images_per_s", 100);
        assertEquals(List.of("d_loss", "g_loss", "images_per_s"), s.names());
        assertTrue(Double.isNaN(s.get("content_loss")));
        double[] row = s.values(List.of("g_loss", "psnr", "d_loss"));
        assertEquals(0.5, row[0]);
        assertTrue(Double.isNaN(row[1]));
        assertEquals(1.5, row[2]);
        StepStats stats = new StepStats(3, s);
        assertEquals(1.5, stats.dLoss());
        assertTrue(Double.isNaN(stats.dReal()));
    }
}
