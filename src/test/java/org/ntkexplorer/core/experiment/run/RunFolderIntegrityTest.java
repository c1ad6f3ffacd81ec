package org.ntkexplorer.core.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntkexplorer.core.compute.TaskMonitor;
import org.ntkexplorer.core.io.NpyArray;
import org.ntkexplorer.core.io.Npz;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.store.Checkpoint;
import org.ntkexplorer.core.experiment.store.RunFolder;
import org.ntkexplorer.core.experiment.store.RunManifest;

/**
 * A run folder whose files were doubled, unsealed, tampered with or half-merged never gives a wrong number: the
 * fault is refused or reported, and what cannot be trusted is computed again.
 */
class RunFolderIntegrityTest {
    @TempDir
    Path dir;

    /** Steps 40, cut off part-way through the last network (seed 1, n 40) so that it leaves a checkpoint. */
    private static final String SCALING = RunFolderRecoveryTest.SCALING.replace("\"steps\": 12", "\"steps\": 40")
            .replace("\"learners\": [\"network\", \"entk-init\", \"nngp\"]", "\"learners\": [\"network\", \"nngp\"]");

    @TempDir
    static Path shared;
    /** The uninterrupted run every damaged one must end up equal to. */
    private static Path whole;

    @BeforeAll
    static void runWhole() throws Exception {
        ExperimentSpec spec = ExperimentSpec.parse(SCALING);
        whole = shared.resolve("whole");
        ExperimentRunnerTest.run(spec, RunFolder.create(whole, spec), TaskMonitor.NONE);
    }

    private Path whole(String json, String name) throws Exception {
        ExperimentSpec spec = ExperimentSpec.parse(json);
        Path p = dir.resolve(name);
        ExperimentRunnerTest.run(spec, RunFolder.create(p, spec), TaskMonitor.NONE);
        return p;
    }

    /** The run of {@link #SCALING}, cancelled in the last unit's training after a checkpoint at step 16. */
    private Path cancelled(String name) throws Exception {
        return cancelled(name, 40);
    }

    /** The same, cancelled in the training of the unit of size n and seed 1. */
    private Path cancelled(String name, int n) throws Exception {
        ExperimentSpec spec = ExperimentSpec.parse(SCALING);
        Path part = dir.resolve(name);
        AtomicBoolean cancel = new AtomicBoolean();
        try (RunFolder f = RunFolder.create(part, spec)) {
            new ExperimentRunner(spec, f, e -> cancel.compareAndSet(false, e instanceof ExperimentEvent.EpochDone d
                    && d.n() == n && d.seed() == 1 && d.step() >= 16), new TaskMonitor() {
                        @Override
                        public boolean isCancelled() {
                            return cancel.get();
                        }
                    }).run();
        }
        assertTrue(cancel.get());
        return part;
    }

    private static void resume(Path p) throws Exception {
        RunFolder f = RunFolder.resume(p);
        List<ExperimentEvent> events = ExperimentRunnerTest.run(f.spec(), f, TaskMonitor.NONE);
        assertTrue(events.get(events.size() - 1) instanceof ExperimentEvent.Finished,
                events.get(events.size() - 1).toString());
    }

    private static Path onlyCheckpoint(Path run) throws IOException {
        try (Stream<Path> s = Files.list(run.resolve(Checkpoint.DIR))) {
            List<Path> all = s.filter(p -> p.toString().endsWith(".npz")).toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }

    @Test
    void aDoubledResultRowIsReportedAndCountedOnce() throws Exception {
        Path doubled = whole(SCALING, "doubled");
        List<String> lines = Files.readAllLines(doubled.resolve("results.csv"));
        // sed -n 5p results.csv >> results.csv
        Files.writeString(doubled.resolve("results.csv"), lines.get(4) + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        assertEquals(lines.size() - 1, RunFolder.open(doubled).results().size(), "the repeat is not read as data");
        resume(doubled);
        RunFolderRecoveryTest.assertSameRun(whole, doubled);
        assertEquals(lines.size(), Files.readAllLines(doubled.resolve("results.csv")).size(), "the repeat is dropped");
        assertTrue(Files.readString(doubled.resolve("run.log")).contains("repeats a row"),
                Files.readString(doubled.resolve("run.log")));
    }

    @Test
    void aFolderWithRowsButWithoutItsSealIsRefusedAndNotResealed() throws Exception {
        Path part = cancelled("part");
        Files.delete(part.resolve(RunManifest.FILE));
        Path spec = part.resolve("spec.json");
        Files.writeString(spec, Files.readString(spec).replace("\"learningRate\" : 0.1", "\"learningRate\" : 0.05"));
        IOException e = assertThrows(IOException.class, () -> RunFolder.resume(part));
        assertTrue(e.getMessage().contains("run.json is missing"), e.getMessage());
        assertFalse(Files.exists(part.resolve(RunManifest.FILE)), "the folder is not resealed");
    }

    @Test
    void anEditedSpecIsRefusedNamingOnlyWhatChanged() throws Exception {
        Path part = cancelled("part");
        Path spec = part.resolve("spec.json");
        Files.writeString(spec, Files.readString(spec).replace("\"learningRate\" : 0.1", "\"learningRate\" : 0.05"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RunFolder.resume(part));
        assertTrue(e.getMessage().contains("learningRate was 0.1, now 0.05"), e.getMessage());
        assertFalse(e.getMessage().contains("steps was"), e.getMessage());
    }

    @Test
    void aCheckpointWithShiftedParametersIsLoggedAndItsUnitComputedFromTheStart() throws Exception {
        Path part = cancelled("part");
        Path cp = onlyCheckpoint(part);
        Map<String, NpyArray> arrays = new LinkedHashMap<>(Npz.read(cp));
        NpyArray params = arrays.get("params");
        double[] shifted = params.toDoubles();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] += 0.01;
        }
        arrays.put("params", params.dtype() == org.ntkexplorer.core.io.NpyDtype.FLOAT32
                ? NpyArray.of(toFloats(shifted), params.shape()) : NpyArray.of(shifted, params.shape()));
        // A valid npz with every array of the original but the parameters shifted (written beside, then moved:
        // the arrays read may still be mapped from the file).
        Path tmp = cp.resolveSibling("shifted.tmp");
        Npz.write(tmp, arrays);
        Files.move(tmp, cp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        resume(part);
        RunFolderRecoveryTest.assertSameRun(whole, part);
        String log = Files.readString(part.resolve("run.log"));
        assertTrue(log.contains("does not match its SHA-256 checksum") && log.contains("computed again from the start"),
                log);
    }

    @Test
    void aCheckpointOfAnotherUnitIsNotResumedFrom() throws Exception {
        Path part = cancelled("part");
        Path other = cancelled("other", 20);
        // The network of unit n = 20 put where the cut-off unit n = 40 keeps its checkpoint.
        Path cp = onlyCheckpoint(part);
        Files.copy(onlyCheckpoint(other), cp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        resume(part);
        RunFolderRecoveryTest.assertSameRun(whole, part);
        String log = Files.readString(part.resolve("run.log"));
        assertTrue(log.contains("belongs to unit") && log.contains("computed again from the start"), log);
    }

    @Test
    @Tag("slow") // three runs resumed from bad checkpoints: 13 s
    void anEmptyOrGarbageCheckpointIsLogged() throws Exception {
        for (String content : List.of("", "not an npz at all")) {
            Path part = cancelled("part-" + content.length());
            Files.writeString(onlyCheckpoint(part), content);
            resume(part);
            String log = Files.readString(part.resolve("run.log"));
            assertTrue(log.contains("computed again from the start"), log);
        }
    }

    @Test
    void aMergeThatFailsHalfWayLeavesNothingThatBlocksTheNextOne() throws Exception {
        ExperimentSpec spec = ExperimentSpec.parse(SCALING);
        List<Path> shards = new java.util.ArrayList<>();
        for (int k = 0; k < 2; k++) {
            Path d = dir.resolve("shard-" + k);
            ExperimentRunnerTest.run(spec, RunFolder.createShard(d, spec, k, 2), TaskMonitor.NONE);
            shards.add(d);
        }
        // A probe kernel that cannot be read (a dangling link) makes the merge fail after it began writing.
        Path kernel;
        try (Stream<Path> s = Files.list(shards.get(1).resolve(RunFolder.KERNELS))) {
            kernel = s.filter(p -> p.getFileName().toString().contains("epoch")).findFirst().orElseThrow();
        }
        Path saved = Files.move(kernel, dir.resolve("saved.npy"));
        Files.createSymbolicLink(kernel, dir.resolve("nowhere.npy"));
        Path merged = dir.resolve("runs").resolve("merged");
        assertThrows(IOException.class, () -> RunMerge.merge(shards, merged, false));
        assertFalse(Files.exists(merged), "no half-merged folder is left where the merge goes");
        try (Stream<Path> s = Files.list(merged.getParent())) {
            assertEquals(List.of(), s.toList(), "nor a temporary one beside it");
        }
        Files.delete(kernel);
        Files.move(saved, kernel);
        RunMerge.merge(shards, merged, false);
        RunFolderRecoveryTest.assertSameRun(whole, merged);
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
