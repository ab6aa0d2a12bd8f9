package org.gan4j.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one training step measured, by name, in the order the game reports them: the adversarial
 * game's {@code d_loss}, {@code g_loss}, {@code d_real}, {@code d_fake}, {@code grad_norm_d},
 * {@code grad_norm_g}; a game with more players or terms adds its own names. The trainer adds
 * {@code images_per_s}. Names are the columns of {@code metrics.csv}.
 */
public final class StepScalars {
    private final Map<String, Double> values;

    private StepScalars(Map<String, Double> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** Scalars from alternating names and values: {@code of("d_loss", 1.2, "g_loss", 0.7)}. */
    public static StepScalars of(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values alternate");
        }
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], ((Number) namesAndValues[i + 1]).doubleValue());
        }
        return new StepScalars(m);
    }

    /** These scalars and one more (replacing a value of the same name). */
    public StepScalars with(String name, double value) {
        Map<String, Double> m = new LinkedHashMap<>(values);
        m.put(name, value);
        return new StepScalars(m);
    }

    /** The value of {@code name}; NaN when this step did not measure it. */
    public double get(String name) {
        Double v = values.get(name);
        return v == null ? Double.NaN : v;
    }

    /** The names, in report order. */
    public List<String> names() {
        return List.copyOf(values.keySet());
    }

    /** The values of {@code columns}, NaN for any not measured. */
    public double[] values(List<String> columns) {
        double[] out = new double[columns.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = get(columns.get(i));
        }
        return out;
    }

    /** The name → value map (read-only). */
    public Map<String, Double> asMap() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StepScalars s && s.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
