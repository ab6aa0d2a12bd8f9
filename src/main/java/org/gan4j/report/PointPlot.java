package org.gan4j.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.Locale;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Plots of generated points of a low-dimensional distribution (ring8, grid25, gauss1d), which make
 * no sense as a {@link SampleGrid}: a scatter plot of the first two coordinates for two dimensions
 * or more, a histogram (as a density) for one. The real data, when given, is drawn in grey under
 * the generated points (coloured) and fixes the axes, so that pictures from different steps can be
 * compared.
 *
 * <p>Everything here draws into off-screen images and works with {@code java.awt.headless=true}.
 */
public final class PointPlot {
    /** Side of a scatter plot of 2-D points, in pixels. */
    public static final int SCATTER_SIZE = 640;
    /** Size of a histogram of 1-D points, in pixels. */
    public static final int HISTOGRAM_WIDTH = 800;
    public static final int HISTOGRAM_HEIGHT = 500;
    /** Bars of a 1-D histogram. */
    public static final int HISTOGRAM_BINS = 60;

    private static final Color GENERATED = new Color(31, 119, 180);
    private static final Color GENERATED_TRANSLUCENT = new Color(31, 119, 180, 150);
    private static final Color REAL = new Color(150, 150, 150);
    private static final Color REAL_TRANSLUCENT = new Color(150, 150, 150, 110);

    private PointPlot() {
    }

    /**
     * Writes a plot of low-dimensional points to {@code png} (atomically): a scatter plot of the
     * first two coordinates when {@code dimension >= 2}, a histogram (as a density, so that sample
     * counts need not match) when {@code dimension == 1}.
     *
     * <p>Real-data points, when given, are drawn in grey under the generated ones, and fix the
     * axes: their range plus a margin of 10%. Without them the generated points set the range.
     * Generated points outside a fixed range are not drawn (the title says how many).
     *
     * @param samples         {@code count × dimension} generated values
     * @param referencePoints {@code referenceCount × dimension} real values, or {@code null}
     * @param referenceCount  real points to draw; 0 when there are none
     * @param title           chart title, or {@code null} for none
     */
    public static void write(Path png, float[] samples, int count, int dimension, float[] referencePoints,
            int referenceCount, String title) {
        XYChart chart = pointsChart(samples, count, dimension, referencePoints, referenceCount, title);
        Pictures.writePng(png, BitmapEncoder.getBufferedImage(chart));
    }

    private static XYChart pointsChart(float[] samples, int count, int dimension, float[] reference,
            int referenceCount, String title) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be positive, got " + dimension);
        }
        if (count < 0 || (long) count * dimension > samples.length) {
            throw new IllegalArgumentException(count + " points of dimension " + dimension + " need "
                    + (long) count * dimension + " values, got " + samples.length);
        }
        if (referenceCount < 0 || referenceCount > 0
                && (reference == null || (long) referenceCount * dimension > reference.length)) {
            throw new IllegalArgumentException(referenceCount + " reference points of dimension " + dimension
                    + " need " + (long) referenceCount * dimension + " values, got "
                    + (reference == null ? "none" : reference.length));
        }
        return dimension == 1
                ? histogram(samples, count, reference, referenceCount, title)
                : scatter(samples, count, dimension, reference, referenceCount, title);
    }

    private static XYChart scatter(float[] samples, int count, int dimension, float[] reference,
            int referenceCount, String title) {
        double[] xr = column(reference, referenceCount, dimension, 0);
        double[] yr = column(reference, referenceCount, dimension, 1);
        double[] xg = column(samples, count, dimension, 0);
        double[] yg = column(samples, count, dimension, 1);
        double[] xRange = range(referenceCount > 0 ? xr : xg);
        double[] yRange = range(referenceCount > 0 ? yr : yg);

        int outside = 0;
        if (referenceCount > 0) {
            // Keep only the generated points inside the fixed axes: XChart would draw the others
            // over the axis labels.
            int kept = 0;
            for (int i = 0; i < count; i++) {
                if (inside(xg[i], xRange) && inside(yg[i], yRange)) {
                    xg[kept] = xg[i];
                    yg[kept] = yg[i];
                    kept++;
                }
            }
            outside = count - kept;
            xg = java.util.Arrays.copyOf(xg, kept);
            yg = java.util.Arrays.copyOf(yg, kept);
        } else {
            xg = finite(xg, yg);
            yg = finite(yg, xg);
        }

        XYChart chart = new XYChartBuilder().width(SCATTER_SIZE).height(SCATTER_SIZE)
                .title(titleWithOutside(title, outside))
                .xAxisTitle(dimension > 2 ? "x[0] (of " + dimension + ")" : "x[0]")
                .yAxisTitle(dimension > 2 ? "x[1] (of " + dimension + ")" : "x[1]").build();
        style(chart);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(5);
        chart.getStyler().setXAxisMin(xRange[0]).setXAxisMax(xRange[1]);
        chart.getStyler().setYAxisMin(yRange[0]).setYAxisMax(yRange[1]);
        if (referenceCount > 0) {
            XYSeries real = chart.addSeries("real (" + referenceCount + ")", xr, yr);
            real.setMarker(SeriesMarkers.CIRCLE);
            real.setMarkerColor(REAL_TRANSLUCENT);
        }
        XYSeries generated = chart.addSeries("generated (" + count + ")", emptyToNaN(xg), emptyToNaN(yg));
        generated.setMarker(SeriesMarkers.CIRCLE);
        generated.setMarkerColor(GENERATED_TRANSLUCENT);
        return chart;
    }

    private static XYChart histogram(float[] samples, int count, float[] reference, int referenceCount,
            String title) {
        double[] generated = column(samples, count, 1, 0);
        double[] real = column(reference, referenceCount, 1, 0);
        double[] range = range(referenceCount > 0 ? real : generated);
        double[] edges = new double[HISTOGRAM_BINS + 1];
        for (int i = 0; i <= HISTOGRAM_BINS; i++) {
            edges[i] = range[0] + (range[1] - range[0]) * i / HISTOGRAM_BINS;
        }
        int[] outside = new int[1];
        double[] generatedDensity = density(generated, edges, outside);

        XYChart chart = new XYChartBuilder().width(HISTOGRAM_WIDTH).height(HISTOGRAM_HEIGHT)
                .title(titleWithOutside(title, referenceCount > 0 ? outside[0] : 0))
                .xAxisTitle("x").yAxisTitle("density").build();
        style(chart);
        chart.getStyler().setMarkerSize(0);
        Pictures.setXRange(chart, range[0], range[1]);
        chart.getStyler().setYAxisMin(0.0);
        if (referenceCount > 0) {
            double[] realDensity = density(real, edges, new int[1]);
            XYSeries series = chart.addSeries("real (" + referenceCount + ")", stepsX(edges), stepsY(realDensity));
            series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Area);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineColor(REAL);
            series.setFillColor(REAL_TRANSLUCENT);
            series.setLineWidth(1f);
        }
        XYSeries series = chart.addSeries("generated (" + count + ")", stepsX(edges), stepsY(generatedDensity));
        series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(GENERATED);
        series.setLineStyle(new BasicStroke(2f));
        return chart;
    }

    private static void style(XYChart chart) {
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        chart.getStyler().setLegendPosition(LegendPosition.InsideNE);
        chart.getStyler().setLegendBackgroundColor(new Color(255, 255, 255, 210));
        chart.getStyler().setAntiAlias(true);
        chart.getStyler().setXAxisDecimalPattern("0.##");
        chart.getStyler().setYAxisDecimalPattern("0.##");
    }

    private static String titleWithOutside(String title, int outside) {
        String t = title == null ? "" : title;
        if (outside > 0) {
            t += String.format(Locale.ROOT, "%s(%d outside the axes)", t.isEmpty() ? "" : " ", outside);
        }
        return t;
    }

    private static double[] column(float[] values, int count, int dimension, int index) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = values[i * dimension + index];
        }
        return out;
    }

    /** Range of the finite values plus 10% each side; [-1, 1] around a single value or none. */
    private static double[] range(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min > max) {
            return new double[] {-1, 1};
        }
        if (max - min < 1e-9 * Math.max(1, Math.abs(max))) {
            return new double[] {min - 1, max + 1};
        }
        double margin = 0.1 * (max - min);
        return niceRange(min - margin, max + margin);
    }

    /** Widens [min, max] to multiples of a round unit (1, 2, 2.5 or 5 × 10^k) so ticks fall on round numbers. */
    static double[] niceRange(double min, double max) {
        double rough = (max - min) / 8;
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double unit = magnitude;
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (Math.abs(m * magnitude - rough) < Math.abs(unit - rough)) {
                unit = m * magnitude;
            }
        }
        return new double[] {Math.floor(min / unit) * unit, Math.ceil(max / unit) * unit};
    }

    private static boolean inside(double v, double[] range) {
        return v >= range[0] && v <= range[1];
    }

    /** Values of {@code a} where both {@code a} and {@code b} are finite. */
    private static double[] finite(double[] a, double[] b) {
        return java.util.stream.IntStream.range(0, a.length)
                .filter(i -> Double.isFinite(a[i]) && Double.isFinite(b[i]))
                .mapToDouble(i -> a[i]).toArray();
    }

    /** XChart refuses a series without points; one NaN point draws nothing. */
    private static double[] emptyToNaN(double[] values) {
        return values.length == 0 ? new double[] {Double.NaN} : values;
    }

    private static double[] density(double[] values, double[] edges, int[] outside) {
        int bins = edges.length - 1;
        double lo = edges[0];
        double width = (edges[bins] - lo) / bins;
        double[] counts = new double[bins];
        for (double v : values) {
            int bin = (int) Math.floor((v - lo) / width);
            if (v == edges[bins]) {
                bin = bins - 1;
            }
            if (bin >= 0 && bin < bins && Double.isFinite(v)) {
                counts[bin]++;
            } else {
                outside[0]++;
            }
        }
        double total = values.length * width;
        for (int i = 0; i < bins && total > 0; i++) {
            counts[i] /= total;
        }
        return counts;
    }

    /** x of a step outline over the bins: down at the left edge, a flat top per bin, down at the right. */
    private static double[] stepsX(double[] edges) {
        int bins = edges.length - 1;
        double[] x = new double[2 * bins + 2];
        x[0] = edges[0];
        for (int i = 0; i < bins; i++) {
            x[1 + 2 * i] = edges[i];
            x[2 + 2 * i] = edges[i + 1];
        }
        x[x.length - 1] = edges[bins];
        return x;
    }

    private static double[] stepsY(double[] heights) {
        double[] y = new double[2 * heights.length + 2];
        for (int i = 0; i < heights.length; i++) {
            y[1 + 2 * i] = heights[i];
            y[2 + 2 * i] = heights[i];
        }
        return y;
    }
}
