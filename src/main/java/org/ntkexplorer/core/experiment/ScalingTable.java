package org.ntkexplorer.core.experiment;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Scaling points per learner and training-set size, summarised over seeds for each test metric. */
public final class ScalingTable {
    public enum Metric {
        TEST_ERROR("test_error"), TEST_MSE("test_mse");

        private final String id;

        Metric(String id) {
            this.id = id;
        }

        /** The name used in results.csv's columns and fits.json. */
        public String id() {
            return id;
        }

        public static Metric fromId(String id) {
            for (Metric m : values()) {
                if (m.id.equals(id)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown metric '" + id + "' (expected test_error or test_mse)");
        }

        public double of(ResultRow r) {
            return this == TEST_ERROR ? r.testError() : r.testMse();
        }

        /** The metric in words, as menus and axes show it: "test error", "test MSE". */
        public String label() {
            return this == TEST_ERROR ? "test error" : "test MSE";
        }
    }

    private record Series(Learner learner, Metric metric) {
    }

    private final SeedSummary<Series> summary = new SeedSummary<>();
    private final Set<Learner> learners = new LinkedHashSet<>();

    public void add(ExperimentEvent.ScalingPointDone p) {
        learners.add(p.learner());
        summary.add(new Series(p.learner(), Metric.TEST_ERROR), p.n(), p.testError());
        summary.add(new Series(p.learner(), Metric.TEST_MSE), p.n(), p.testMse());
    }

    public Set<Learner> learners() {
        return learners;
    }

    /** Sizes in increasing order (the row's x is n); a size without a usable value is left out. */
    public List<SeedSummary.Row> rows(Learner learner, Metric metric) {
        return summary.rows(new Series(learner, metric));
    }

    public boolean isEmpty() {
        return learners.isEmpty();
    }

    public void clear() {
        learners.clear();
        summary.clear();
    }
}
