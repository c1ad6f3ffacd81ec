package org.ntkexplorer.core.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.ntkexplorer.core.scaling.PowerLawFitResult;

class RichnessTableTest {
    private static ResultRow network(int n, long seed, double richness, double movement) {
        return new ResultRow(Learner.NETWORK, n, seed, richness, 0.2, 0.05, 0.01, 0, 100, 5, null, movement, 0.5, 1);
    }

    private static Fits.Entry fit(double alpha, double half) {
        return new Fits.Entry(new PowerLawFitResult(alpha, 1, 0.9, alpha - half, alpha + half, 0.95, Double.NaN,
                Double.NaN, Double.NaN, 4), List.of());
    }

    @Test
    void movementIsAveragedOverSizesAndSeedsAndTheVerdictReadsBothEnds() {
        RichnessTable t = new RichnessTable();
        t.add(network(64, 0, 0.1, 0.4));
        t.add(network(128, 0, 0.1, 0.6));
        t.add(network(64, 0, 100, 0.001));
        t.add(network(128, 0, 100, 0.003));
        assertEquals(0.5, t.movement().get(0).mean(), 1e-12);
        assertEquals(0.002, t.movement().get(1).mean(), 1e-12);
        ScalingTable.Metric m = ScalingTable.Metric.TEST_MSE;
        t.fit(new FitKey.OfLearner(Learner.NETWORK, 0.1, m), fit(0.6, 0.05));
        t.fit(new FitKey.OfLearner(Learner.NETWORK, 100, m), fit(0.31, 0.05));
        t.fit(new FitKey.OfLearner(Learner.ENTK_INIT, Double.NaN, m), fit(0.3, 0.04));
        List<String> v = t.verdict(m);
        assertEquals(3, v.size(), v.toString());
        assertTrue(v.get(0).contains("overlap, as the lazy limit predicts"), v.get(0));
        assertTrue(v.get(1).contains("differs from the eNTK's"), v.get(1));
        assertTrue(v.get(2).contains("falls as α grows"), v.get(2));
        assertTrue(t.verdict(ScalingTable.Metric.TEST_ERROR).size() == 1, "only movement without test-error fits");
    }
}
