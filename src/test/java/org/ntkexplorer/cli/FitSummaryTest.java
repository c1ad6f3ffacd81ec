package org.ntkexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.ntkexplorer.core.experiment.analysis.Fits;
import org.ntkexplorer.core.experiment.spec.Learner;
import org.ntkexplorer.core.experiment.store.ResultRow;

class FitSummaryTest {
    private static void rows(List<ResultRow> out, Learner l, int seeds, double base) {
        for (int n : new int[] {100, 200, 400}) {
            for (int s = 0; s < seeds; s++) {
                out.add(ResultRow.ofTest(l, n, s, base * Math.pow(n, -0.3) * (1 + 0.01 * s), base * Math.pow(n, -0.2)));
            }
        }
    }

    @Test
    void fitsAreOrderedByLearnerThenMetricAndPointIntervalsAreNotPrinted() {
        List<ResultRow> rows = new ArrayList<>();
        rows(rows, Learner.NNGP, 2, 2);
        rows(rows, Learner.ENTK_INIT, 2, 3);
        rows(rows, Learner.NETWORK, 1, 4);
        List<String> lines = FitSummary.lines(Fits.ofResults(rows));
        assertEquals(List.of("network/test_error", "network/test_mse", "entk-init/test_error", "entk-init/test_mse",
                "nngp/test_error", "nngp/test_mse"), lines.stream().map(l -> l.substring(0, l.indexOf(' '))).toList());
        assertEquals("network/test_mse                 alpha = 0.200  no interval: needs ≥ 2 seeds per n  (3 points)",
                lines.get(1));
    }

    @Test
    void twoSeedsThatAgreeHaveAnIntervalOfZeroWidthNotTheOneSeedWords() {
        List<ResultRow> rows = new ArrayList<>();
        for (int n : new int[] {100, 200, 400}) {
            for (int s = 0; s < 2; s++) {
                rows.add(ResultRow.ofTest(Learner.NETWORK, n, s, Math.pow(n, -0.3), Math.pow(n, -0.2)));
            }
        }
        String line = FitSummary.lines(Fits.ofResults(rows)).get(1);
        assertEquals("network/test_mse                 alpha = 0.200  [0.200, 0.200]  (6 points)", line);
    }

    @Test
    void networksThatMissedTheirStoppingRuleAreCounted() {
        List<ResultRow> rows = new ArrayList<>();
        for (int n : new int[] {100, 200}) {
            rows.add(new ResultRow(Learner.NETWORK, n, 0, Double.NaN, 0.5 / n, 0.1, 0.01, 0, 100, 5, n == 200,
                    Double.NaN, Double.NaN, 1));
        }
        String line = FitSummary.lines(Fits.ofResults(rows)).get(0);
        assertEquals(true, line.endsWith("; 1 network did not meet the stopping rule"), line);
    }

    /** The terminal prints the claim check and the richness lines the core computed, as the window shows them. */
    @Test
    void theClaimAndTheRichnessLinesArePrintedUnderTheFits() {
        List<ResultRow> rows = new ArrayList<>();
        rows(rows, Learner.NETWORK, 2, 4);
        rows(rows, Learner.ENTK_INIT, 2, 3);
        List<org.ntkexplorer.core.experiment.run.ExperimentEvent> last = new ArrayList<>(
                org.ntkexplorer.core.experiment.run.ExperimentEvent.ClaimChecked.all(
                org.ntkexplorer.core.experiment.run.StudyDefinition.of(org.ntkexplorer.core.experiment.spec.Study.SCALING).claim(), rows));
        last.add(new org.ntkexplorer.core.experiment.run.ExperimentEvent.RichnessVerdict(
                org.ntkexplorer.core.experiment.store.Metric.TEST_ERROR, List.of("Lazy end, α = 1000: …",
                "Kernel movement …")));
        List<String> lines = FitSummary.verdicts(last);
        assertEquals("test_error: ", lines.get(0).substring(0, 12));
        org.junit.jupiter.api.Assertions.assertTrue(lines.get(0).contains("claim 1 (network α − entk-init α = "),
                lines.get(0));
        org.junit.jupiter.api.Assertions.assertTrue(lines.get(1).startsWith("test_mse: "), lines.get(1));
        assertEquals(List.of("test_error:", "  Lazy end, α = 1000: …", "  Kernel movement …"),
                lines.subList(2, 5));
        assertEquals(List.of(), FitSummary.verdicts(List.of()));
    }
}
