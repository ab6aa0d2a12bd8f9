package org.gan4j.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gan4j.nn.Growing;
import org.gan4j.report.GrowthPicture;

/**
 * The growth picture of a progressive run, {@code growth.png} in its directory: one row per resolution, the first
 * {@value #COLUMNS} fixed-noise samples of the game's {@link Game#sheet()} at the end of that resolution's phase
 * (the last step before the next resolution starts fading in), and for the resolution the run ends in, at its last
 * step. Each row is kept as {@code growth/NNN.png}, so a resumed run keeps the rows of the phases it already
 * finished and replaces only the row of the one it continues.
 */
final class GrowthRecorder implements RunListener {
    /** Samples per row. */
    static final int COLUMNS = 8;

    private final Game game;
    private final RunDirectory run;
    private final GrowthSchedule schedule;
    private final long imagesPerStep;

    GrowthRecorder(Game game, RunDirectory run, GrowthSchedule schedule, long imagesPerStep) {
        this.game = game;
        this.run = run;
        this.schedule = schedule;
        this.imagesPerStep = imagesPerStep;
    }

    /** The stacked picture in {@code runDir}. */
    static Path picture(Path runDir) {
        return runDir.resolve("growth.png");
    }

    /** The row of {@code resolution} in {@code runDir}. */
    static Path row(Path runDir, int resolution) {
        return runDir.resolve("growth").resolve(String.format("%03d.png", resolution));
    }

    @Override
    public Stage stage() {
        return Stage.PERSIST;
    }

    @Override
    public void on(RunEvent event) {
        if (event instanceof RunEvent.StepEnded s) {
            long step = s.step();   // steps played; the last one played at the stage of step - 1
            Growing.Stage played = schedule.at((step - 1) * imagesPerStep);
            Growing.Stage next = schedule.at(step * imagesPerStep);
            if (next.resolution() != played.resolution() || step == s.totalSteps()) {
                write(played.resolution());
            }
        }
    }

    private void write(int resolution) {
        Game.Sheet sheet = game.sheet();
        int n = Math.min(COLUMNS, sheet.count());
        int features = sheet.shape().features();
        float[] samples = Arrays.copyOf(sheet.samples(), n * features);
        Path row = row(run.root(), resolution);
        try {
            Files.createDirectories(row.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + row.getParent(), e);
        }
        GrowthPicture.writeRow(row, samples, n, sheet.shape(), sheet.low(), sheet.high());
        List<Path> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int r : schedule.resolutions()) {
            Path p = row(run.root(), r);
            if (Files.isRegularFile(p)) {
                rows.add(p);
                labels.add(r + "x" + r);
            }
        }
        GrowthPicture.write(picture(run.root()), rows, labels);
    }
}
