package org.gan4j.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The picture of a run's training curves, {@code losses.png}, drawn from its {@code metrics.csv}
 * (see {@link MetricsLog}): panels stacked vertically, sharing the step axis.
 *
 * <ol>
 *   <li>D loss and G loss;</li>
 *   <li>the discriminator's mean output on real data, D(x), and on generated data, D(G(z)), on
 *       [0, 1] when all values lie there (a WGAN critic's scores do not, and get their own range);</li>
 *   <li>FID, only when the file has an {@code fid_<network>} (or {@code fid}) column with at least one
 *       value, as {@code gan4j train --eval-every N} writes it.</li>
 * </ol>
 *
 * <p>Beyond {@value #MAX_POINTS} rows a curve is smoothed by a centred moving average and thinned
 * to at most {@value #MAX_POINTS} points, so the lines stay readable; the legend gives the window.
 * Values that are NaN (not measured at that step) are left out of their curve.
 */
public final class LossPlot {
    /** Width of the picture, in pixels. */
    public static final int WIDTH = 900;
    /** Height of one panel, in pixels. */
    public static final int PANEL_HEIGHT = 360;
    /** Curves with more points than this are smoothed and thinned. */
    public static final int MAX_POINTS = 2000;

    private static final Color BLUE = new Color(31, 119, 180);
    private static final Color ORANGE = new Color(255, 127, 14);
    private static final Color GREEN = new Color(44, 160, 44);
    private static final Color RED = new Color(214, 39, 40);
    private static final Color PURPLE = new Color(148, 103, 189);

    private LossPlot() {
    }

    /**
     * Reads {@code csv} and writes the plot to {@code png} (atomically).
     *
     * @return false, writing nothing, when the file has no rows (or no value to draw)
     * @throws org.gan4j.BadInputException when the file is missing or malformed
     */
    public static boolean write(Path csv, Path png) {
        BufferedImage image = render(MetricsLog.read(csv));
        if (image == null) {
            return false;
        }
        SampleGrid.writePng(png, image);
        return true;
    }

    /**
     * Draws the panels of a metrics table into one image {@link #WIDTH} wide and
     * {@link #PANEL_HEIGHT} high per panel, or returns null when there is nothing to draw.
     */
    public static BufferedImage render(MetricsTable table) {
        if (table.isEmpty() || !table.has("step")) {
            return null;
        }
        double[] step = table.column("step");
        double first = Arrays.stream(step).min().orElse(0);
        double last = Arrays.stream(step).max().orElse(0);
        List<XYChart> panels = new ArrayList<>();

        XYChart losses = panel("Losses", "loss");
        boolean any = addCurve(losses, "D loss", step, table, "d_loss", BLUE);
        any |= addCurve(losses, "G loss", step, table, "g_loss", ORANGE);
        if (any) {
            panels.add(losses);
        }

        XYChart outputs = panel("Discriminator outputs", "mean output");
        any = addCurve(outputs, "D(x), real", step, table, "d_real", GREEN);
        any |= addCurve(outputs, "D(G(z)), generated", step, table, "d_fake", RED);
        if (any) {
            if (withinUnit(table, "d_real") && withinUnit(table, "d_fake")) {
                outputs.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
            }
            panels.add(outputs);
        }

        // fid_<net> as gan4j train --eval-every logs it (a plain "fid" column is read too): not Inception's FID
        String fidColumn = table.columns().stream().filter(c -> c.equals("fid") || c.startsWith("fid_")).findFirst().orElse(null);
        if (fidColumn != null) {
            String net = fidColumn.equals("fid") ? "" : fidColumn.substring(4);
            XYChart fid = panel(net.isEmpty() ? "Fréchet distance (lower is better)"
                    : "Fréchet distance with the " + net + " feature network (lower is better)", "FID");
            if (addCurve(fid, net.isEmpty() ? "FID" : "fid-" + net, step, table, fidColumn, PURPLE)) {
                panels.add(fid);
            }
        }

        if (panels.isEmpty()) {
            return null;
        }
        if (last > first) { // the same step axis in every panel, even for a sparse FID curve
            for (XYChart panel : panels) {
                SampleGrid.setXRange(panel, first, last);
            }
        }
        BufferedImage image = new BufferedImage(WIDTH, PANEL_HEIGHT * panels.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int i = 0; i < panels.size(); i++) {
                g.drawImage(BitmapEncoder.getBufferedImage(panels.get(i)), 0, i * PANEL_HEIGHT, null);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static XYChart panel(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(PANEL_HEIGHT).title(title)
                .xAxisTitle("step").yAxisTitle(yTitle).build();
        var styler = chart.getStyler();
        styler.setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Line);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(225, 225, 225));
        styler.setLegendPosition(LegendPosition.OutsideS);
        styler.setLegendLayout(LegendLayout.Horizontal);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setMarkerSize(0);
        styler.setAntiAlias(true);
        styler.setXAxisDecimalPattern("#,##0.##");
        return chart;
    }

    /** Adds the finite values of one column as a line; false when it has none (or no such column). */
    private static boolean addCurve(XYChart chart, String label, double[] step, MetricsTable table, String column,
            Color color) {
        if (!table.has(column)) {
            return false;
        }
        double[] values = table.column(column);
        int n = 0;
        double[] xs = new double[values.length];
        double[] ys = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            if (Double.isFinite(values[i]) && Double.isFinite(step[i])) {
                xs[n] = step[i];
                ys[n] = values[i];
                n++;
            }
        }
        if (n == 0) {
            return false;
        }
        xs = Arrays.copyOf(xs, n);
        ys = Arrays.copyOf(ys, n);
        if (n > MAX_POINTS) {
            int window = Math.max(2, n / 200);
            ys = movingAverage(ys, window);
            int stride = (n + MAX_POINTS - 1) / MAX_POINTS;
            xs = thin(xs, stride);
            ys = thin(ys, stride);
            label += " (mean of " + window + ")";
        }
        XYSeries series = chart.addSeries(label, xs, ys);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
        series.setLineWidth(1.6f);
        return true;
    }

    private static boolean withinUnit(MetricsTable table, String column) {
        if (!table.has(column)) {
            return true;
        }
        for (double v : table.column(column)) {
            if (Double.isFinite(v) && (v < 0 || v > 1)) {
                return false;
            }
        }
        return true;
    }

    /** Centred moving average; near the ends the window shrinks to the values there are. */
    static double[] movingAverage(double[] values, int window) {
        int n = values.length;
        double[] prefix = new double[n + 1];
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] + values[i];
        }
        int half = window / 2;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int from = Math.max(0, i - half);
            int to = Math.min(n, i - half + window);
            out[i] = (prefix[to] - prefix[from]) / (to - from);
        }
        return out;
    }

    /** Every {@code stride}-th value, and always the last one. */
    private static double[] thin(double[] values, int stride) {
        int n = (values.length - 1) / stride + 1;
        boolean lastIncluded = (values.length - 1) % stride == 0;
        double[] out = new double[lastIncluded ? n : n + 1];
        for (int i = 0; i < n; i++) {
            out[i] = values[i * stride];
        }
        if (!lastIncluded) {
            out[n] = values[values.length - 1];
        }
        return out;
    }
}
