package org.gan4j.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
 * (see {@link MetricsLog}): panels stacked vertically, sharing the step axis. The panels follow the
 * columns the file has, whichever game wrote them, grouped by name ({@link Group}):
 *
 * <ol>
 *   <li>losses, every {@code *_loss} column ({@code d_loss} and {@code g_loss} of the adversarial
 *       game; a super-resolution game's {@code content_loss}, {@code pixel_loss}, ...);</li>
 *   <li>the discriminators' mean outputs, {@code d_real*} on real data and {@code d_fake*} on
 *       generated data ({@code d_real_a}, {@code d_fake_b}, ... of a coupled game), on [0, 1] when all
 *       values lie there (a WGAN critic's scores do not, and get their own range);</li>
 *   <li>a coupled pair's agreement, the {@code pair_*} columns;</li>
 *   <li>any other column a game reports, so that no scalar of a new game goes unseen;</li>
 *   <li>FID, the {@code fid_<network>} (or {@code fid}) columns, as {@code gan4j train --eval-every N}
 *       writes them.</li>
 * </ol>
 *
 * <p>Gradient norms ({@code grad_norm_*}) and KID ({@code kid_*}) are known groups too, but not drawn
 * by default: {@code losses.png} has never shown them (the run's diagnostics watch the norms), and an
 * old run's picture stays what it was. Pass them to {@link #render(MetricsTable, Set)} to draw them.
 * {@code step} is the x axis and {@code images_per_s} is throughput, not a curve.
 *
 * <p>A panel whose columns are absent, or hold no finite value, is left out. Beyond
 * {@value #MAX_POINTS} rows a curve is smoothed by a centred moving average and thinned to at most
 * {@value #MAX_POINTS} points, so the lines stay readable; the legend gives the window. Values that
 * are NaN (not measured at that step) are left out of their curve.
 */
public final class LossPlot {
    /** Width of the picture, in pixels. */
    public static final int WIDTH = 900;
    /** Height of one panel, in pixels. */
    public static final int PANEL_HEIGHT = 360;
    /** Curves with more points than this are smoothed and thinned. */
    public static final int MAX_POINTS = 2000;

    /** Colours of the curves (matplotlib's tab10), taken in turn from a group's first. */
    private static final List<Color> PALETTE = List.of(
            new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
            new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
            new Color(188, 189, 34), new Color(23, 190, 207));

    /** Columns that are no curve: the x axis and the throughput. */
    private static final Set<String> NOT_CURVES = Set.of("step", "images_per_s");

    /**
     * The kinds of column, in the order of their panels. A column belongs to the group whose name
     * pattern it matches; {@link #OTHER} takes the rest.
     */
    public enum Group {
        LOSSES("Losses", "loss", 0, false) {
            @Override
            boolean matches(String column) {
                return column.endsWith("_loss");
            }

            @Override
            String label(String column) {
                return player(column.substring(0, column.length() - "_loss".length())) + " loss";
            }
        },
        OUTPUTS("Discriminator outputs", "mean output", 2, true) {
            @Override
            boolean matches(String column) {
                return column.startsWith("d_real") || column.startsWith("d_fake");
            }

            @Override
            String label(String column) {
                boolean real = column.startsWith("d_real");
                String rest = column.substring("d_real".length());
                String label = real ? "D(x), real" : "D(G(z)), generated";
                return rest.startsWith("_") && rest.length() > 1 ? label + " (" + rest.substring(1).replace('_', ' ') + ")"
                        : label + rest;
            }
        },
        PAIR("Agreement of the coupled pair", "value", 0, true) {
            @Override
            boolean matches(String column) {
                return column.startsWith("pair_");
            }
        },
        GRADIENT_NORMS("Gradient norms before the update", "L2 norm", 0, false) {
            @Override
            boolean matches(String column) {
                return column.startsWith("grad_norm_");
            }

            @Override
            String label(String column) {
                return player(column.substring("grad_norm_".length())) + " gradient norm";
            }
        },
        OTHER("Other scalars", "value", 0, false) {
            @Override
            boolean matches(String column) {
                return Arrays.stream(values()).filter(g -> g != OTHER).noneMatch(g -> g.matches(column));
            }
        },
        FID("Fréchet distance (lower is better)", "FID", 4, false) {
            @Override
            boolean matches(String column) {
                return column.equals("fid") || column.startsWith("fid_");
            }

            @Override
            String label(String column) {
                return column.equals("fid") ? "FID" : "fid-" + column.substring(4);
            }

            @Override
            String title(List<String> columns) {
                // fid_<net> as gan4j train --eval-every logs it: not Inception's FID
                return columns.size() == 1 && columns.get(0).startsWith("fid_")
                        ? "Fréchet distance with the " + columns.get(0).substring(4) + " feature network (lower is better)"
                        : title;
            }
        },
        KID("Kernel distance (lower is better)", "KID", 5, false) {
            @Override
            boolean matches(String column) {
                return column.equals("kid") || column.startsWith("kid_");
            }

            @Override
            String label(String column) {
                return column.equals("kid") ? "KID" : "kid-" + column.substring(4);
            }

            @Override
            String title(List<String> columns) {
                return columns.size() == 1 && columns.get(0).startsWith("kid_")
                        ? "Kernel distance with the " + columns.get(0).substring(4) + " feature network (lower is better)"
                        : title;
            }
        };

        final String title;
        final String yTitle;
        final int firstColour;
        final boolean unitRange;

        Group(String title, String yTitle, int firstColour, boolean unitRange) {
            this.title = title;
            this.yTitle = yTitle;
            this.firstColour = firstColour;
            this.unitRange = unitRange;
        }

        abstract boolean matches(String column);

        /** The legend of a column: the column's name with spaces, unless the group knows better. */
        String label(String column) {
            return column.replace('_', ' ');
        }

        /** The panel's title for these columns of the group. */
        String title(List<String> columns) {
            return title;
        }

        /** The group of {@code column}: the first that matches, {@link #OTHER} when none does. */
        static Group of(String column) {
            for (Group g : values()) {
                if (g != OTHER && g.matches(column)) {
                    return g;
                }
            }
            return OTHER;
        }

        /** "d" → "D", "g" → "G": a player named by one letter; anything else with spaces. */
        private static String player(String name) {
            return name.length() == 1 ? name.toUpperCase(Locale.ROOT) : name.replace('_', ' ');
        }
    }

    /** The groups {@code losses.png} shows: all but the gradient norms and KID. */
    public static final Set<Group> DEFAULT_GROUPS = Collections.unmodifiableSet(
            EnumSet.complementOf(EnumSet.of(Group.GRADIENT_NORMS, Group.KID)));

    /** One curve: a column, its legend and its colour. */
    public record Series(String column, String label, Color colour) {
    }

    /**
     * One panel: its group, title and curves, in the file's column order; {@code unitRange} when its
     * y axis is [0, 1] (the D outputs' and the pair's, when all their values lie there).
     */
    public record Panel(Group group, String title, String yTitle, List<Series> series, boolean unitRange) {
        public Panel {
            series = List.copyOf(series);
        }

        /** The columns drawn, in order. */
        public List<String> columns() {
            return series.stream().map(Series::column).toList();
        }
    }

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
        Pictures.writePng(png, image);
        return true;
    }

    /** The panels {@link #render(MetricsTable)} draws for {@code table}, of the {@link #DEFAULT_GROUPS}. */
    public static List<Panel> plan(MetricsTable table) {
        return plan(table, DEFAULT_GROUPS);
    }

    /**
     * The panels of {@code groups} for the columns of {@code table}: one per group with a column that
     * has a finite value, its curves those columns in file order. A colour follows the column's place
     * among the group's columns in the header, so a curve keeps its colour when a sibling is empty.
     * Empty when the table has no rows or no {@code step} column.
     */
    public static List<Panel> plan(MetricsTable table, Set<Group> groups) {
        if (table.isEmpty() || !table.has("step")) {
            return List.of();
        }
        double[] step = table.column("step");
        Map<Group, List<String>> byGroup = new EnumMap<>(Group.class);
        for (String column : table.columns()) {
            if (!NOT_CURVES.contains(column)) {
                byGroup.computeIfAbsent(Group.of(column), g -> new ArrayList<>()).add(column);
            }
        }
        List<Panel> panels = new ArrayList<>();
        for (var e : byGroup.entrySet()) {
            Group group = e.getKey();
            if (!groups.contains(group)) {
                continue;
            }
            List<String> columns = e.getValue();
            List<Series> series = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                String column = columns.get(i);
                if (hasFinite(step, table.column(column))) {
                    series.add(new Series(column, group.label(column), PALETTE.get((group.firstColour + i) % PALETTE.size())));
                }
            }
            if (!series.isEmpty()) {
                boolean unit = group.unitRange && series.stream().allMatch(s -> withinUnit(table.column(s.column())));
                panels.add(new Panel(group, group.title(columns), group.yTitle, series, unit));
            }
        }
        return panels;
    }

    /**
     * Draws the panels of {@link #plan(MetricsTable)} into one image {@link #WIDTH} wide and
     * {@link #PANEL_HEIGHT} high per panel, or returns null when there is nothing to draw.
     */
    public static BufferedImage render(MetricsTable table) {
        return render(table, DEFAULT_GROUPS);
    }

    /** {@link #render(MetricsTable)} of the panels of {@code groups}. */
    public static BufferedImage render(MetricsTable table, Set<Group> groups) {
        List<Panel> plan = plan(table, groups);
        if (plan.isEmpty()) {
            return null;
        }
        double[] step = table.column("step");
        double first = Arrays.stream(step).min().orElse(0);
        double last = Arrays.stream(step).max().orElse(0);
        List<XYChart> panels = new ArrayList<>();
        for (Panel p : plan) {
            XYChart chart = panel(p.title(), p.yTitle());
            for (Series s : p.series()) {
                addCurve(chart, s.label(), step, table.column(s.column()), s.colour());
            }
            if (p.unitRange()) {
                chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
            }
            panels.add(chart);
        }
        if (last > first) { // the same step axis in every panel, even for a sparse FID curve
            for (XYChart panel : panels) {
                Pictures.setXRange(panel, first, last);
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

    /** Adds the finite values of one column as a line. */
    private static void addCurve(XYChart chart, String label, double[] step, double[] values, Color color) {
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
    }

    /** Whether some row has a finite value and step: a point to draw. */
    private static boolean hasFinite(double[] step, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (Double.isFinite(values[i]) && Double.isFinite(step[i])) {
                return true;
            }
        }
        return false;
    }

    private static boolean withinUnit(double[] values) {
        return Arrays.stream(values).allMatch(v -> !Double.isFinite(v) || (v >= 0 && v <= 1));
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
