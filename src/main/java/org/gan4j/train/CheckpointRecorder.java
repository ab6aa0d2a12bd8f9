package org.gan4j.train;

import java.nio.file.Path;
import java.util.function.Consumer;

/** Saves the run's state every {@code checkpoint-every} steps and at the last, then publishes {@link RunEvent.CheckpointSaved}. */
final class CheckpointRecorder implements RunListener {
    private final Path file;
    private final int every;
    private final Consumer<Path> save;
    private final RunEvents events;

    CheckpointRecorder(Path file, int every, Consumer<Path> save, RunEvents events) {
        this.file = file;
        this.every = every;
        this.save = save;
        this.events = events;
    }

    @Override
    public Stage stage() {
        return Stage.PERSIST;
    }

    @Override
    public void on(RunEvent event) {
        if (event instanceof RunEvent.StepEnded s && s.due(every)) {
            save.accept(file);
            events.publish(new RunEvent.CheckpointSaved(s.step(), file));
        }
    }
}
