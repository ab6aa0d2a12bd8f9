package org.gan4j.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.gan4j.train.StepStats;
import org.gan4j.train.TrainingListener;

/**
 * Shows a run's progress: on a terminal a progress bar (step/total, ETA, speed and the latest
 * scalars), redrawn in place; otherwise (a log file, a pipe, CI) one plain line per log interval:
 * <pre>step 500/3000  d_loss 1.234  g_loss 0.987  D(x) 0.61  D(G(z)) 0.38  1234 img/s  eta 5m12s</pre>
 *
 * <p>That is the adversarial game's line, for a step that reports {@code d_loss}, {@code g_loss},
 * {@code d_real} and {@code d_fake}. Another game's step shows the first {@value #SHOWN} scalars it
 * reports, in its order, by name ({@code _loss} dropped) with three significant digits:
 * <pre>step 500/3000  d 0.65, g 1.2, content 0.0123, pixel 0.00457  1234 img/s  eta 5m12s</pre>
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

    /** Scalars of another game shown on a line. */
    static final int SHOWN = 4;

    /** The scalars whose presence makes a step the adversarial game's, shown as they always were. */
    private static final List<String> ADVERSARIAL = List.of("d_loss", "g_loss", "d_real", "d_fake");

    /** The step's scalars for a progress line: the adversarial game's four, or the first {@link #SHOWN} of another game's. */
    static String losses(StepStats s) {
        List<String> names = s.scalars().names();
        if (names.containsAll(ADVERSARIAL)) {
            return String.format(Locale.ROOT, "d_loss %.3f  g_loss %.3f  D(x) %.2f  D(G(z)) %.2f",
                    s.dLoss(), s.gLoss(), s.dReal(), s.dFake());
        }
        return names.stream().filter(n -> !n.equals(StepStats.IMAGES_PER_S)).limit(SHOWN)
                .map(n -> shortName(n) + " " + compact(s.scalars().get(n))).collect(Collectors.joining(", "));
    }

    /** "content_loss" → "content": the panel of a line is all losses and outputs, so the suffix says nothing. */
    static String shortName(String scalar) {
        return scalar.endsWith("_loss") && scalar.length() > "_loss".length()
                ? scalar.substring(0, scalar.length() - "_loss".length()) : scalar;
    }

    /** Three significant digits without trailing zeros ("0.0123", "1.2", "457"); whole numbers from 1000, an exponent at the extremes. */
    static String compact(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a < 1e-3 || a >= 1e6) {
            return String.format(Locale.ROOT, "%.2e", v);
        }
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
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
