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
import org.ntkexplorer.core.experiment.store.FitEntry;
import org.ntkexplorer.core.experiment.store.FitKey;
import org.ntkexplorer.core.experiment.store.Metric;
import org.ntkexplorer.core.experiment.store.ResultRow;
import org.ntkexplorer.core.experiment.store.RunFolder;

/** How networks are trained (docs/science.md, §Training protocol), as results.csv records it. */
class TrainingProtocolTest {
    @TempDir
    Path dir;

    private List<ResultRow> run(String json) throws Exception {
        ExperimentSpec spec = ExperimentSpec.parse(json);
        List<ExperimentEvent> events = ExperimentRunnerTest.run(spec, RunFolder.create(dir.resolve("r"), spec),
                TaskMonitor.NONE);
        ExperimentEvent last = events.get(events.size() - 1);
        assertTrue(last instanceof ExperimentEvent.Finished, last.toString());
        return RunFolder.open(dir.resolve("r")).results();
    }

    private static List<ResultRow> networks(List<ResultRow> rows) {
        return rows.stream().filter(r -> r.learner() == Learner.NETWORK).toList();
    }

    @Test
    void aStepBudgetGivesEverySizeTheSameNumberOfSteps() throws Exception {
        List<ResultRow> nets = networks(run("""
                {"study": "scaling", "classes": [0, 1], "nGrid": [64, 256], "nTest": 40, "seeds": 1, "depth": 1,
                 "width": 32, "steps": 50, "batchSize": 16, "learningRate": 0.05, "learners": ["network"]}"""));
        assertEquals(List.of(64, 256), nets.stream().map(ResultRow::n).toList());
        for (ResultRow r : nets) {
            assertEquals(50, r.steps(), r.toString());
            assertEquals(null, r.converged(), "a step budget has no stopping rule");
            assertTrue(r.trainError() >= 0 && r.trainError() <= 1, r.toString());
        }
        // 50 steps of 16 examples: 13 passes over 64 examples (the last partial), 4 over 256 (the last partial).
        assertEquals(13, nets.get(0).epochs());
        assertEquals(4, nets.get(1).epochs());
    }

    @Test
    void aStoppingRuleStopsEarlyOnAnEasyTask() throws Exception {
        // T-shirts against trousers: separable, so a small network reaches zero training error long before the cap.
        List<ResultRow> nets = networks(run("""
                {"study": "scaling", "classes": [0, 1], "nGrid": [32, 64], "nTest": 40, "seeds": 1, "depth": 1,
                 "width": 64, "trainUntil": {"trainError": 0, "maxSteps": 3000}, "batchSize": 16,
                 "learningRate": 0.05, "learners": ["network"]}"""));
        for (ResultRow r : nets) {
            assertEquals(Boolean.TRUE, r.converged(), r.toString());
            assertEquals(0, r.trainError(), 0, r.toString());
            assertTrue(r.steps() < 3000, "stopped at " + r.steps());
        }
    }

    @Test
    void aNetworkThatMissesItsRuleIsFlaggedInTheFits() throws Exception {
        run("""
                {"study": "scaling", "classes": [0, 1, 2, 3], "nGrid": [64, 128], "nTest": 40, "seeds": 1,
                 "depth": 1, "width": 16, "trainUntil": {"trainLoss": 1e-9, "maxSteps": 20}, "batchSize": 32,
                 "learningRate": 0.01, "learners": ["network", "nngp"]}""");
        RunFolder folder = RunFolder.open(dir.resolve("r"));
        for (ResultRow r : networks(folder.results())) {
            assertEquals(Boolean.FALSE, r.converged());
            assertEquals(20, r.steps());
        }
        FitEntry fit = folder.fits().get(new FitKey.OfLearner(Learner.NETWORK, Double.NaN,
                Metric.TEST_ERROR));
        assertEquals(List.of("n=64 seed=0", "n=128 seed=0"), fit.notConverged());
        assertTrue(folder.fits().get(new FitKey.OfLearner(Learner.NNGP, Double.NaN, Metric.TEST_ERROR))
                .notConverged().isEmpty());
    }

    @Test
    void aCrossEntropyNetworksTestMseIsOnProbabilities() throws Exception {
        List<ResultRow> nets = networks(run("""
                {"study": "scaling", "classes": [0, 1, 2], "nGrid": [30, 60], "nTest": 30, "seeds": 1, "depth": 1,
                 "width": 32, "steps": 40, "batchSize": 10, "learningRate": 0.5, "loss": "xent",
                 "learners": ["network"]}"""));
        for (ResultRow r : nets) {
            assertTrue(r.testMse() >= 0 && r.testMse() <= 2, "test MSE " + r.testMse());
            assertTrue(r.trainLoss() > 0 && Double.isFinite(r.trainLoss()), "cross-entropy " + r.trainLoss());
        }
    }

    @Test
    void infiniteKernelsRunInAStandardParameterisationStudy() throws Exception {
        List<ResultRow> rows = run("""
                {"study": "scaling", "classes": [0, 1], "nGrid": [20, 40], "nTest": 30, "seeds": 1, "depth": 2,
                 "width": 32, "parameterization": "standard", "steps": 20, "batchSize": 10, "learningRate": 0.001,
                 "learners": ["network", "infinite-ntk", "nngp"]}""");
        for (Learner l : List.of(Learner.INFINITE_NTK, Learner.NNGP)) {
            List<ResultRow> mine = rows.stream().filter(r -> r.learner() == l).toList();
            assertEquals(2, mine.size(), l.id());
            assertTrue(mine.stream().allMatch(r -> r.testError() >= 0 && r.testError() < 0.5), mine.toString());
        }
    }

    @Test
    void aCentredNetworkStartsFromTheZeroFunction() throws Exception {
        List<ResultRow> nets = networks(run("""
                {"study": "scaling", "classes": [0, 1], "nGrid": [20, 40], "nTest": 30, "seeds": 1, "depth": 1,
                 "width": 32, "steps": 1, "centered": true, "batchSize": 10, "learningRate": 1e-30,
                 "learners": ["network"]}"""));
        for (ResultRow r : nets) {
            // As good as untrained (one step at a vanishing rate: a budget of 0 epochs is refused), h = f − f₀ = 0: the MSE against the centred one-hot targets (±1/2) is exactly 1/4.
            assertEquals(0.25, r.testMse(), 1e-6, r.toString());
        }
    }
}
