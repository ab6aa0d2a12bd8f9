package org.gan4j.train;

import java.nio.file.Path;
import org.gan4j.data.Dataset;
import org.gan4j.report.PointPlot;
import org.gan4j.report.SampleGrid;

/**
 * Writes the picture of the game's {@link Game#sheet()} at step 0 of a new run and every
 * {@code sample-every} steps (and the last): a grid for images, a scatter plot or histogram over
 * real points for toy data; then publishes {@link RunEvent.SamplesWritten}.
 */
final class SampleRecorder implements RunListener {
    private static final int REFERENCE_POINTS = 2000;

    private final Game game;
    private final RunDirectory run;
    private final Dataset data;
    private final int every;
    private final RunEvents events;
    private float[] referencePoints;

    SampleRecorder(Game game, RunDirectory run, Dataset data, int every, RunEvents events) {
        this.game = game;
        this.run = run;
        this.data = data;
        this.every = every;
        this.events = events;
    }

    @Override
    public Stage stage() {
        return Stage.PERSIST;
    }

    @Override
    public void on(RunEvent event) {
        if (event instanceof RunEvent.RunStarted s && s.startStep() == 0) {
            write(0);
        } else if (event instanceof RunEvent.StepEnded s && s.due(every)) {
            write(s.step());
        }
    }

    private void write(long step) {
        Game.Sheet sheet = game.sheet();
        Path png = run.sampleGrid(step);
        if (sheet.shape().image()) {
            SampleGrid.write(png, sheet.samples(), sheet.count(), sheet.shape(), sheet.low(), sheet.high(), sheet.columns());
        } else {
            PointPlot.write(png, sheet.samples(), sheet.count(), sheet.shape().features(), referencePoints(),
                    referenceCount(), data.name() + " at step " + step);
        }
        events.publish(new RunEvent.SamplesWritten(step, png, sheet.samples(), sheet.count()));
    }

    private float[] referencePoints() {
        if (referencePoints == null) {
            int n = referenceCount();
            int d = data.shape().features();
            referencePoints = new float[n * d];
            for (int i = 0; i < n; i++) {
                data.copyTo(i, referencePoints, i * d);
            }
        }
        return referencePoints;
    }

    private int referenceCount() {
        return Math.min(data.size(), REFERENCE_POINTS);
    }
}
