package org.ntkexplorer.core.experiment.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.ntkexplorer.core.scaling.PowerLawFitResult;
import org.ntkexplorer.core.experiment.spec.Learner;
import org.ntkexplorer.core.experiment.store.FitEntry;
import org.ntkexplorer.core.experiment.store.FitKey;
import org.ntkexplorer.core.experiment.store.FlowRow;
import org.ntkexplorer.core.experiment.store.Metric;
import org.ntkexplorer.core.experiment.store.ResultRow;

class RichnessTableTest {
    private static ResultRow network(int n, long seed, double richness, double movement) {
        return new ResultRow(Learner.NETWORK, n, seed, richness, 0.2, 0.05, 0.01, 0, 100, 5, null, movement, 0.5, 1);
    }

    private static FitEntry fit(double alpha, double half) {
        return new FitEntry(new PowerLawFitResult(alpha, 1, 0.9, alpha - half, alpha + half, 0.95, Double.NaN,
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
        Metric m = Metric.TEST_MSE;
        t.fit(new FitKey.OfLearner(Learner.NETWORK, 0.1, m), fit(0.6, 0.05));
        t.fit(new FitKey.OfLearner(Learner.NETWORK, 100, m), fit(0.31, 0.05));
        t.fit(new FitKey.OfLearner(Learner.ENTK_INIT, Double.NaN, m), fit(0.3, 0.04));
        t.add(network(64, 1, 0.1, 0.5));
        t.add(network(64, 1, 100, 0.002));
        List<String> v = t.verdict(m);
        assertEquals(3, v.size(), v.toString());
        assertTrue(v.get(0).contains("network exponent 0.310 [0.260, 0.360], eNTK regression 0.300 [0.260, 0.340]; its "
                + "kernel moved 0.00200. No verdict: this run has no eNTK gradient flow"), v.get(0));
        assertTrue(!v.get(0).contains("overlap") && !v.get(0).contains("lazy limit predicts"), v.get(0));
        assertTrue(v.get(1).contains("differs from the eNTK's"), v.get(1));
        assertTrue(v.get(2).contains("falls as α grows"), v.get(2));
        assertTrue(t.verdict(Metric.TEST_ERROR).size() == 1, "only movement without test-error fits");
    }

    @Test
    void whileTheFlowIsStillToComeTheLazyLineSaysSoRatherThanThatTheRunHasNone() {
        RichnessTable t = new RichnessTable();
        Metric m = Metric.TEST_ERROR;
        t.add(network(64, 0, 100, 0.001));
        t.add(network(128, 0, 100, 0.003));
        t.fit(new FitKey.OfLearner(Learner.NETWORK, 100, m), fit(0.31, 0.05));
        t.fit(new FitKey.OfLearner(Learner.ENTK_INIT, Double.NaN, m), fit(0.3, 0.04));
        String live = t.verdict(m, true).get(0);
        assertTrue(live.contains("No verdict yet: the run has not reached the eNTK gradient flow"), live);
        assertTrue(!live.contains("this run has no"), live);
        String saved = t.verdict(m, false).get(0);
        assertTrue(saved.contains("No verdict: this run has no eNTK gradient flow"), saved);
    }

    @Test
    void oneSeedGivesNumbersAndNeedsTwoSeedsButNoVerdict() {
        RichnessTable t = new RichnessTable();
        t.add(network(64, 0, 0.1, 0.4));
        t.add(network(128, 0, 0.1, 0.6));
        t.add(network(64, 0, 1000, 3e-8));
        t.add(network(128, 0, 1000, 3e-8));
        Metric m = Metric.TEST_ERROR;
        PowerLawFitResult point = new PowerLawFitResult(0.28, 1, 0.9, Double.NaN, Double.NaN, 0.95, Double.NaN,
                Double.NaN, Double.NaN, 2);
        PowerLawFitResult other = new PowerLawFitResult(0.12, 1, 0.9, Double.NaN, Double.NaN, 0.95, Double.NaN,
                Double.NaN, Double.NaN, 2);
        t.fit(new FitKey.OfLearner(Learner.NETWORK, 0.1, m), new FitEntry(other, List.of()));
        t.fit(new FitKey.OfLearner(Learner.NETWORK, 1000, m), new FitEntry(point, List.of()));
        t.fit(new FitKey.OfLearner(Learner.ENTK_INIT, Double.NaN, m), new FitEntry(other, List.of()));
        String all = String.join("\n", t.verdict(m));
        for (String claim : List.of("overlap", "differs", "not distinguishable", "as theory predicts",
                "against theory", "[")) {
            assertTrue(!all.contains(claim), "'" + claim + "' in " + all);
        }
        assertTrue(all.contains("0.280 (needs ≥ 2 seeds for an interval)"), all);
        assertTrue(all.contains("comparing it with the eNTK's needs ≥ 2 seeds at every n"), all);
        assertTrue(all.contains("a trend needs ≥ 2 seeds"), all);
    }

    private static ResultRow lazyNetwork(int n, long seed, double error) {
        return new ResultRow(Learner.NETWORK, n, seed, 1000, error, error / 4, 0.01, 0, 100, 5, true, 1e-8, 0.5, 1);
    }

    /** A table whose lazy networks scale as error = n^(−0.3)·(1 + noise) and whose flow as n^(−flowAlpha). */
    private static RichnessTable lazyEnd(int seeds, double flowAlpha) {
        RichnessTable t = new RichnessTable();
        Metric m = Metric.TEST_ERROR;
        for (int n : new int[] {64, 128, 256}) {
            for (long s = 0; s < seeds; s++) {
                double noise = 1 + 0.01 * (s % 2 == 0 ? 1 : -1) * (1 + n % 3);
                t.add(lazyNetwork(n, s, Math.pow(n, -0.3) * noise));
                t.add(network(n, s, 0.1, 0.4));
                t.add(new FlowRow(n, s, 1000, 100, 0.5, Math.pow(n, -flowAlpha) * noise * 1.002, 0.01));
            }
        }
        t.fit(new FitKey.OfLearner(Learner.NETWORK, 0.1, m), fit(0.4, 0.05));
        t.fit(new FitKey.OfLearner(Learner.NETWORK, 1000, m), fit(0.3, 0.02));
        t.fit(new FitKey.OfLearner(Learner.ENTK_INIT, Double.NaN, m), fit(0.25, 0.02));
        return t;
    }

    @Test
    void theLazyEndIsComparedWithTheEntkGradientFlowOverTheSameSteps() {
        String agree = lazyEnd(2, 0.3).verdict(Metric.TEST_ERROR).get(0);
        assertTrue(agree.startsWith("Lazy end, α = 1000: network exponent 0.300 [0.280, 0.320]; its kernel moved "
                + "1.00e-08; network − eNTK gradient flow over the same steps: 0.000 ["), agree);
        assertTrue(agree.endsWith("not distinguishable, as the lazy limit predicts"), agree);
        String differ = lazyEnd(2, 0.15).verdict(Metric.TEST_ERROR).get(0);
        assertTrue(differ.contains("gradient flow over the same steps: 0.150 [")
                && differ.contains("they differ: the networks do not follow their eNTK's gradient flow here"), differ);
    }

    @Test
    void oneSeedAtTheLazyEndGivesTheDifferenceButNoVerdict() {
        String v = lazyEnd(1, 0.15).verdict(Metric.TEST_ERROR).get(0);
        assertTrue(v.endsWith("network − eNTK gradient flow over the same steps: 0.150 (needs ≥ 2 seeds for a verdict)"),
                v);
        for (String claim : List.of("differ", "not distinguishable", "lazy limit predicts", "No verdict")) {
            assertTrue(!v.contains(claim), "'" + claim + "' in " + v);
        }
    }
}
