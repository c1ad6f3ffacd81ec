package org.ntkexplorer.core.experiment.analysis;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ntkexplorer.core.experiment.spec.Learner;
import org.ntkexplorer.core.experiment.store.Metric;
import org.ntkexplorer.core.experiment.store.ResultRow;

/** Scaling points per learner and training-set size, summarised over seeds for each test metric. */
public final class ScalingTable {
    private record Series(Learner learner, Metric metric) {
    }

    private final SeedSummary<Series> summary = new SeedSummary<>();
    private final Set<Learner> learners = new LinkedHashSet<>();

    public void add(ResultRow r) {
        learners.add(r.learner());
        summary.add(new Series(r.learner(), Metric.TEST_ERROR), r.n(), r.testError());
        summary.add(new Series(r.learner(), Metric.TEST_MSE), r.n(), r.testMse());
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
