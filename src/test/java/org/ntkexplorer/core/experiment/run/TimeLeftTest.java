package org.ntkexplorer.core.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntkexplorer.core.compute.TaskMonitor;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.spec.Learner;
import org.ntkexplorer.core.experiment.spec.UnitKey;
import org.ntkexplorer.core.experiment.store.ResultRow;
import org.ntkexplorer.core.experiment.store.RunFolder;

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

    private static ExperimentEvent.EpochDone evaluated(UnitKey u, long step, long cap) {
        return new ExperimentEvent.EpochDone(u, 1, step, cap, 0.1, 0.1, 0.1, 0.1);
    }

    /** Runs one unit from {@code t0}: {@code steps} steps at {@code perStep} s each, then {@code kernel} s. */
    private static double unit(TimeLeft t, UnitKey u, double t0, long steps, long cap, double perStep, double kernel) {
        t.accept(evaluated(u, steps, cap), t0 + steps * perStep);
        double end = t0 + steps * perStep + kernel;
        t.accept(new ExperimentEvent.UnitFinished(u, end - t0), end);
        return end;
    }

    @Test
    void nothingIsEstimatedBeforeAUnitHasFinished() {
        TimeLeft t = TimeLeft.of(SCALING, List.of());
        t.accept(new ExperimentEvent.Progress(0, "start"), 0);
        UnitKey first = RunPlan.units(SCALING).get(0);
        t.accept(evaluated(first, 50, 100), 8);
        assertTrue(Double.isNaN(t.secondsLeft(8)), "half the first network's steps are no measure of its kernels");
    }

    @Test
    void trainingToACapAndKernelsGrowingAsNSquaredOrCubedAreEstimatedApart() {
        // 1,000 steps to a cap at 0.01 s each whatever n; kernels cost 1e-6·n^2.5 s. The old single law in n,
        // fitted to the small units, put the big ones far too cheap.
        ExperimentSpec spec = ExperimentSpec.parse("""
                {"study": "scaling", "nGrid": [1024, 2048, 4096, 16384], "seeds": 1, "width": 256, "steps": 1000}""");
        List<UnitKey> plan = RunPlan.units(spec);
        TimeLeft t = TimeLeft.of(spec, List.of());
        t.accept(new ExperimentEvent.Progress(0, "start"), 0);
        double now = 0;
        for (int i = 0; i < 2; i++) {
            now = unit(t, plan.get(i), now, 1000, 1000, 0.01, 1e-6 * Math.pow(plan.get(i).n(), 2.5));
        }
        double expected = 0;
        for (int i = 2; i < 4; i++) {
            expected += 10 + 1e-6 * Math.pow(plan.get(i).n(), 2.5);
        }
        assertEquals(expected, t.secondsLeft(now), 1e-6 * expected);
        // 400 steps into the third unit: its training has 6 s to go, and its kernels are still all to come.
        t.accept(evaluated(plan.get(2), 400, 1000), now + 4);
        assertEquals(expected - 4, t.secondsLeft(now + 4), 1e-6 * expected);
        // In its kernel phase the estimate falls with the time spent there.
        t.accept(evaluated(plan.get(2), 1000, 1000), now + 10);
        assertEquals(expected - 10 - 3, t.secondsLeft(now + 13), 1e-6 * expected);
    }

    @Test
    void aKernelComputedBeforeTrainingCountsAsKernelNotAsSteps() {
        // Scaling units compute the eNTK at initialisation first. Counted as training, a Myrtle-5 eNTK of 431 s at
        // n = 4,096 made each step look slow, and the n = 16,384 unit said "840 s left" before its eNTK of 2,233 s.
        ExperimentSpec spec = ExperimentSpec.parse("""
                {"study": "scaling", "nGrid": [1024, 4096], "seeds": 1, "width": 32, "steps": 1000,
                 "learners": ["network", "entk-init"]}""");
        List<UnitKey> plan = RunPlan.units(spec);
        TimeLeft t = TimeLeft.of(spec, List.of());
        t.accept(new ExperimentEvent.Progress(0, "start"), 0);
        UnitKey first = plan.get(0);
        t.accept(new ExperimentEvent.ScalingPointDone(new ResultRow(Learner.ENTK_INIT, first.n(), first.seed(),
                Double.NaN, 0.2, 0.04, Double.NaN, Double.NaN, 0, 0, false, Double.NaN, Double.NaN, Double.NaN, 30)), 30);
        t.accept(evaluated(first, 1000, 1000), 40);
        t.accept(new ExperimentEvent.UnitFinished(first, 40), 40);
        // Next: 1,000 steps at 0.01 s, and 30 s of kernel at 4× the n with exponent 2 (one size measured).
        assertEquals(10 + 30 * 16, t.secondsLeft(40), 1e-9);
        // 100 s into the next unit's eNTK: the kernel part falls by what has been spent, the steps do not.
        assertEquals(10 + 30 * 16 - 100, t.secondsLeft(140), 1e-9);
        // Its eNTK done after 480 s and 500 steps trained at the measured rate: 5 s of steps left, no kernel.
        UnitKey second = plan.get(1);
        t.accept(new ExperimentEvent.ScalingPointDone(new ResultRow(Learner.ENTK_INIT, second.n(), second.seed(),
                Double.NaN, 0.2, 0.04, Double.NaN, Double.NaN, 0, 0, false, Double.NaN, Double.NaN, Double.NaN, 480)), 520);
        t.accept(evaluated(second, 500, 1000), 525);
        assertEquals(5, t.secondsLeft(525), 1e-9);
    }

    @Test
    void aStoppingRuleScalesTheCapByTheShareTheFinishedNetworksUsed() {
        ExperimentSpec spec = ExperimentSpec.parse("""
                {"study": "scaling", "nGrid": [256, 512], "seeds": 1, "width": 64,
                 "trainUntil": {"trainError": 0.01, "maxSteps": 10000}}""");
        List<UnitKey> plan = RunPlan.units(spec);
        TimeLeft t = TimeLeft.of(spec, List.of());
        t.accept(new ExperimentEvent.Progress(0, "start"), 0);
        double now = unit(t, plan.get(0), 0, 2500, 10000, 0.002, 1);
        // The next: a quarter of its cap at 0.002 s a step, and kernels of twice the n at n² (one size measured).
        assertEquals(2500 * 0.002 + 4, t.secondsLeft(now), 1e-9);
    }

    @Test
    void otherWidthsScaleTheStepTimeByWidthSquared() {
        ExperimentSpec spec = ExperimentSpec.parse("""
                {"study": "width-sweep", "nGrid": [256], "seeds": 1, "widths": [64, 128], "steps": 100}""");
        List<UnitKey> plan = RunPlan.units(spec);
        TimeLeft t = TimeLeft.of(spec, List.of());
        t.accept(new ExperimentEvent.Progress(0, "start"), 0);
        double now = unit(t, plan.get(0), 0, 100, 100, 0.01, 2);
        assertEquals(plan.get(0).width() == 64 ? 100 * 0.04 + 2 : 100 * 0.0025 + 2, t.secondsLeft(now), 1e-9);
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
