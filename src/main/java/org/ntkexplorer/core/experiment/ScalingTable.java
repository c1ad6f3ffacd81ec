package org.ntkexplorer.core.experiment;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scaling points gathered per learner and training-set size, summarised over seeds as a plot shows them: the
 * mean and the sample standard deviation of the positive, finite values (a log axis cannot show the others).
 */
public final class ScalingTable {
    public enum Metric {
        TEST_ERROR("test_error"), TEST_MSE("test_mse");

        private final String id;

        Metric(String id) {
            this.id = id;
        }

        /** The name used in fits.json and {@link ExperimentEvent.FitUpdated#metric()}. */
        public String id() {
            return id;
        }
    }

    /** One size: mean and standard deviation over the {@code seeds} runs that gave a usable value. */
    public record Row(int n, double mean, double sd, int seeds) {
    }

    private final Map<Learner, TreeMap<Integer, List<double[]>>> values = new EnumMap<>(Learner.class);

    public void add(ExperimentEvent.ScalingPointDone p) {
        values.computeIfAbsent(p.learner(), k -> new TreeMap<>()).computeIfAbsent(p.n(), k -> new ArrayList<>())
                .add(new double[] {p.testError(), p.testMse()});
    }

    public Set<Learner> learners() {
        return values.keySet();
    }

    /** Sizes in increasing order; a size without a usable value is left out. */
    public List<Row> rows(Learner learner, Metric metric) {
        List<Row> out = new ArrayList<>();
        TreeMap<Integer, List<double[]>> byN = values.get(learner);
        if (byN == null) {
            return out;
        }
        int col = metric.ordinal();
        for (Map.Entry<Integer, List<double[]>> e : byN.entrySet()) {
            double sum = 0;
            int m = 0;
            for (double[] v : e.getValue()) {
                if (Double.isFinite(v[col]) && v[col] > 0) {
                    sum += v[col];
                    m++;
                }
            }
            if (m == 0) {
                continue;
            }
            double mean = sum / m;
            double ss = 0;
            for (double[] v : e.getValue()) {
                if (Double.isFinite(v[col]) && v[col] > 0) {
                    ss += (v[col] - mean) * (v[col] - mean);
                }
            }
            out.add(new Row(e.getKey(), mean, m > 1 ? Math.sqrt(ss / (m - 1)) : 0, m));
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
