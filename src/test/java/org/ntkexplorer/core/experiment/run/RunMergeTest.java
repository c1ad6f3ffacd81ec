package org.ntkexplorer.core.experiment.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntkexplorer.core.compute.TaskMonitor;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.store.RunFolder;

/** Shards of a spec, merged, give the folder of the unsharded run; merges that would not are refused by name. */
class RunMergeTest {
    private static final int SHARDS = 3;

    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    /** The scaling spec of {@link ExperimentRunnerTest}, run whole and as three shards once for every test. */
    private static ExperimentSpec scaling;
    private static Path whole;
    private static List<Path> shards;

    @BeforeAll
    static void runScalingWholeAndSharded() throws Exception {
        scaling = ExperimentSpec.parse(ExperimentRunnerTest.SCALING);
        whole = runWhole(scaling, shared.resolve("whole"));
        shards = runShards(scaling, shared);
    }

    private static Path runWhole(ExperimentSpec spec, Path d) throws Exception {
        ExperimentRunnerTest.run(spec, RunFolder.create(d, spec), TaskMonitor.NONE);
        return d;
    }

    private static List<Path> runShards(ExperimentSpec spec, Path parent) throws Exception {
        List<Path> out = new ArrayList<>();
        for (int k = 0; k < SHARDS; k++) {
            Path d = parent.resolve("shard-" + k);
            ExperimentRunnerTest.run(spec, RunFolder.createShard(d, spec, k, SHARDS), TaskMonitor.NONE);
            out.add(d);
        }
        return out;
    }

    @Test
    void scalingShardsMergedEqualTheUnshardedRun() throws Exception {
        RunMerge.Result r = RunMerge.merge(shards, dir.resolve("merged"), false);
        assertEquals(4, r.units());
        assertTrue(r.missing().isEmpty());
        for (Path s : shards) {
            assertTrue(Files.readAllLines(s.resolve("units.csv")).size() < 1 + 4, "each shard ran only its units");
        }
        assertSameRun(whole, dir.resolve("merged"));
        // Rows come in the order of the units, as one process writes them.
        assertEquals(text(whole.resolve("dynamics.csv")), text(dir.resolve("merged/dynamics.csv")));
        assertFalse(RunReplay.of(RunFolder.open(dir.resolve("merged"))).isEmpty(), "the window can show it again");
    }

    @Test
    void widthSweepShardsMergedEqualTheUnshardedRun() throws Exception {
        ExperimentSpec spec = ExperimentSpec.parse("""
                {"study": "width-sweep", "classes": [0, 1], "nGrid": [30], "nTest": 40, "seeds": 2, "depth": 1,
                 "widths": [16, 32], "epochs": 1, "batchSize": 10, "probeSize": 12}""");
        Path w = runWhole(spec, dir.resolve("whole"));
        RunMerge.merge(runShards(spec, dir), dir.resolve("merged"), false);
        assertEquals(1 + 4, Files.readAllLines(w.resolve("width.csv")).size());
        assertSameRun(w, dir.resolve("merged"));
    }

    @Tag("slow")
    @Test
    void richnessShardsMergedEqualTheUnshardedRun() throws Exception {
        // Its kernel learners' rows carry no richness and belong to the unit at the grid's first richness.
        ExperimentSpec spec = ExperimentSpec.parse("""
                {"study": "richness", "classes": [0, 1], "nGrid": [20, 40], "nTest": 40, "seeds": 1, "depth": 1,
                 "width": 16, "epochs": 1, "batchSize": 10, "probeSize": 12, "richnessGrid": [1, 10],
                 "learners": ["network", "nngp"]}""");
        Path w = runWhole(spec, dir.resolve("whole"));
        RunMerge.merge(runShards(spec, dir), dir.resolve("merged"), false);
        assertEquals(1 + 2 * 2 + 2, Files.readAllLines(w.resolve("results.csv")).size());
        assertSameRun(w, dir.resolve("merged"));
    }

    @Test
    void aMissingShardIsRefusedNamingItsUnitsAndPartialMergesTheRest() throws Exception {
        List<Path> two = shards.subList(0, 2);
        List<String> lost = unitsOf(shards.get(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunMerge.merge(two, dir.resolve("m"), false));
        for (String u : lost) {
            assertTrue(e.getMessage().contains(u + " (shard 2/3 was not given)"), e.getMessage());
        }
        assertTrue(e.getMessage().contains("--partial"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("m")), "nothing is written for a refused merge");

        RunMerge.Result r = RunMerge.merge(two, dir.resolve("m"), true);
        assertEquals(lost, r.missing());
        assertEquals(4 - lost.size(), r.units());
        assertTrue(Files.readString(dir.resolve("m/run.log")).contains("merged without " + lost.size()));

        // The merged folder is an ordinary run: resuming it computes what was missing, as the whole run did.
        RunFolder resumed = RunFolder.resume(dir.resolve("m"));
        ExperimentRunnerTest.run(resumed.spec(), resumed, TaskMonitor.NONE);
        assertSameRun(whole, dir.resolve("m"));
    }

    @Test
    void aDoubledUnitIsRefusedByName() throws Exception {
        List<Path> withCopy = new ArrayList<>(shards);
        withCopy.add(copy(shards.get(1), dir.resolve("shard-1-again")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunMerge.merge(withCopy, dir.resolve("m"), true));
        for (String u : unitsOf(shards.get(1))) {
            assertTrue(e.getMessage().contains(u + " (in " + shards.get(1) + " and " + dir.resolve("shard-1-again")
                    + ")"), e.getMessage());
        }
        assertFalse(Files.exists(dir.resolve("m")));
    }

    @Test
    void anUnfinishedUnitIsLeftOutWithItsRowsAndNamed() throws Exception {
        Path cut = copy(shards.get(2), dir.resolve("shard-2-cut"));
        List<String> lines = Files.readAllLines(cut.resolve("units.csv"));
        // As if the shard had stopped after writing the unit's rows but before marking it finished.
        Files.write(cut.resolve("units.csv"), lines.subList(0, lines.size() - 1));
        String unfinished = unitsOf(shards.get(2)).get(lines.size() - 2);
        List<Path> given = List.of(shards.get(0), shards.get(1), cut);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunMerge.merge(given, dir.resolve("m"), false));
        assertTrue(e.getMessage().contains(unfinished + " (shard 2/3 in " + cut + " has not finished it; continue it "
                + "with run --resume " + cut + ")"), e.getMessage());

        try (RunFolder running = RunFolder.resume(cut)) {
            IllegalArgumentException busy = assertThrows(IllegalArgumentException.class,
                    () -> RunMerge.merge(given, dir.resolve("m"), false));
            assertTrue(busy.getMessage().contains("is still being written by process"), busy.getMessage());
        }

        RunMerge.Result r = RunMerge.merge(given, dir.resolve("m"), true);
        assertEquals(List.of(unfinished), r.missing());
        assertEquals(Files.readAllLines(whole.resolve("results.csv")).size() - 4,
                Files.readAllLines(dir.resolve("m/results.csv")).size(), "the unfinished unit's 4 rows are left out");
    }

    @Test
    void shardsOfDifferentSpecsAreRefusedNamingTheKeys() throws Exception {
        ExperimentSpec other = ExperimentSpec.parse(ExperimentRunnerTest.SCALING.replace("\"seeds\": 2",
                "\"seeds\": 3"));
        Path o = dir.resolve("other");
        RunFolder.createShard(o, other, 2, SHARDS).close();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunMerge.merge(List.of(shards.get(0), shards.get(1), o), dir.resolve("m"), false));
        assertTrue(e.getMessage().contains("seeds is 2 in " + shards.get(0) + ", 3 in " + o), e.getMessage());
        assertFalse(Files.exists(dir.resolve("m")));
    }

    /**
     * A shard sealed by a version whose spec.json held every study's own keys (widths, snapshotEvery, richnessGrid)
     * merges with shards of this version: those keys are not read by a scaling run.
     */
    @Test
    void aShardSealedWithOtherStudiesKeysMergesWithTheOthers() throws Exception {
        Path earlier = copy(shards.get(1), dir.resolve("shard-1-earlier"));
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        var manifest = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(
                earlier.resolve("run.json").toFile());
        var sealed = (com.fasterxml.jackson.databind.node.ObjectNode) manifest.get("spec");
        sealed.putArray("widths").add(64);
        sealed.put("snapshotEvery", 1);
        sealed.putArray("richnessGrid");
        manifest.put("specSha256", "1".repeat(64));
        json.writeValue(earlier.resolve("run.json").toFile(), manifest);
        RunMerge.merge(List.of(shards.get(0), earlier, shards.get(2)), dir.resolve("m"), false);
        assertSameRun(whole, dir.resolve("m"));

        // A key the study reads is still compared (changed in the shard's spec.json and its seal alike).
        sealed.put("nTest", 999);
        json.writeValue(earlier.resolve("run.json").toFile(), manifest);
        var specJson = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(
                earlier.resolve("spec.json").toFile());
        specJson.put("nTest", 999);
        json.writeValue(earlier.resolve("spec.json").toFile(), specJson);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunMerge.merge(List.of(shards.get(0), earlier, shards.get(2)), dir.resolve("m2"), false));
        assertTrue(e.getMessage().contains("nTest is "), e.getMessage());
        assertFalse(e.getMessage().contains("widths"), e.getMessage());
    }

    /** The merged folder holds the rows the unsharded run wrote (in any order, timings apart) and its fits. */
    static void assertSameRun(Path expected, Path actual) throws IOException {
        for (String f : List.of("results.csv", "units.csv")) {
            assertEquals(rows(expected.resolve(f), true), rows(actual.resolve(f), true), f);
        }
        for (String f : List.of("dynamics.csv", "spectra.csv", "width.csv", "training.csv")) {
            assertEquals(rows(expected.resolve(f), false), rows(actual.resolve(f), false), f);
        }
        assertEquals(text(expected.resolve("fits.json")), text(actual.resolve("fits.json")));
        List<String> kernels = list(expected.resolve(RunFolder.KERNELS));
        assertEquals(kernels, list(actual.resolve(RunFolder.KERNELS)));
        for (String k : kernels) {
            assertArrayEquals(Files.readAllBytes(expected.resolve(RunFolder.KERNELS).resolve(k)),
                    Files.readAllBytes(actual.resolve(RunFolder.KERNELS).resolve(k)), k);
        }
    }

    /** A table's lines, sorted, without the last column (seconds) when asked. */
    private static List<String> rows(Path file, boolean withoutSeconds) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file).stream().map(l -> withoutSeconds ? l.substring(0, l.lastIndexOf(',')) : l)
                .sorted().toList();
    }

    private static String text(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "(absent)";
    }

    private static List<String> list(Path d) throws IOException {
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The units a folder finished, as messages name them, in units.csv order. */
    private static List<String> unitsOf(Path folder) throws IOException {
        return RunFolder.open(folder).finishedUnits().stream().map(u -> u.unit().describe()).toList();
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return to;
    }
}
