package org.ntkexplorer.ui.panels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.ntkexplorer.core.scaling.PowerLawFitResult;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;
import org.ntkexplorer.core.experiment.spec.Learner;
import org.ntkexplorer.core.experiment.spec.Study;
import org.ntkexplorer.core.experiment.store.Metric;
import org.ntkexplorer.core.experiment.store.ResultRow;
import org.ntkexplorer.core.experiment.run.StudyDefinition;

/** What the scaling panel says, from the events alone: no window, no toolkit. */
class ScalingModelTest {

    private static List<ExperimentEvent> run(int seeds, double networkAlpha, double kernelAlpha) {
        List<ExperimentEvent> events = new ArrayList<>();
        List<ResultRow> rows = new ArrayList<>();
        for (Learner l : List.of(Learner.NETWORK, Learner.ENTK_INIT)) {
            double a = l == Learner.NETWORK ? networkAlpha : kernelAlpha;
            for (int seed = 0; seed < seeds; seed++) {
                for (int n : new int[] {100, 200, 400, 800}) {
                    // Seeds differ a little, as real ones do; the slope is the learner's.
                    double e = Math.pow(n, -a) * (1 + 0.01 * seed);
                    ExperimentEvent.ScalingPointDone p = ExperimentEvent.ScalingPointDone.of(l, n, seed, e, e / 2);
                    events.add(p);
                    rows.add(p.row());
                }
            }
            PowerLawFitResult fit = seeds > 1
                    ? new PowerLawFitResult(a, 1, 0.99, a - 0.02, a + 0.02, 0.95, Double.NaN, Double.NaN, Double.NaN, 4)
                    : new PowerLawFitResult(a, 1, 0.99, Double.NaN, Double.NaN, 0.95, Double.NaN, Double.NaN,
                            Double.NaN, 4);
            events.add(ExperimentEvent.FitUpdated.of(l, Metric.TEST_ERROR, fit));
        }
        events.addAll(ExperimentEvent.ClaimChecked.all(StudyDefinition.of(Study.SCALING).claim(), rows));
        return events;
    }

    @Test
    void aNetworkThatScalesFasterGivesALegendWithIntervalsAndAClaimLine() {
        ScalingModel m = new ScalingModel();
        assertTrue(m.caption(Metric.TEST_ERROR).startsWith("Each learner's test error"));
        assertTrue(m.accept(run(3, 0.5, 0.2)));
        String legend = m.legend(Learner.NETWORK, Metric.TEST_ERROR);
        assertEquals("network: α = 0.500 [0.480, 0.520]", legend);
        assertTrue(m.caption(Metric.TEST_ERROR).contains("2 learners, means over 3 seeds"),
                m.caption(Metric.TEST_ERROR));
        String verdict = m.verdict(Metric.TEST_ERROR);
        assertTrue(verdict.startsWith("Claim 1") && verdict.contains("95 % intervals over seeds"), verdict);
        // Exponents 0.5 against 0.2, seeds differing only in level: the paired difference is 0.3 with its whole
        // interval above 0.
        assertTrue(verdict.contains("network α − entk-init α = 0.300 [") && verdict.endsWith("This run supports "
                + "claim 1."), verdict);
        assertEquals(4, m.summary(Learner.NETWORK, Metric.TEST_ERROR).size(), "one point per n");
    }

    @Test
    void oneSeedGivesNoIntervalAndNoVerdict() {
        ScalingModel m = new ScalingModel();
        m.accept(run(1, 0.5, 0.2));
        String legend = m.legend(Learner.NETWORK, Metric.TEST_ERROR);
        assertTrue(legend.contains(PowerLawFitResult.NEEDS_SEEDS) && !legend.contains("["), legend);
        String verdict = m.verdict(Metric.TEST_ERROR);
        assertTrue(verdict.contains("no interval and no verdict"), verdict);
        assertFalse(verdict.contains("supports") || verdict.contains("contradicts"), verdict);
    }

    @Test
    void aRichnessStudysPointsAreNotThisPanels() {
        ScalingModel m = new ScalingModel();
        ResultRow r = ResultRow.ofTest(Learner.NETWORK, 100, 0, 0.3, 0.2);
        ResultRow withAlpha = new ResultRow(r.learner(), r.n(), r.seed(), 10.0, r.testError(), r.testMse(),
                r.trainLoss(), r.trainError(), r.steps(), r.epochs(), r.converged(), r.kernelMovement(),
                r.targetAlignment(), r.stableRate(), r.seconds());
        assertFalse(m.accept(List.of(new ExperimentEvent.ScalingPointDone(withAlpha))));
        assertTrue(m.isEmpty());
        m.accept(run(2, 0.5, 0.2));
        m.clear();
        assertTrue(m.isEmpty());
        assertEquals("", m.verdict(Metric.TEST_ERROR));
    }
}
