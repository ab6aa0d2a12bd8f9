package org.gan4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.gan4j.train.StepStats;
import org.gan4j.train.TrainingListener;

/**
 * Shows a run's progress: on a terminal a progress bar (step/total, ETA, speed and the latest
 * losses), redrawn in place; otherwise (a log file, a pipe, CI) one plain line per log interval:
 * <pre>step 500/3000  d_loss 1.234  g_loss 0.987  D(x) 0.61  D(G(z)) 0.38  1234 img/s  eta 5m12s</pre>
 */
abstract class ConsoleProgress implements TrainingListener, AutoCloseable {
    /** The bar on a terminal ({@link System#console()} present), plain lines on {@code out} otherwise. */
    static ConsoleProgress create(PrintWriter out, String speedUnit) {
        return System.console() != null ? new Bar(speedUnit) : new Lines(out, speedUnit);
    }

    @Override
    public void close() {
    }

    /** "5m12s", "1h02m", "12s", "0.4s". */
    static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "?";
        }
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.1fs", seconds);
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }

    static String losses(StepStats s) {
        return String.format(Locale.ROOT, "d_loss %.3f  g_loss %.3f  D(x) %.2f  D(G(z)) %.2f",
                s.dLoss(), s.gLoss(), s.dReal(), s.dFake());
    }

    /** One line per log interval, for output that is not a terminal. */
    static final class Lines extends ConsoleProgress {
        private final PrintWriter out;
        private final String speedUnit;
        private long startStep;
        private long startNanos;

        Lines(PrintWriter out, String speedUnit) {
            this.out = out;
            this.speedUnit = speedUnit;
        }

        @Override
        public void onStart(Path runDir, long startStep, long totalSteps) {
            this.startStep = startStep;
            this.startNanos = System.nanoTime();
            out.println((startStep == 0 ? "training " : "resuming at step " + startStep + " of ") + totalSteps
                    + " steps in " + runDir);
            out.flush();
        }

        @Override
        public void onLog(StepStats s, long totalSteps) {
            out.println(line(s, totalSteps, (System.nanoTime() - startNanos) / 1e9));
            out.flush();
        }

        String line(StepStats s, long totalSteps, double elapsedSeconds) {
            double perStep = elapsedSeconds / Math.max(1, s.step() - startStep);
            return String.format(Locale.ROOT, "step %d/%d  %s  %.0f %s  eta %s", s.step(), totalSteps, losses(s),
                    s.imagesPerSec(), speedUnit, duration(perStep * (totalSteps - s.step())));
        }

        @Override
        public void onMessage(String line) {
            out.println(line);
            out.flush();
        }
    }

    /** A progress bar redrawn in place on stderr, for a terminal. */
    static final class Bar extends ConsoleProgress {
        private final String speedUnit;
        private ProgressBar bar;

        Bar(String speedUnit) {
            this.speedUnit = speedUnit;
        }

        @Override
        public void onStart(Path runDir, long startStep, long totalSteps) {
            System.err.println((startStep == 0 ? "training in " : "resuming at step " + startStep + " in ") + runDir);
            bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(totalSteps)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(500)
                    .startsFrom(startStep, Duration.ZERO).build();
        }

        @Override
        public void onLog(StepStats s, long totalSteps) {
            bar.stepTo(s.step());
            bar.setExtraMessage(String.format(Locale.ROOT, "%.0f %s  %s", s.imagesPerSec(), speedUnit, losses(s)));
        }

        @Override
        public void onMessage(String line) {
            // Checkpoints are routine on a terminal: the bar already shows how far the run is. Warnings
            // (training diagnostics) are not: they go on a line of their own above the bar.
            if (line.startsWith("warning:")) {
                System.err.print("\r\033[K");
                System.err.println(line);
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }
}
