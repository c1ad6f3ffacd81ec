package org.ntkexplorer.core.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntkexplorer.core.compute.TaskMonitor;

class TimeLeftTest {
    @TempDir
    Path dir;

    private static final ExperimentSpec SCALING = ExperimentSpec.parse("""
            {"study": "scaling", "nGrid": [64, 128, 256, 512], "seeds": 2, "width": 256}""");

    @Test
    void thePlanListsEveryUnitInRunOrder() {
        List<UnitKey> plan = RunPlan.units(SCALING);
        assertEquals(8, plan.size());
        assertEquals(new UnitKey(64, 256, 0, Double.NaN), plan.get(0));
        assertEquals(new UnitKey(64, 256, 1, Double.NaN), plan.get(4));
    }

    @Test
    void nothingMeasuredGivesNoEstimate() {
        TimeLeft t = TimeLeft.of(SCALING, List.of());
        assertTrue(Double.isNaN(t.secondsLeft(0.01, 1)));
    }

    @Test
    void unitsOfAMeasuredSizeCostWhatTheyDidAndOthersFollowTheSizeLaw() {
        TimeLeft t = TimeLeft.of(SCALING, List.of());
        // Cost ∝ n^1.5 on the first seed's four sizes.
        List<UnitKey> plan = RunPlan.units(SCALING);
        double total = 0;
        for (int i = 0; i < 2; i++) {
            t.finished(plan.get(i), Math.pow(plan.get(i).n() / 64.0, 1.5));
        }
        double expected = 0;
        for (int i = 2; i < 8; i++) {
            expected += Math.pow(plan.get(i).n() / 64.0, 1.5);
        }
        // The current unit (n = 256) has already spent one second of its cost.
        assertEquals(expected - 1, t.secondsLeft(2 / 8.0, 1), 1e-6);
        for (int i = 2; i < 4; i++) {
            t.finished(plan.get(i), Math.pow(plan.get(i).n() / 64.0, 1.5));
        }
        for (int i = 4; i < 8; i++) {
            total += Math.pow(plan.get(i).n() / 64.0, 1.5);
        }
        assertEquals(total, t.secondsLeft(0.5, 0), 1e-9);
        assertEquals(total - 0.4, t.secondsLeft(0.5, 0.4), 1e-9, "falls with the time spent on the current unit");
    }

    @Test
    void aSingleUnitRunUsesItsOwnProgress() {
        ExperimentSpec dyn = ExperimentSpec.parse("{\"study\": \"dynamics\", \"nGrid\": [512], \"seeds\": 1}");
        TimeLeft t = TimeLeft.of(dyn, List.of());
        assertTrue(Double.isNaN(t.secondsLeft(0.05, 5)), "too early to tell");
        assertEquals(30, t.secondsLeft(0.25, 10), 1e-9);
    }

    @Test
    void everyFinishedUnitIsReportedWithItsTimeAndTheFolderCountsIt() throws Exception {
        ExperimentSpec spec = ExperimentSpec.parse("""
                {"study": "scaling", "classes": [0, 1], "nGrid": [16, 32], "nTest": 20, "seeds": 1, "depth": 1,
                 "width": 8, "epochs": 1, "batchSize": 8, "probeSize": 6, "learners": ["network", "entk-init"]}""");
        List<ExperimentEvent> events = ExperimentRunnerTest.run(spec, RunFolder.create(dir.resolve("a"), spec),
                TaskMonitor.NONE);
        List<ExperimentEvent.UnitFinished> units = events.stream()
                .filter(e -> e instanceof ExperimentEvent.UnitFinished).map(e -> (ExperimentEvent.UnitFinished) e)
                .toList();
        assertEquals(RunPlan.units(spec), units.stream().map(ExperimentEvent.UnitFinished::unit).toList());
        assertTrue(units.stream().allMatch(u -> u.seconds() > 0));
        RunPlan.Completion c = RunPlan.completion(RunFolder.open(dir.resolve("a")));
        assertEquals(new RunPlan.Completion(2, 2), c);
        assertEquals("finished (2 of 2 units)", c.describe());
    }
}
