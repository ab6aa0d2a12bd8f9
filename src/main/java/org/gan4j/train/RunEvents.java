package org.gan4j.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The event stream of one run: delivers each event to every listener in {@link RunListener.Stage}
 * order (registration order within a stage). A listener may publish while handling an event; the
 * new event is delivered to every listener before the publisher continues.
 */
public final class RunEvents {
    private final List<RunListener> listeners = new ArrayList<>();

    public RunEvents add(RunListener listener) {
        listeners.add(listener);
        listeners.sort(Comparator.comparing(RunListener::stage));   // stable: registration order within a stage
        return this;
    }

    public void publish(RunEvent event) {
        for (RunListener l : List.copyOf(listeners)) {
            l.on(event);
        }
    }

    /** Whether any listener {@link RunListener#wantsDistributions() reads} {@link RunEvent.Distributions}. */
    public boolean wantsDistributions() {
        return listeners.stream().anyMatch(RunListener::wantsDistributions);
    }

    /** Publishes a {@link RunEvent.Message}. */
    public void message(String text) {
        publish(new RunEvent.Message(text));
    }
}
