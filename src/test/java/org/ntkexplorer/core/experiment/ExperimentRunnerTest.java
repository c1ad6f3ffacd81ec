package org.ntkexplorer.core.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntkexplorer.core.compute.TaskMonitor;

class ExperimentRunnerTest {
    @TempDir
    Path dir;

    static final String SCALING = """
            {"study": "scaling", "classes": [0, 1], "nGrid": [20, 40], "nTest": 60, "seeds": 2, "depth": 1,
             "width": 32, "epochs": 2, "batchSize": 10, "learningRate": 0.1,
             "learners": ["network", "entk-init", "infinite-ntk", "nngp"]}""";

    private static List<ExperimentEvent> run(ExperimentSpec spec, RunFolder folder, TaskMonitor monitor) {
        List<ExperimentEvent> events = new ArrayList<>();
        new ExperimentRunner(spec, folder, events::add, monitor).run();
        return events;
    }

    /** results.csv without its timing column, for comparisons. */
    private static List<String> results(Path runDir) throws Exception {
        return Files.readAllLines(runDir.resolve("results.csv")).stream()
                .map(l -> l.substring(0, l.lastIndexOf(','))).sorted().collect(Collectors.toList());
    }

    @Test
    void scalingStudyWritesEveryFileAndFitsEveryLearner() throws Exception {
        ExperimentSpec spec = ExperimentSpec.parse(SCALING);
        List<ExperimentEvent> events = run(spec, RunFolder.create(dir.resolve("a"), spec), TaskMonitor.NONE);
        assertTrue(events.get(events.size() - 1) instanceof ExperimentEvent.Finished, events.get(events.size() - 1).toString());
        assertEquals(1 + 4 * 2 * 2, Files.readAllLines(dir.resolve("a/results.csv")).size());
        String fits = Files.readString(dir.resolve("a/fits.json"));
        for (String learner : new String[] {"network", "entk-init", "infinite-ntk", "nngp"}) {
            assertTrue(fits.contains("\"" + learner + "/test_mse\""), fits);
        }
        assertTrue(events.stream().anyMatch(e -> e instanceof ExperimentEvent.EpochDone));
        assertTrue(events.stream().anyMatch(e -> e instanceof ExperimentEvent.FitUpdated));
        assertTrue(Files.readString(dir.resolve("a/run.log")).contains("finished"));
        assertEquals(spec.toJson(), ExperimentSpec.read(dir.resolve("a/spec.json")).toJson());
    }

    @Test
    void sameSpecSameNumbers() throws Exception {
        ExperimentSpec spec = ExperimentSpec.parse(SCALING);
        run(spec, RunFolder.create(dir.resolve("a"), spec), TaskMonitor.NONE);
        run(spec, RunFolder.create(dir.resolve("b"), spec), TaskMonitor.NONE);
        assertEquals(results(dir.resolve("a")), results(dir.resolve("b")));
    }

    @Test
    void cancelledRunKeepsItsRowsAndResumeCompletesItExactly() throws Exception {
        ExperimentSpec spec = ExperimentSpec.parse(SCALING);
        run(spec, RunFolder.create(dir.resolve("whole"), spec), TaskMonitor.NONE);

        AtomicBoolean cancel = new AtomicBoolean();
        AtomicInteger points = new AtomicInteger();
        long[] cancelledAt = new long[1];
        TaskMonitor monitor = new TaskMonitor() {
            @Override
            public boolean isCancelled() {
                return cancel.get();
            }
        };
        RunFolder folder = RunFolder.create(dir.resolve("part"), spec);
        List<ExperimentEvent> events = new ArrayList<>();
        long[] endedAt = new long[1];
        new ExperimentRunner(spec, folder, e -> {
            events.add(e);
            if (e instanceof ExperimentEvent.ScalingPointDone && points.incrementAndGet() == 5) {
                cancel.set(true);
                cancelledAt[0] = System.nanoTime();
            }
            if (e instanceof ExperimentEvent.Failed) {
                endedAt[0] = System.nanoTime();
            }
        }, monitor).run();
        ExperimentEvent last = events.get(events.size() - 1);
        assertTrue(last instanceof ExperimentEvent.Failed f && f.cancelled(), last.toString());
        assertTrue((endedAt[0] - cancelledAt[0]) / 1e9 < 5, "stopped " + (endedAt[0] - cancelledAt[0]) / 1e9 + " s after");
        assertEquals(1 + 5, Files.readAllLines(dir.resolve("part/results.csv")).size());

        RunFolder reopened = RunFolder.open(dir.resolve("part"));
        List<ExperimentEvent> resumed = run(reopened.spec(), reopened, TaskMonitor.NONE);
        assertTrue(resumed.get(resumed.size() - 1) instanceof ExperimentEvent.Finished);
        assertEquals(11, resumed.stream().filter(e -> e instanceof ExperimentEvent.ScalingPointDone).count());
        assertEquals(results(dir.resolve("whole")), results(dir.resolve("part")));
    }

    @Test
    void dynamicsRecordsTheKernelAtEverySnapshot() throws Exception {
        ExperimentSpec spec = ExperimentSpec.parse("""
                {"study": "dynamics", "classes": [0, 1, 2], "nGrid": [60], "nTest": 30, "seeds": 1, "depth": 2,
                 "width": 32, "epochs": 3, "batchSize": 20, "probeSize": 24, "snapshotRegression": true}""");
        List<ExperimentEvent> events = run(spec, RunFolder.create(dir.resolve("d"), spec), TaskMonitor.NONE);
        List<ExperimentEvent.KernelSnapshot> snaps = events.stream()
                .filter(e -> e instanceof ExperimentEvent.KernelSnapshot).map(e -> (ExperimentEvent.KernelSnapshot) e)
                .toList();
        assertEquals(4, snaps.size());
        assertEquals(0, snaps.get(0).distanceToInit(), 1e-12);
        assertTrue(snaps.get(3).distanceToInit() > 0, "the kernel moved");
        assertTrue(snaps.get(1).velocity() > 0 && snaps.get(1).ckaToPrevious() <= 1 + 1e-9);
        assertEquals(24, snaps.get(0).eigenvalues().length);
        assertFalse(Double.isNaN(snaps.get(2).regressionTestError()));
        assertEquals(5, Files.readAllLines(dir.resolve("d/dynamics.csv")).size());
    }

    @Test
    void widthSweepApproachesTheInfiniteKernelAsWidthGrows() throws Exception {
        ExperimentSpec spec = ExperimentSpec.parse("""
                {"study": "width-sweep", "classes": [0, 1], "nGrid": [40], "nTest": 20, "seeds": 1, "depth": 1,
                 "widths": [16, 1024], "epochs": 1, "batchSize": 20, "probeSize": 20}""");
        List<ExperimentEvent> events = run(spec, RunFolder.create(dir.resolve("w"), spec), TaskMonitor.NONE);
        List<ExperimentEvent.WidthPointDone> w = events.stream().filter(e -> e instanceof ExperimentEvent.WidthPointDone)
                .map(e -> (ExperimentEvent.WidthPointDone) e).toList();
        assertEquals(2, w.size());
        assertTrue(w.get(1).distanceToInfinite() < w.get(0).distanceToInfinite(), w.toString());
        assertEquals(3, Files.readAllLines(dir.resolve("w/width.csv")).size());
    }

    @Test
    void divergenceIsReportedAsAFailureWithAReason() throws Exception {
        ExperimentSpec spec = ExperimentSpec.parse("""
                {"study": "scaling", "classes": [0, 1], "nGrid": [20, 40], "nTest": 20, "seeds": 1, "depth": 1,
                 "width": 32, "epochs": 3, "batchSize": 10, "learningRate": 1e6, "learners": ["network"]}""");
        List<ExperimentEvent> events = run(spec, RunFolder.create(dir.resolve("x"), spec), TaskMonitor.NONE);
        ExperimentEvent last = events.get(events.size() - 1);
        assertTrue(last instanceof ExperimentEvent.Failed f && !f.cancelled() && f.reason().contains("diverged"),
                last.toString());
    }
}
