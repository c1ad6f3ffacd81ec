package org.ntkexplorer.core.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntkexplorer.core.compute.TaskMonitor;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.store.Checkpoint;
import org.ntkexplorer.core.experiment.store.ResultRow;
import org.ntkexplorer.core.experiment.store.RunFolder;
import org.ntkexplorer.core.experiment.store.RunLock;

/** A run folder never loses or corrupts a finished result, whatever happened to the process or its files. */
public class RunFolderRecoveryTest {
    @TempDir
    Path dir;

    static final String SCALING = """
            {"study": "scaling", "classes": [0, 1], "nGrid": [20, 40], "nTest": 40, "seeds": 2, "depth": 1,
             "width": 32, "steps": 12, "batchSize": 10, "learningRate": 0.1, "probeSize": 12,
             "learners": ["network", "entk-init", "nngp"]}""";

    static final String DYNAMICS = """
            {"study": "dynamics", "classes": [0, 1], "nGrid": [40], "nTest": 20, "seeds": 2, "depth": 1,
             "width": 16, "epochs": 6, "batchSize": 10, "probeSize": 12, "snapshotEvery": 2}""";

    private Path whole(String json) throws Exception {
        ExperimentSpec spec = ExperimentSpec.parse(json);
        Path p = dir.resolve("whole");
        ExperimentRunnerTest.run(spec, RunFolder.create(p, spec), TaskMonitor.NONE);
        return p;
    }

    private static void resume(Path p) throws Exception {
        RunFolder f = RunFolder.resume(p);
        List<ExperimentEvent> events = ExperimentRunnerTest.run(f.spec(), f, TaskMonitor.NONE);
        assertTrue(events.get(events.size() - 1) instanceof ExperimentEvent.Finished, events.get(events.size() - 1)
                .toString());
    }

    /** Every file a run compares by: rows sorted, results without their timing column, units without theirs. */
    public static void assertSameRun(Path expected, Path actual) throws Exception {
        for (String file : List.of("results.csv", "dynamics.csv", "spectra.csv", "width.csv", "training.csv",
                "units.csv", "fits.json")) {
            assertEquals(comparable(expected.resolve(file)), comparable(actual.resolve(file)), file);
        }
    }

    private static List<String> comparable(Path file) throws Exception {
        if (!Files.exists(file)) {
            return List.of();
        }
        String name = file.getFileName().toString();
        Stream<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream();
        if (name.equals("results.csv") || name.equals("units.csv")) {
            lines = lines.map(l -> l.substring(0, l.lastIndexOf(',')));
        }
        return name.equals("fits.json") ? lines.collect(Collectors.toList()) : lines.sorted().collect(Collectors.toList());
    }

    private static Path copy(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else if (!p.getFileName().toString().equals(RunLock.FILE)) {
                    Files.copy(p, t);
                }
            }
        }
        return to;
    }

    @Test
    void aRowCutShortIsNeverReadAndItsUnitIsComputedAgain() throws Exception {
        Path whole = whole(SCALING);
        Path cut = copy(whole, dir.resolve("cut"));
        String text = Files.readString(cut.resolve("results.csv"));
        // A crash in the middle of the last row: no line end, half its cells.
        Files.writeString(cut.resolve("results.csv"), text.substring(0, text.length() - 12));
        List<ResultRow> read = RunFolder.open(cut).results();
        assertEquals(text.split("\n").length - 2, read.size(), "the cut row is not data");
        resume(cut);
        assertSameRun(whole, cut);
        assertTrue(Files.readString(cut.resolve("run.log")).contains("cut short"));
    }

    @Test
    void anEmptiedFileGetsItsHeaderAndEveryRowBack() throws Exception {
        Path whole = whole(SCALING);
        Path emptied = copy(whole, dir.resolve("emptied"));
        Files.writeString(emptied.resolve("results.csv"), "");
        resume(emptied);
        assertSameRun(whole, emptied);
    }

    @Test
    void fitsComeFromEveryRowAfterAResume() throws Exception {
        Path whole = whole(SCALING);
        Path killed = copy(whole, dir.resolve("killed"));
        // As if killed in the last unit: its rows and mark partly missing, fits.json from an earlier moment.
        Files.delete(killed.resolve("fits.json"));
        List<String> units = Files.readAllLines(killed.resolve("units.csv"));
        Files.write(killed.resolve("units.csv"), units.subList(0, units.size() - 1));
        List<String> results = Files.readAllLines(killed.resolve("results.csv"));
        Files.write(killed.resolve("results.csv"), results.subList(0, results.size() - 1));
        resume(killed);
        assertSameRun(whole, killed);
        String fits = Files.readString(killed.resolve("fits.json"));
        for (String learner : List.of("network", "entk-init", "nngp")) {
            assertTrue(fits.contains("\"" + learner + "/test_error\""), fits);
        }
    }

    @Test
    void aSecondWriterIsRefusedWhileTheFirstHoldsTheFolder() throws Exception {
        Path whole = whole(SCALING);
        try (RunFolder first = RunFolder.resume(whole)) {
            Exception e = assertThrows(java.io.IOException.class, () -> RunFolder.resume(whole));
            assertTrue(e.getMessage().contains("is being written by"), e.getMessage());
            assertTrue(first.writable());
        }
        RunFolder.resume(whole).close();
    }

    @Test
    void aChangedSpecIsRefusedWithTheKeysThatDiffer() throws Exception {
        Path whole = whole(SCALING);
        Path spec = whole.resolve("spec.json");
        Files.writeString(spec, Files.readString(spec).replace("\"steps\" : 12", "\"steps\" : 5"));
        Exception e = assertThrows(IllegalStateException.class, () -> RunFolder.resume(whole));
        assertTrue(e.getMessage().contains("steps was 12, now 5"), e.getMessage());
    }

    /** Cancels the run at the first event {@code when} accepts, then resumes it. */
    private Path cancelledAndResumed(String json, Predicate<ExperimentEvent> when) throws Exception {
        ExperimentSpec spec = ExperimentSpec.parse(json);
        Path part = dir.resolve("part");
        AtomicBoolean cancel = new AtomicBoolean();
        try (RunFolder f = RunFolder.create(part, spec)) {
            new ExperimentRunner(spec, f, e -> {
                if (when.test(e)) {
                    cancel.set(true);
                }
            }, new TaskMonitor() {
                @Override
                public boolean isCancelled() {
                    return cancel.get();
                }
            }).run();
        }
        assertTrue(cancel.get(), "the run was cancelled");
        try (Stream<Path> s = Files.list(part.resolve(Checkpoint.DIR))) {
            assertEquals(1, s.count(), "the network cut off in training left its checkpoint");
        }
        resume(part);
        try (Stream<Path> s = Files.list(part.resolve(Checkpoint.DIR))) {
            assertFalse(s.findAny().isPresent(), "checkpoints of finished units are deleted");
        }
        return part;
    }

    @Test
    @Tag("slow") // a whole run cancelled and resumed: 12-18 s
    void aScalingRunCancelledMidTrainingContinuesToTheSameRows() throws Exception {
        Path whole = whole(SCALING.replace("\"steps\": 12", "\"steps\": 40"));
        Path part = cancelledAndResumed(SCALING.replace("\"steps\": 12", "\"steps\": 40"),
                e -> e instanceof ExperimentEvent.EpochDone d && d.n() == 40 && d.seed() == 1 && d.step() >= 16);
        assertSameRun(whole, part);
    }

    @Test
    void aDynamicsRunCancelledMidTrainingContinuesToTheSameRows() throws Exception {
        Path whole = whole(DYNAMICS);
        Path part = cancelledAndResumed(DYNAMICS,
                e -> e instanceof ExperimentEvent.EpochDone d && d.seed() == 0 && d.epoch() == 3);
        assertSameRun(whole, part);
    }

    /** Units.csv without the lines whose unit starts with {@code prefix} ("n,width,seed,"), as after a crash. */
    private static void unmark(Path run, String prefix) throws Exception {
        Path units = run.resolve("units.csv");
        List<String> lines = Files.readAllLines(units, StandardCharsets.UTF_8);
        List<String> kept = lines.stream().filter(l -> !l.startsWith(prefix)).collect(Collectors.toList());
        assertEquals(lines.size() - 1, kept.size(), "one unit unmarked");
        Files.write(units, kept, StandardCharsets.UTF_8);
    }

    @Test
    @Tag("slow") // a whole run cancelled and resumed: 12-18 s
    void aNetworkThatFinishedAfterItsLastCheckpointKeepsEveryRowWhenItsUnitWasNotMarked() throws Exception {
        String json = SCALING.replace("\"steps\": 12", "\"steps\": 40");
        Path whole = whole(json);
        // A checkpoint from part-way through the last unit's training, then the run finished: the process died
        // after the network's results row and before the unit's mark, leaving that checkpoint behind.
        Path part = cancelledAndResumed(json,
                e -> e instanceof ExperimentEvent.EpochDone d && d.n() == 40 && d.seed() == 1 && d.step() >= 16);
        ExperimentSpec spec = ExperimentSpec.parse(json);
        Path stale = dir.resolve("stale");
        AtomicBoolean cancel = new AtomicBoolean();
        try (RunFolder f = RunFolder.create(stale, spec)) {
            new ExperimentRunner(spec, f, e -> cancel.compareAndSet(false, e instanceof ExperimentEvent.EpochDone d
                    && d.n() == 40 && d.seed() == 1 && d.step() >= 16), new TaskMonitor() {
                @Override
                public boolean isCancelled() {
                    return cancel.get();
                }
            }).run();
        }
        Path checkpoints = part.resolve(Checkpoint.DIR);
        Files.createDirectories(checkpoints);
        try (Stream<Path> s = Files.list(stale.resolve(Checkpoint.DIR))) {
            for (Path cp : s.collect(Collectors.toList())) {
                Files.copy(cp, checkpoints.resolve(cp.getFileName()));
            }
        }
        unmark(part, "40,32,1,");
        resume(part);
        assertSameRun(whole, part);
    }

    @Test
    void aWidthSweepUnitWhoseRowWasWrittenButNotMarkedIsNotTrainedTwice() throws Exception {
        String json = """
                {"study": "width-sweep", "classes": [0, 1], "nGrid": [40], "nTest": 20, "seeds": 1, "depth": 1,
                 "parameterization": "ntk", "widths": [16, 32], "steps": 8, "batchSize": 10, "probeSize": 12}""";
        Path whole = whole(json);
        Path part = dir.resolve("part");
        try (Stream<Path> s = Files.walk(whole)) {
            for (Path f : s.collect(Collectors.toList())) {
                Files.copy(f, part.resolve(whole.relativize(f).toString()));
            }
        }
        Files.deleteIfExists(part.resolve(".lock"));
        unmark(part, "40,32,0,");
        resume(part);
        assertSameRun(whole, part);
    }
}
