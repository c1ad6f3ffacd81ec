package org.ntkexplorer.ui.panels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ntkexplorer.core.experiment.analysis.Fits;
import org.ntkexplorer.core.experiment.analysis.RichnessTable;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;
import org.ntkexplorer.core.experiment.spec.Learner;
import org.ntkexplorer.core.experiment.store.FitKey;
import org.ntkexplorer.core.experiment.store.ResultRow;
import org.ntkexplorer.core.experiment.store.FitEntry;
import org.ntkexplorer.core.experiment.store.Metric;

/** What the lazy–rich dial draws and says, from a richness run's events alone: no window, no toolkit. */
class RichnessModelTest {
    private static final Metric ERR = Metric.TEST_ERROR;

    /**
     * The events a richness run sends after its last row, as RunContext does: every row, the fits of all rows so far
     * (Fits.ofResults), and the core's verdict lines. The network's exponent is {@code richAlpha} at α = 0.1 and
     * {@code lazyAlpha} at α = 100, where its kernel also moves less; the eNTK's rows (no richness) scale with 0.3.
     * {@code capped}: the rich networks at n = 256 hit their step cap.
     */
    private static List<ExperimentEvent> run(int seeds, double richAlpha, double lazyAlpha, boolean capped) {
        List<ResultRow> rows = new ArrayList<>();
        for (int seed = 0; seed < seeds; seed++) {
            for (int n : new int[] {64, 128, 256}) {
                double noise = 1 + 0.01 * seed * (n % 3);
                for (double a : new double[] {0.1, 100}) {
                    double e = Math.pow(n, -(a < 1 ? richAlpha : lazyAlpha)) * noise;
                    rows.add(new ResultRow(Learner.NETWORK, n, seed, a, e, e / 2, 0.01, 0, 100, 5,
                            !(capped && a < 1 && n == 256), (a < 1 ? 0.4 : 0.004) * (1 + 0.1 * seed), 0.5, 1));
                }
                double k = Math.pow(n, -0.3) * noise;
                rows.add(new ResultRow(Learner.ENTK_INIT, n, seed, Double.NaN, k, k / 2, Double.NaN, Double.NaN,
                        -1, -1, null, Double.NaN, Double.NaN, 1));
            }
        }
        List<ExperimentEvent> events = new ArrayList<>();
        rows.forEach(r -> events.add(new ExperimentEvent.ScalingPointDone(r)));
        for (Map.Entry<FitKey, FitEntry> f : Fits.ofResults(rows).entrySet()) {
            events.add(new ExperimentEvent.FitUpdated((FitKey.OfLearner) f.getKey(), f.getValue()));
        }
        RichnessTable t = new RichnessTable();
        rows.forEach(t::add);
        Fits.ofResults(rows).forEach((key, entry) -> t.fit((FitKey.OfLearner) key, entry));
        for (Metric m : Metric.values()) {
            events.add(new ExperimentEvent.RichnessVerdict(m, t.verdict(m, true)));
        }
        return events;
    }

    @Test
    void exponentsAgainstRichnessWithTheKernelsBandAndTheMovement() {
        RichnessModel m = new RichnessModel();
        assertTrue(m.view(ERR).caption().startsWith("How the network's scaling exponent"));
        assertTrue(m.accept(run(3, 0.6, 0.3, false)));
        RichnessModel.View v = m.view(ERR);
        assertArrayEquals(new double[] {0.1, 100}, v.network().x(), 0, "richness increasing");
        assertEquals(0.6, v.network().y()[0], 0.02);
        assertEquals(0.3, v.network().y()[1], 0.02);
        assertTrue(v.network().low()[0] > 0 && v.network().high()[0] > 0, "three seeds: an interval each");
        assertEquals("network exponent", v.networkName(), "every network converged");
        assertArrayEquals(new double[] {0.1, 100}, v.kernelX(), 0, "the eNTK's line spans the exponents");
        assertEquals(0.3, v.kernelY()[0], 0.02);
        assertTrue(v.kernelName().startsWith("eNTK at init: α = 0.3"), v.kernelName());
        assertTrue(v.band() != null && v.band()[0] <= v.kernelY()[0] && v.band()[1] >= v.kernelY()[0]);
        RichnessModel.Series moved = v.movement();
        assertArrayEquals(new double[] {0.1, 100}, moved.x(), 0);
        assertEquals(0.44, moved.y()[0], 1e-12, "mean over n and seeds");
        // Sample sd over 3 sizes × seeds 0.40, 0.44, 0.48: √(6 · 0.04² / 8).
        assertEquals(Math.sqrt(6 * 0.04 * 0.04 / 8), moved.high()[0], 1e-12);
        assertArrayEquals(moved.high(), moved.low(), 0, "spreads smaller than the means: symmetric bars");
        assertArrayEquals(new double[] {0.1 / 2.2, 100 * 2.2}, v.exponentsRange(), 1e-12);
        assertEquals("At 2 values of α: the network's scaling exponent beside the eNTK's band (left), and how far "
                + "its kernel moved (right).", v.caption());
        assertTrue(v.verdict().contains("Rich end, α = 0.1") && v.verdict().contains("Kernel movement 0.440 at α = "
                + "0.1, 0.00440 at α = 100: falls as α grows"), v.verdict());
        assertEquals(3, v.verdict().split("\n").length, "lazy end, rich end, movement: " + v.verdict());
    }

    @Test
    void oneSeedGivesNoBarsNoBandAndCappedNetworksAreMarked() {
        RichnessModel m = new RichnessModel();
        m.accept(run(1, 0.6, 0.3, true));
        RichnessModel.View v = m.view(ERR);
        assertArrayEquals(new double[] {0, 0}, v.network().low(), 0, "no interval, no bar");
        assertNull(v.band(), "no interval for the eNTK either");
        assertEquals("network exponent ✱", v.networkName());
        assertTrue(v.verdict().contains("needs ≥ 2 seeds"), v.verdict());
        assertFalse(v.verdict().contains("falls as α grows"), v.verdict());
    }

    @Test
    void theLinesShownAreTheCoresForTheChosenMetric() {
        RichnessModel m = new RichnessModel();
        List<ExperimentEvent> rowsOnly = new ArrayList<>();
        for (ExperimentEvent e : run(2, 0.6, 0.3, false)) {
            if (e instanceof ExperimentEvent.ScalingPointDone) {
                rowsOnly.add(e);
            }
        }
        m.accept(rowsOnly);
        assertFalse(m.isEmpty());
        RichnessModel.View v = m.view(ERR);
        assertEquals("", v.verdict(), "no line the core did not send");
        assertNull(v.kernelX(), "no eNTK line before its fit");
        assertEquals(0, v.network().size());
        assertEquals(2, v.movement().size());
        assertNull(v.exponentsRange(), "nothing on the exponents' axis: it ranges itself");
        m.accept(List.of(new ExperimentEvent.RichnessVerdict(ERR, List.of("first", "second")),
                new ExperimentEvent.RichnessVerdict(Metric.TEST_MSE, List.of("mse"))));
        assertEquals("first\nsecond", m.view(ERR).verdict());
        assertEquals("mse", m.view(Metric.TEST_MSE).verdict());
        m.clear();
        assertTrue(m.isEmpty());
        assertEquals("", m.view(ERR).verdict());
    }
}
