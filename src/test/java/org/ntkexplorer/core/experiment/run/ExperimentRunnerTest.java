package org.ntkexplorer.core.experiment.run;

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
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.store.DynamicsRow;
import org.ntkexplorer.core.experiment.store.KernelPicture;
import org.ntkexplorer.core.experiment.store.RunFolder;
import org.ntkexplorer.core.experiment.store.WidthMeasure;

public class ExperimentRunnerTest {
    @TempDir
    Path dir;

    static final String SCALING = """
            {"study": "scaling", "classes": [0, 1], "nGrid": [20, 40], "nTest": 60, "seeds": 2, "depth": 1,
             "width": 32, "epochs": 2, "batchSize": 10, "learningRate": 0.1,
             "learners": ["network", "entk-init", "infinite-ntk", "nngp"]}""";

    /** Runs into the folder and releases it, as the command line and the window do. */
    public static List<ExperimentEvent> run(ExperimentSpec spec, RunFolder folder, TaskMonitor monitor) throws Exception {
        List<ExperimentEvent> events = new ArrayList<>();
        try (folder) {
            new ExperimentRunner(spec, folder, events::add, monitor).run();
        }
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
        try (folder) {
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
        }
        ExperimentEvent last = events.get(events.size() - 1);
        assertTrue(last instanceof ExperimentEvent.Failed f && f.cancelled(), last.toString());
        assertTrue((endedAt[0] - cancelledAt[0]) / 1e9 < 5, "stopped " + (endedAt[0] - cancelledAt[0]) / 1e9 + " s after");
        assertEquals(1 + 5, Files.readAllLines(dir.resolve("part/results.csv")).size());

        RunFolder reopened = RunFolder.resume(dir.resolve("part"));
        List<ExperimentEvent> resumed = run(reopened.spec(), reopened, TaskMonitor.NONE);
        assertTrue(resumed.get(resumed.size() - 1) instanceof ExperimentEvent.Finished);
        assertEquals(11, resumed.stream().filter(e -> e instanceof ExperimentEvent.ScalingPointDone).count());
        assertEquals(results(dir.resolve("whole")), results(dir.resolve("part")));
        // The unit cut short had written its kernel-at-init snapshot; resume drops it and takes it again once.
        assertEquals(sortedLines(dir.resolve("whole/dynamics.csv")), sortedLines(dir.resolve("part/dynamics.csv")));
        assertEquals(sortedLines(dir.resolve("whole/spectra.csv")), sortedLines(dir.resolve("part/spectra.csv")));
    }

    private static List<String> sortedLines(Path file) throws Exception {
        return Files.readAllLines(file).stream().sorted().collect(Collectors.toList());
    }

    @Test
    void scalingStudySnapshotsEachNetworksProbeKernelBeforeAndAfterTraining() throws Exception {
        ExperimentSpec spec = ExperimentSpec.parse(SCALING);
        List<ExperimentEvent> events = run(spec, RunFolder.create(dir.resolve("s"), spec), TaskMonitor.NONE);
        List<ExperimentEvent.KernelSnapshot> snaps = events.stream()
                .filter(e -> e instanceof ExperimentEvent.KernelSnapshot).map(e -> (ExperimentEvent.KernelSnapshot) e)
                .toList();
        // 2 sizes × 2 seeds, each at epoch 0 and at the last epoch, all on the probe set (at most n examples).
        assertEquals(8, snaps.size());
        assertEquals(List.of(20, 20, 40, 40), snaps.subList(0, 4).stream().map(ExperimentEvent.KernelSnapshot::n).toList());
        assertEquals(List.of(0, 2, 0, 2), snaps.subList(0, 4).stream().map(ExperimentEvent.KernelSnapshot::epoch).toList());
        assertEquals(20, snaps.get(0).eigenvalues().length);
        assertTrue(snaps.get(1).distanceToInit() > 0, "training moved the kernel");
        assertTrue(events.stream().anyMatch(e -> e instanceof ExperimentEvent.ReferenceSpectrum r
                && r.eigenvalues().length == 20), "the infinite NTK's spectrum on the same probe set");
        assertEquals(1 + 8, Files.readAllLines(dir.resolve("s/dynamics.csv")).size());
        assertTrue(Files.readAllLines(dir.resolve("s/dynamics.csv")).get(1).startsWith("0,20,0,"));
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
        // Four eNTK spectra and the infinite NTK's, 24 eigenvalues each.
        List<String> spectra = Files.readAllLines(dir.resolve("d/spectra.csv"));
        assertEquals("seed,n,epoch,step,kernel,index,eigenvalue", spectra.get(0));
        assertEquals(1 + 5 * 24, spectra.size());
        assertEquals(24, spectra.stream().filter(l -> l.startsWith("0,60,,0,infinite-ntk,")).count());
        // 60 examples in batches of 20: three steps an epoch, so epoch 3 ends at step 9.
        assertEquals(24, spectra.stream().filter(l -> l.startsWith("0,60,3,9,entk,")).count());
        for (int epoch = 0; epoch <= 3; epoch++) {
            Path k = dir.resolve("d/kernels/seed0-n60-epoch00" + epoch + ".npy");
            double[] saved = org.ntkexplorer.core.io.Npy.read(k).toDoubles();
            assertEquals(24 * 24, saved.length, k.toString());
        }
        assertTrue(Files.exists(dir.resolve("d/kernels/seed0-n60-labels.npy")));
    }

    @Test
    void aReopenedDynamicsRunReplaysSpectraAndKernelPictures() throws Exception {
        ExperimentSpec spec = ExperimentSpec.parse("""
                {"study": "dynamics", "classes": [0, 1, 2], "nGrid": [60], "nTest": 30, "seeds": 1, "depth": 2,
                 "width": 32, "epochs": 2, "batchSize": 20, "probeSize": 24}""");
        List<ExperimentEvent> live = run(spec, RunFolder.create(dir.resolve("r"), spec), TaskMonitor.NONE);
        List<ExperimentEvent> replayed = RunReplay.of(RunFolder.open(dir.resolve("r")));
        List<ExperimentEvent.KernelSnapshot> a = snapshots(live);
        List<ExperimentEvent.KernelSnapshot> b = snapshots(replayed);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            ExperimentEvent.KernelSnapshot x = a.get(i);
            ExperimentEvent.KernelSnapshot y = b.get(i);
            assertEquals(List.of(x.seed(), (long) x.n(), (long) x.epoch()), List.of(y.seed(), (long) y.n(), (long) y.epoch()));
            assertEquals(x.eigenvalues().length, y.eigenvalues().length);
            for (int j = 0; j < x.eigenvalues().length; j++) {
                assertEquals(x.eigenvalues()[j], y.eigenvalues()[j], 1e-5 * x.eigenvalues()[0]);
            }
            // Saved with six significant digits.
            double[] live6 = {x.effectiveRank(), x.spectrumSlope(), x.distanceToInit(), x.velocity(), x.ckaToPrevious(),
                    x.targetAlignment(), x.regressionTestError()};
            double[] back = {y.effectiveRank(), y.spectrumSlope(), y.distanceToInit(), y.velocity(), y.ckaToPrevious(),
                    y.targetAlignment(), y.regressionTestError()};
            for (int j = 0; j < live6.length; j++) {
                if (Double.isNaN(live6[j])) {
                    assertTrue(Double.isNaN(back[j]), "metric " + j + " at epoch " + x.epoch());
                } else {
                    assertEquals(live6[j], back[j], 1e-5 * Math.abs(live6[j]) + 1e-12, "metric " + j + " at epoch " + x.epoch());
                }
            }
        }
        // The heatmap shows the latest kernel, so only that one is read back.
        KernelPicture pa = a.get(a.size() - 1).kernel();
        KernelPicture pb = b.get(b.size() - 1).kernel();
        assertEquals(pa.size(), pb.size());
        assertTrue(java.util.Arrays.equals(pa.labels(), pb.labels()));
        for (int j = 0; j < pa.values().length; j++) {
            assertEquals(pa.values()[j], pb.values()[j], 1e-6 * Math.abs(pa.values()[0]));
        }
        assertTrue(b.subList(0, b.size() - 1).stream().allMatch(k -> k.kernel() == null));
        List<ExperimentEvent.EpochDone> epochs = replayed.stream().filter(e -> e instanceof ExperimentEvent.EpochDone)
                .map(e -> (ExperimentEvent.EpochDone) e).toList();
        assertEquals(List.of(1, 2), epochs.stream().map(ExperimentEvent.EpochDone::epoch).toList(),
                "training figures for each trained epoch");
        List<ExperimentEvent.EpochDone> liveEpochs = live.stream().filter(e -> e instanceof ExperimentEvent.EpochDone)
                .map(e -> (ExperimentEvent.EpochDone) e).toList();
        assertEquals(liveEpochs.get(1).trainLoss(), epochs.get(1).trainLoss(), 1e-5 * liveEpochs.get(1).trainLoss());
        assertEquals(liveEpochs.get(1).testError(), epochs.get(1).testError(), 1e-6);
        assertTrue(replayed.stream().anyMatch(e -> e instanceof ExperimentEvent.ReferenceSpectrum));
    }

    @Test
    void aCancelledDynamicsRunResumesToTheSameFiles() throws Exception {
        ExperimentSpec spec = ExperimentSpec.parse("""
                {"study": "dynamics", "classes": [0, 1], "nGrid": [40], "nTest": 20, "seeds": 2, "depth": 1,
                 "width": 16, "epochs": 3, "batchSize": 20, "probeSize": 12}""");
        run(spec, RunFolder.create(dir.resolve("whole"), spec), TaskMonitor.NONE);
        AtomicBoolean cancel = new AtomicBoolean();
        RunFolder part = RunFolder.create(dir.resolve("part"), spec);
        try (part) {
        new ExperimentRunner(spec, part, e -> {
            if (e instanceof ExperimentEvent.KernelSnapshot s && s.seed() == 1 && s.epoch() == 1) {
                cancel.set(true);
            }
        }, new TaskMonitor() {
            @Override
            public boolean isCancelled() {
                return cancel.get();
            }
        }).run();
        }
        assertTrue(Files.readString(dir.resolve("part/dynamics.csv")).contains("\n1,40,1,"), "seed 1 had begun");
        run(spec, RunFolder.resume(dir.resolve("part")), TaskMonitor.NONE);
        for (String file : new String[] {"dynamics.csv", "spectra.csv"}) {
            assertEquals(sortedLines(dir.resolve("whole").resolve(file)), sortedLines(dir.resolve("part").resolve(file)),
                    file);
        }
    }

    @Test
    void aRunFromBeforeTheNColumnIsUpgradedWhenOpened() throws Exception {
        ExperimentSpec spec = ExperimentSpec.parse("""
                {"study": "dynamics", "classes": [0, 1], "nGrid": [40], "nTest": 20, "seeds": 1, "epochs": 1}""");
        Path old = dir.resolve("old");
        RunFolder.create(old, spec).close();
        Files.writeString(old.resolve("dynamics.csv"), """
                seed,epoch,train_loss,test_error,distance_to_init,velocity,cka_previous,kernel_target_alignment,effective_rank,spectrum_slope,regression_test_error
                0,0,,0.5,0,,,0.3,4.5,1.2,
                0,1,0.08,0.25,0.04,0.04,0.99,0.35,4.1,1.3,
                """);
        List<ExperimentEvent.KernelSnapshot> s = snapshots(RunReplay.of(RunFolder.open(old)));
        assertEquals(2, s.size());
        assertEquals(40, s.get(1).n());
        assertEquals(1, s.get(1).epoch());
        assertEquals(0.04, s.get(1).velocity(), 0);
        assertEquals(String.join(",", DynamicsRow.SCHEMA.columns()), Files.readAllLines(old.resolve("dynamics.csv")).get(0));
    }

    @Test
    void kernelsAreNotSavedWhenTheSpecSaysNot() throws Exception {
        ExperimentSpec spec = ExperimentSpec.parse("""
                {"study": "dynamics", "classes": [0, 1], "nGrid": [40], "nTest": 20, "seeds": 1, "depth": 1,
                 "width": 16, "epochs": 1, "batchSize": 20, "probeSize": 10, "saveKernels": false}""");
        run(spec, RunFolder.create(dir.resolve("n"), spec), TaskMonitor.NONE);
        assertFalse(Files.exists(dir.resolve("n/kernels")));
        List<ExperimentEvent.KernelSnapshot> replayed = snapshots(RunReplay.of(RunFolder.open(dir.resolve("n"))));
        assertEquals(2, replayed.size());
        assertTrue(replayed.get(1).kernel() == null && replayed.get(1).eigenvalues().length == 10);
    }

    private static List<ExperimentEvent.KernelSnapshot> snapshots(List<ExperimentEvent> events) {
        return events.stream().filter(e -> e instanceof ExperimentEvent.KernelSnapshot)
                .map(e -> (ExperimentEvent.KernelSnapshot) e).toList();
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
        ExperimentEvent.WidthFitUpdated fit = events.stream().filter(e -> e instanceof ExperimentEvent.WidthFitUpdated f
                && f.measure() == WidthMeasure.DISTANCE_TO_INFINITE).map(e -> (ExperimentEvent.WidthFitUpdated) e)
                .reduce((a, b) -> b).orElseThrow();
        double expected = Math.log(w.get(0).distanceToInfinite() / w.get(1).distanceToInfinite()) / Math.log(1024.0 / 16);
        // Fits are made from width.csv as written, six significant digits.
        assertEquals(expected, fit.fit().alpha(), 1e-5 * expected, "two widths, one seed: the slope through both points");
        assertTrue(Files.readString(dir.resolve("w/fits.json")).contains("\"width-sweep/distance_to_infinite\""));
        assertTrue(RunReplay.of(RunFolder.open(dir.resolve("w"))).stream().anyMatch(e -> e instanceof ExperimentEvent.WidthFitUpdated f
                && Math.abs(f.fit().alpha() - fit.fit().alpha()) < 1e-12));
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

    @Test
    void aDynamicsRunThatDivergesSaysSoBeforeAnyKernelIsDecomposed() throws Exception {
        ExperimentSpec spec = ExperimentSpec.parse("""
                {"study": "dynamics", "classes": [0, 1], "nGrid": [40], "nTest": 20, "seeds": 1, "depth": 1,
                 "width": 16, "epochs": 3, "batchSize": 20, "probeSize": 12, "learningRate": 1e6}""");
        List<ExperimentEvent> events = run(spec, RunFolder.create(dir.resolve("dd"), spec), TaskMonitor.NONE);
        ExperimentEvent last = events.get(events.size() - 1);
        assertTrue(last instanceof ExperimentEvent.Failed f && f.reason().contains("diverged")
                && !f.reason().contains("eigen"), last.toString());
    }
}
