package org.ntkexplorer.core.experiment.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Values gathered per series and x (a training-set size, a width), summarised over seeds as a log–log plot shows
 * them: the mean and the sample standard deviation of the positive, finite values (a log axis cannot show the
 * others).
 *
 * @param <K> what names a series
 */
public final class SeedSummary<K> {
    /** One x: mean and standard deviation over the {@code seeds} runs that gave a usable value. */
    public record Row(int x, double mean, double sd, int seeds) {
    }

    private final Map<K, TreeMap<Integer, List<Double>>> values = new LinkedHashMap<>();

    public void add(K series, int x, double value) {
        values.computeIfAbsent(series, k -> new TreeMap<>()).computeIfAbsent(x, k -> new ArrayList<>()).add(value);
    }

    /** Series in the order they first appeared. */
    public Set<K> series() {
        return values.keySet();
    }

    /** x in increasing order; an x without a usable value is left out. */
    public List<Row> rows(K series) {
        List<Row> out = new ArrayList<>();
        TreeMap<Integer, List<Double>> byX = values.get(series);
        if (byX == null) {
            return out;
        }
        for (Map.Entry<Integer, List<Double>> e : byX.entrySet()) {
            double[] usable = e.getValue().stream().mapToDouble(Double::doubleValue)
                    .filter(v -> Double.isFinite(v) && v > 0).toArray();
            if (usable.length == 0) {
                continue;
            }
            double mean = 0;
            for (double v : usable) {
                mean += v;
            }
            mean /= usable.length;
            double ss = 0;
            for (double v : usable) {
                ss += (v - mean) * (v - mean);
            }
            out.add(new Row(e.getKey(), mean, usable.length > 1 ? Math.sqrt(ss / (usable.length - 1)) : 0,
                    usable.length));
        }
        return out;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public void clear() {
        values.clear();
    }
}
