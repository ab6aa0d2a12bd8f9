package org.gan4j.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gan4j.report.MetricsLog;

/**
 * Writes {@code metrics.csv}: one row per step with the game's scalars, {@code images_per_s} and
 * the evaluation columns (NaN between evaluations). Rows reach the disk at the log cadence and
 * before every checkpoint (this listener's stage precedes the checkpoint's), so a checkpoint never
 * points past the rows on disk.
 */
final class MetricsRecorder implements RunListener, AutoCloseable {
    private final MetricsLog log;
    private final List<String> scalarColumns;
    private final List<String> evalColumns;
    private final int checkpointEvery;
    private final Map<String, Double> evaluated = new HashMap<>();

    MetricsRecorder(MetricsLog log, List<String> scalarColumns, List<String> evalColumns, int checkpointEvery) {
        this.log = log;
        this.scalarColumns = scalarColumns;
        this.evalColumns = evalColumns;
        this.checkpointEvery = checkpointEvery;
    }

    @Override
    public Stage stage() {
        return Stage.RECORD;
    }

    @Override
    public void on(RunEvent event) {
        if (event instanceof RunEvent.Evaluated e) {
            evaluated.putAll(e.values());
        } else if (event instanceof RunEvent.StepEnded s) {
            List<String> row = new ArrayList<>(scalarColumns);
            double[] values = new double[scalarColumns.size() + evalColumns.size()];
            System.arraycopy(s.stats().scalars().values(row), 0, values, 0, row.size());
            for (int i = 0; i < evalColumns.size(); i++) {
                values[row.size() + i] = evaluated.getOrDefault(evalColumns.get(i), Double.NaN);
            }
            evaluated.clear();
            log.append(s.step(), values);
            if (s.logged() || s.due(checkpointEvery)) {
                log.flush();
            }
        }
    }

    @Override
    public void close() {
        log.flush();
        log.close();
    }
}
