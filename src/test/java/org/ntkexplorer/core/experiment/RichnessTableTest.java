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
        t.add(network(64, 1, 0.1, 0.5));
        t.add(network(64, 1, 100, 0.002));
        List<String> v = t.verdict(m);
        assertEquals(3, v.size(), v.toString());
        assertTrue(v.get(0).contains("network exponent 0.310 [0.260, 0.360], eNTK 0.300 [0.260, 0.340]; its kernel "
                + "moved 0.00200. No verdict"), v.get(0));
        assertTrue(!v.get(0).contains("overlap") && !v.get(0).contains("lazy limit predicts"), v.get(0));
        assertTrue(v.get(1).contains("differs from the eNTK's"), v.get(1));
        assertTrue(v.get(2).contains("falls as α grows"), v.get(2));
        assertTrue(t.verdict(ScalingTable.Metric.TEST_ERROR).size() == 1, "only movement without test-error fits");
    }

    @Test
    void oneSeedGivesNumbersAndNeedsTwoSeedsButNoVerdict() {
        RichnessTable t = new RichnessTable();
        t.add(network(64, 0, 0.1, 0.4));
        t.add(network(128, 0, 0.1, 0.6));
        t.add(network(64, 0, 1000, 3e-8));
        t.add(network(128, 0, 1000, 3e-8));
        ScalingTable.Metric m = ScalingTable.Metric.TEST_ERROR;
        PowerLawFitResult point = new PowerLawFitResult(0.28, 1, 0.9, Double.NaN, Double.NaN, 0.95, Double.NaN,
                Double.NaN, Double.NaN, 2);
        PowerLawFitResult other = new PowerLawFitResult(0.12, 1, 0.9, Double.NaN, Double.NaN, 0.95, Double.NaN,
                Double.NaN, Double.NaN, 2);
        t.fit(new FitKey.OfLearner(Learner.NETWORK, 0.1, m), new Fits.Entry(other, List.of()));
        t.fit(new FitKey.OfLearner(Learner.NETWORK, 1000, m), new Fits.Entry(point, List.of()));
        t.fit(new FitKey.OfLearner(Learner.ENTK_INIT, Double.NaN, m), new Fits.Entry(other, List.of()));
        String all = String.join("\n", t.verdict(m));
        for (String claim : List.of("overlap", "differs", "not distinguishable", "as theory predicts",
                "against theory", "[")) {
            assertTrue(!all.contains(claim), "'" + claim + "' in " + all);
        }
        assertTrue(all.contains("0.280 (needs ≥ 2 seeds for an interval)"), all);
        assertTrue(all.contains("comparing it with the eNTK's needs ≥ 2 seeds at every n"), all);
        assertTrue(all.contains("a trend needs ≥ 2 seeds"), all);
    }
}
