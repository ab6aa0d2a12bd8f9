package org.gan4j.report;

import java.util.List;

/**
 * The content of a {@code metrics.csv}: its column names (the first is {@code step}) and its rows,
 * each holding one value per column ({@code NaN} where the file says {@code nan} or nothing).
 */
public record MetricsTable(List<String> columns, List<double[]> rows) {
    public MetricsTable {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        for (double[] row : rows) {
            if (row.length != columns.size()) {
                throw new IllegalArgumentException("row of " + row.length + " values for " + columns.size()
                        + " columns");
            }
        }
    }

    /** Whether the table has a column of that name. */
    public boolean has(String name) {
        return columns.contains(name);
    }

    /** The values of one column, one per row. */
    public double[] column(String name) {
        int index = columns.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no column '" + name + "' in " + columns);
        }
        double[] values = new double[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = rows.get(i)[index];
        }
        return values;
    }

    /** Number of rows. */
    public int size() {
        return rows.size();
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }
}
