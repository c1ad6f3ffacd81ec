package org.ntkexplorer.core.experiment.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.junit.jupiter.api.Test;
import org.ntkexplorer.core.experiment.spec.Learner;
import org.ntkexplorer.core.experiment.store.Metric;
import org.ntkexplorer.core.experiment.store.ResultRow;

class ScalingTableTest {
    private static ResultRow p(Learner l, int n, long seed, double error, double mse) {
        return ResultRow.ofTest(l, n, seed, error, mse);
    }

    @Test
    void meanAndSampleStandardDeviationOverSeedsPerSize() {
        ScalingTable t = new ScalingTable();
        double[] errors = {0.31, 0.27, 0.35};
        for (int s = 0; s < 3; s++) {
            t.add(p(Learner.NETWORK, 200, s, errors[s], 0.05 + s * 0.01));
            t.add(p(Learner.NETWORK, 100, s, errors[s] + 0.1, 0.07));
        }
        List<SeedSummary.Row> rows = t.rows(Learner.NETWORK, Metric.TEST_ERROR);
        assertEquals(List.of(100, 200), rows.stream().map(SeedSummary.Row::x).toList(), "sorted by n");
        DescriptiveStatistics ref = new DescriptiveStatistics(errors);
        assertEquals(ref.getMean(), rows.get(1).mean(), 1e-15);
        assertEquals(ref.getStandardDeviation(), rows.get(1).sd(), 1e-15);
        assertEquals(3, rows.get(1).seeds());
        assertEquals(0.06, t.rows(Learner.NETWORK, Metric.TEST_MSE).get(1).mean(), 1e-15);
        assertEquals(0, t.rows(Learner.NETWORK, Metric.TEST_MSE).get(0).sd(), 1e-15);
    }

    @Test
    void valuesALogAxisCannotShowAreLeftOut() {
        ScalingTable t = new ScalingTable();
        t.add(p(Learner.ENTK_INIT, 50, 0, 0.0, 0.1));
        t.add(p(Learner.ENTK_INIT, 50, 1, Double.NaN, 0.2));
        t.add(p(Learner.ENTK_INIT, 100, 0, 0.2, 0.1));
        List<SeedSummary.Row> rows = t.rows(Learner.ENTK_INIT, Metric.TEST_ERROR);
        assertEquals(1, rows.size());
        assertEquals(100, rows.get(0).x());
        assertEquals(2, t.rows(Learner.ENTK_INIT, Metric.TEST_MSE).get(0).seeds());
        assertTrue(t.rows(Learner.NNGP, Metric.TEST_ERROR).isEmpty());
    }
}
