package org.gan4j.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The picture of figure 1 of Goodfellow et al., "Generative Adversarial Nets" (2014), from measured
 * curves: over a grid of x, the data density p_data (black, dotted), the generator's density p_g
 * (green steps, a histogram of G(z)) and the discriminator's D(x) (blue, dashed). It only draws:
 * the run that measures the curves is {@code org.gan4j.experiments.Figure1}.
 *
 * <p>{@link #writePanels} lays the snapshots out as the paper's panels, (a), (b), ... in rows of at
 * most three; {@link #writeAnimation} makes one GIF frame per snapshot. Both take one y range, so
 * that all pictures of a run compare ({@link #yMax}).
 */
public final class Figure1Chart {
    public static final int PANEL_WIDTH = 420;
    public static final int PANEL_HEIGHT = 320;
    public static final int FRAME_WIDTH = 720;
    public static final int FRAME_HEIGHT = 460;
    public static final int FRAME_DELAY_MS = 150;
    public static final int LAST_FRAME_DELAY_MS = 2000;

    private static final Color DATA = Color.BLACK;
    private static final Color GENERATOR = new Color(44, 160, 44);
    private static final Color DISCRIMINATOR = new Color(31, 119, 180);

    private Figure1Chart() {
    }

    /**
     * The three curves at one step, over the centres {@code x} of a histogram's bins.
     *
     * @param data          p_data(x), the true density
     * @param generator     p_g(x): the histogram of the G(z) as a density (count / (n · bin width))
     * @param discriminator D(x) = sigmoid(D's logit)
     * @param inside        share of the G(z) that fell inside the grid (the histogram integrates to it)
     */
    public record Snapshot(long step, double[] x, double[] data, double[] generator, double[] discriminator, double inside) {
    }

    /** One shared y range for all pictures: D's [0, 1] and the highest density drawn, plus 5%. */
    public static double yMax(List<Snapshot> snapshots) {
        double max = 1.0;
        for (Snapshot s : snapshots) {
            for (double v : s.generator()) {
                max = Math.max(max, v);
            }
            for (double v : s.data()) {
                max = Math.max(max, v);
            }
        }
        return 1.05 * max;
    }

    /** Writes the panels of {@link #panelImage} to {@code png} (atomically). */
    public static void writePanels(Path png, List<Snapshot> panels, long steps, double yMax) {
        Pictures.writePng(png, panelImage(panels, steps, yMax));
    }

    /** Writes one {@link #FRAME_WIDTH} × {@link #FRAME_HEIGHT} frame per snapshot to {@code gif}, holding the last. */
    public static void writeAnimation(Path gif, List<Snapshot> frames, long steps, double yMax) {
        List<BufferedImage> images = new ArrayList<>();
        for (Snapshot s : frames) {
            images.add(BitmapEncoder.getBufferedImage(chart(s, steps, yMax, FRAME_WIDTH, FRAME_HEIGHT)));
        }
        GifWriter.write(gif, images, FRAME_DELAY_MS, LAST_FRAME_DELAY_MS);
    }

    /** The panels in rows of at most three, labelled (a), (b), ... as in the paper. */
    static BufferedImage panelImage(List<Snapshot> panels, long steps, double yMax) {
        int columns = Math.min(3, panels.size());
        int rows = (panels.size() + columns - 1) / columns;
        BufferedImage image = new BufferedImage(columns * PANEL_WIDTH, rows * PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int i = 0; i < panels.size(); i++) {
                XYChart chart = chart(panels.get(i), steps, yMax, PANEL_WIDTH, PANEL_HEIGHT);
                chart.setTitle("(" + (char) ('a' + i) + ") " + chart.getTitle());
                g.drawImage(BitmapEncoder.getBufferedImage(chart), (i % columns) * PANEL_WIDTH, (i / columns) * PANEL_HEIGHT, null);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** One snapshot as a chart: p_data dotted black, p_g green steps, D(x) dashed blue, on x and [0, yMax]. */
    static XYChart chart(Snapshot s, long steps, double yMax, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height)
                .title(String.format(Locale.ROOT, "step %,d of %,d", s.step(), steps)).xAxisTitle("x").build();
        var styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(230, 230, 230));
        styler.setLegendPosition(LegendPosition.OutsideS);
        styler.setLegendLayout(LegendLayout.Horizontal);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setMarkerSize(0);
        styler.setAntiAlias(true);
        styler.setYAxisMin(0.0).setYAxisMax(yMax);
        double half = (s.x()[1] - s.x()[0]) / 2;          // the axis spans the grid's whole-number ends, not the bin centres
        styler.setXAxisMin(s.x()[0] - half).setXAxisMax(s.x()[s.x().length - 1] + half);
        styler.setXAxisDecimalPattern("0.#");
        styler.setYAxisDecimalPattern("0.0");
        float[] dotted = {2f, 3f};
        float[] dashed = {7f, 4f};
        style(chart.addSeries("p_data", s.x(), s.data()), XYSeriesRenderStyle.Line, DATA, dotted);
        style(chart.addSeries("p_g (histogram of G(z))", s.x(), s.generator()), XYSeriesRenderStyle.Step, GENERATOR, null);
        style(chart.addSeries("D(x)", s.x(), s.discriminator()), XYSeriesRenderStyle.Line, DISCRIMINATOR, dashed);
        return chart;
    }

    private static void style(XYSeries series, XYSeriesRenderStyle render, Color color, float[] dashes) {
        series.setXYSeriesRenderStyle(render);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
        series.setLineStyle(dashes == null ? new BasicStroke(2f)
                : new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dashes, 0f));
    }
}
