package org.gan4j.report;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.gan4j.BadInputException;
import org.gan4j.io.AtomicFiles;
import org.gan4j.io.UnwritableOutputException;

/**
 * A run's {@code metrics.csv}: one row per logged step, with the columns {@link #STANDARD_COLUMNS}
 * followed by any extra ones chosen when the log is opened (later metrics such as {@code fid}).
 *
 * <p>Rows are buffered by {@link #append} and reach the file at {@link #flush} (appended and
 * forced to disk), which the training loop calls at its log and checkpoint intervals. When a run
 * resumes from the checkpoint of step {@code s}, {@link #open} first drops every row after
 * {@code s} (rewriting the file atomically), so the file never holds rows the resumed run will log
 * again. Steps must increase strictly, so a file never has two rows for one step.
 *
 * <p>Numbers are written with six significant digits in {@link Locale#ROOT}; a NaN (a value not
 * measured at that step) is written {@code nan}, infinities {@code inf} and {@code -inf}.
 *
 * <p>Not meant to be shared by two processes; its methods are safe to call from several threads.
 */
public final class MetricsLog implements Closeable {
    /** The columns every metrics file starts with, in this order. */
    public static final List<String> STANDARD_COLUMNS = List.of(
            "step", "d_loss", "g_loss", "d_real", "d_fake", "grad_norm_d", "grad_norm_g", "images_per_s");

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Path file;
    private final List<String> columns;
    private final StringBuilder pending = new StringBuilder();
    private long lastStep;

    private MetricsLog(Path file, List<String> columns, long lastStep) {
        this.file = file;
        this.columns = columns;
        this.lastStep = lastStep;
    }

    /**
     * Opens the metrics file of a run.
     *
     * @param csv        the file; created (with its header) when it does not exist
     * @param columns    extra columns after {@link #STANDARD_COLUMNS} (none: an empty list);
     *                   names of letters, digits and underscores, none repeated
     * @param resumeStep the step of the checkpoint a run resumes from: rows with a later step are
     *                   removed. A negative value means a new run: an existing file is replaced
     *                   by one holding only the header.
     * @throws BadInputException when resuming and the existing file's header is not the expected
     *                           one, or a row of it cannot be read
     */
    public static MetricsLog open(Path csv, List<String> columns, long resumeStep) {
        return open(csv, STANDARD_COLUMNS.subList(1, STANDARD_COLUMNS.size()), columns, resumeStep);
    }

    /**
     * {@link #open(Path, List, long)} of a game that reports other scalars than the adversarial game's:
     * the columns are {@code step}, then {@code scalars}, then {@code extra}.
     */
    public static MetricsLog open(Path csv, List<String> scalars, List<String> extra, long resumeStep) {
        List<String> all = new ArrayList<>(scalars);
        all.addAll(extra);
        List<String> header = header(List.of("step"), all);
        String headerLine = String.join(",", header) + "\n";
        if (resumeStep < 0 || !Files.exists(csv)) {
            AtomicFiles.write(csv, headerLine.getBytes(StandardCharsets.UTF_8));
            return new MetricsLog(csv, header, Long.MIN_VALUE);
        }
        MetricsTable table = parse(csv, readAll(csv));
        if (!table.columns().equals(header)) {
            throw new BadInputException(csv + ": columns " + String.join(",", table.columns())
                    + " differ from this run's " + String.join(",", header));
        }
        StringBuilder kept = new StringBuilder(headerLine);
        long last = Long.MIN_VALUE;
        for (double[] row : table.rows()) {
            long step = (long) row[0];
            if (step <= resumeStep) {
                appendRow(kept, step, row, 1);
                last = Math.max(last, step);
            }
        }
        AtomicFiles.write(csv, kept.toString().getBytes(StandardCharsets.UTF_8));
        return new MetricsLog(csv, header, last);
    }

    /** The file's columns: {@code step}, the other standard columns, then the extra ones. */
    public List<String> columns() {
        return columns;
    }

    public Path file() {
        return file;
    }

    /**
     * Buffers one row.
     *
     * @param step   the training step; greater than that of every earlier row
     * @param values one value per column after {@code step}, in {@link #columns()} order; NaN for
     *               one not measured at this step
     */
    public synchronized void append(long step, double... values) {
        if (values.length != columns.size() - 1) {
            throw new IllegalArgumentException("a row of " + file.getFileName() + " needs " + (columns.size() - 1)
                    + " values after the step (" + String.join(",", columns.subList(1, columns.size()))
                    + "), got " + values.length);
        }
        if (step <= lastStep) {
            throw new IllegalArgumentException("step " + step + " is not after the last logged step " + lastStep);
        }
        appendRow(pending, step, values, 0);
        lastStep = step;
    }

    /**
     * Appends the buffered rows to the file and forces them to disk.
     *
     * @throws UnwritableOutputException when the rows cannot be appended (a full disk, a file-size
     *                                   limit); the file is cut back to its last whole row and the
     *                                   rows stay buffered
     */
    public synchronized void flush() {
        if (pending.length() == 0) {
            return;
        }
        byte[] bytes = pending.toString().getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            long before = channel.size();
            try {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            } catch (IOException e) {
                try {
                    channel.truncate(before);  // no half row for the next reader, or the next append
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        } catch (IOException e) {
            throw UnwritableOutputException.of(file, e);
        }
        pending.setLength(0);
    }

    /** Flushes the buffered rows. */
    @Override
    public void close() {
        flush();
    }

    /**
     * Reads a metrics file written by this class (any columns). An unfinished last line, as a
     * crash in the middle of {@link #flush} can leave, is ignored.
     *
     * @throws BadInputException when the file is missing, empty or malformed
     */
    public static MetricsTable read(Path csv) {
        return parse(csv, readAll(csv));
    }

    /** Formats a value as the file stores it: six significant digits, {@code nan}, {@code inf}. */
    public static String format(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        String s = String.format(Locale.ROOT, "%.6g", value);
        // Trim zeros that carry no information: 1.00000 -> 1, 2.50000e-05 -> 2.5e-05.
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        String exponent = e < 0 ? "" : s.substring(e);
        if (mantissa.indexOf('.') >= 0) {
            int end = mantissa.length();
            while (mantissa.charAt(end - 1) == '0') {
                end--;
            }
            if (mantissa.charAt(end - 1) == '.') {
                end--;
            }
            mantissa = mantissa.substring(0, end);
        }
        return mantissa + exponent;
    }

    /** Parses a value as {@link #format} writes it; an empty field is NaN. */
    public static double parseValue(String text) {
        String t = text.strip();
        switch (t.toLowerCase(Locale.ROOT)) {
            case "":
            case "nan":
                return Double.NaN;
            case "inf":
            case "+inf":
            case "infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf":
            case "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                return Double.parseDouble(t);
        }
    }

    private static List<String> header(List<String> first, List<String> extra) {
        List<String> header = new ArrayList<>(first);
        Set<String> seen = new HashSet<>(first);
        for (String name : extra) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("bad metrics column name '" + name
                        + "': use letters, digits and underscores");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("metrics column '" + name + "' given twice");
            }
            header.add(name);
        }
        return List.copyOf(header);
    }

    private static void appendRow(StringBuilder out, long step, double[] values, int from) {
        out.append(step);
        for (int i = from; i < values.length; i++) {
            out.append(',').append(format(values[i]));
        }
        out.append('\n');
    }

    private static String readAll(Path csv) {
        try {
            return Files.readString(csv, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException("metrics file not found: " + csv, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
        }
    }

    private static MetricsTable parse(Path csv, String text) {
        String[] lines = text.split("\n", -1);
        // split leaves "" after a final newline; anything else there is an unfinished line
        int last = lines.length - 1;
        String tail = lines[last];
        if (lines[0].isBlank()) {
            throw new BadInputException(csv + ": empty metrics file (no header)");
        }
        if (last == 0) {
            throw new BadInputException(csv + ": the header line is unfinished");
        }
        List<String> columns = List.of(lines[0].strip().split(",", -1));
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).isBlank()) {
                throw new BadInputException(csv + ": empty column name in header");
            }
        }
        if (!columns.get(0).equals("step")) {
            throw new BadInputException(csv + ": the first column must be 'step', not '" + columns.get(0) + "'");
        }
        List<double[]> rows = new ArrayList<>();
        for (int i = 1; i < last; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            double[] row = parseRow(lines[i], columns.size());
            if (row == null) {
                throw new BadInputException(csv + ":" + (i + 1) + ": cannot read row '" + lines[i] + "' with "
                        + columns.size() + " columns");
            }
            rows.add(row);
        }
        if (!tail.isBlank()) {
            double[] row = parseRow(tail, columns.size());
            if (row != null) {
                rows.add(row);
            }
        }
        return new MetricsTable(columns, rows);
    }

    /** One row, or null when it has the wrong number of fields or a field is not a number. */
    private static double[] parseRow(String line, int width) {
        String[] fields = line.strip().split(",", -1);
        if (fields.length != width) {
            return null;
        }
        double[] row = new double[width];
        try {
            row[0] = Long.parseLong(fields[0].strip());
            for (int i = 1; i < width; i++) {
                row[i] = parseValue(fields[i]);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return row;
    }
}
