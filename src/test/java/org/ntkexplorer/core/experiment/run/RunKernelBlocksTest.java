package org.ntkexplorer.core.experiment.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntkexplorer.core.compute.TaskMonitor;
import org.ntkexplorer.core.kernel.InfiniteMlpKernel;
import org.ntkexplorer.core.model.Activation;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.store.RunFolder;

/**
 * A run whose infinite-width learners are computed as row-block units over three shards, merged and solved, writes
 * the rows of the same run without blocks; merges that would not are refused by name.
 */
class RunKernelBlocksTest {
    private static final int SHARDS = 3;
    private static final int BLOCKS = 3;
    /** Panels of 3,200 values: 16 rows at n = 200 (13 panels), 26 at n = 120 (5), so 3 blocks exist at both. */
    private static final String PANEL_VALUES = "3200";
    private static final String SPEC = """
            {"study": "scaling", "classes": [0, 1], "nGrid": [120, 200], "nTest": 90, "seeds": 2, "depth": 2,
             "width": 32, "steps": 3, "batchSize": 20, "learningRate": 0.1, "parameterization": "ntk", "probeSize": 12,
             "learners": ["network", "entk-init", "infinite-ntk", "nngp"]}""";

    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    private static String panelBefore;
    private static ExperimentSpec spec;
    private static Path whole;
    private static List<Path> shards;

    @BeforeAll
    static void runWholeAndInBlockedShards() throws Exception {
        panelBefore = System.getProperty(RunKernelBlocks.PANEL_PROPERTY);
        System.setProperty(RunKernelBlocks.PANEL_PROPERTY, PANEL_VALUES);
        spec = ExperimentSpec.parse(SPEC);
        whole = shared.resolve("whole");
        ExperimentRunnerTest.run(spec, RunFolder.create(whole, spec), TaskMonitor.NONE);
        shards = new ArrayList<>();
        for (int k = 0; k < SHARDS; k++) {
            Path d = shared.resolve("shard-" + k);
            RunFolder f = RunFolder.createShard(d, spec, k, SHARDS);
            RunKernelBlocks.start(d, BLOCKS);
            ExperimentRunnerTest.run(spec, f, TaskMonitor.NONE);
            shards.add(d);
        }
    }

    @AfterAll
    static void restoreProperty() {
        if (panelBefore == null) {
            System.clearProperty(RunKernelBlocks.PANEL_PROPERTY);
        } else {
            System.setProperty(RunKernelBlocks.PANEL_PROPERTY, panelBefore);
        }
    }

    @Test
    void blockedShardsMergedAndSolvedEqualTheRunWithoutBlocks() throws Exception {
        int blocksInShards = 0;
        for (Path s : shards) {
            int mine = KernelBlockUnits.finished(s).size();
            assertTrue(mine > 0 && mine < 4 * BLOCKS, "each shard computed some of the 12 blocks: " + mine);
            blocksInShards += mine;
            assertFalse(Files.readString(s.resolve("results.csv")).contains("infinite-ntk"),
                    "a shard solves no blocked kernel");
        }
        assertEquals(4 * BLOCKS, blocksInShards);
        Path merged = dir.resolve("merged");
        RunMerge.merge(shards, merged, false);
        assertEquals(4 * BLOCKS, KernelBlockUnits.finished(merged).size());
        assertFalse(Files.readString(merged.resolve("results.csv")).contains("nngp"), "not solved before the resume");

        resume(merged);
        RunMergeTest.assertSameRun(whole, merged);
        assertEquals(4 * 4 + 1, Files.readAllLines(merged.resolve("results.csv")).size());
        assertTrue(Files.readString(shards.get(0).resolve("run.log")).contains("kernel block"), "blocks are logged");
    }

    @AfterEach
    void clearOutOfCore() {
        System.clearProperty(OutOfCoreKernels.MODE_PROPERTY);
        System.clearProperty(OutOfCoreKernels.TILE_PROPERTY);
    }

    /** Tiles of 48: 3 tile columns at n = 120, 5 at n = 200, so the blocks' rows cross tiles both ways. */
    private static void outOfCore() {
        System.setProperty(OutOfCoreKernels.MODE_PROPERTY, "always");
        System.setProperty(OutOfCoreKernels.TILE_PROPERTY, "48");
    }

    @Test
    void outOfCoreTheMergedBlocksSolveToTheRowsOfTheInMemorySolve() throws Exception {
        Path merged = dir.resolve("merged");
        RunMerge.merge(shards, merged, false);
        outOfCore();
        resume(merged);
        String log = Files.readString(merged.resolve("run.log"));
        assertTrue(log.contains("kernel out of core from blocks: file kernels/blocks-200-0-ntk.tiles, tiles of 48×48 "
                + "(5 tile columns)"), log);
        assertTrue(log.contains("nngp kernel from blocks to tiles, tile column 3 of 3 done"), log);
        // The run without blocks solves in memory, as the in-memory solve of the same blocks does (test above).
        RunMergeTest.assertSameRun(whole, merged);
        assertFalse(Files.exists(merged.resolve(RunFolder.KERNELS).resolve("blocks-200-0-ntk.tiles")));
    }

    /** Cancelled in the copy of the NTK into tiles, or in the NNGP's factorisation after the NTK's row is written. */
    @ParameterizedTest
    @ValueSource(strings = {"infinite-ntk kernel from blocks to tiles, tile column 3 of 5",
            "nngp out-of-core Cholesky from blocks, tile column 2 of 5"})
    void aCancelledOutOfCoreSolveFromBlocksResumesToTheSameRows(String stage) throws Exception {
        Path merged = dir.resolve("merged");
        RunMerge.merge(shards, merged, false);
        outOfCore();
        AtomicBoolean cancel = new AtomicBoolean();
        TaskMonitor monitor = new TaskMonitor() {
            @Override
            public boolean isCancelled() {
                return cancel.get();
            }
        };
        try (RunFolder f = RunFolder.resume(merged)) {
            new ExperimentRunner(f.spec(), f, e -> {
                if (e instanceof ExperimentEvent.Progress p && p.stage().contains(stage)) {
                    cancel.set(true);
                }
            }, monitor).run();
        }
        assertTrue(cancel.get(), "never reached " + stage);
        String before = Files.readString(merged.resolve("run.log"));
        resume(merged);
        String resumed = Files.readString(merged.resolve("run.log")).substring(before.length());
        // The cancelled kernel's lines: up to the next kernel's, since the other seed's n = 200 starts from tile 1.
        String opening = "kernel out of core from blocks: file ";
        int next = resumed.indexOf(opening, resumed.indexOf(opening) + 1);
        assertTrue(next > 0, "no second kernel after the resumed one:\n" + resumed);
        resumed = resumed.substring(0, next);
        String learner = stage.substring(0, stage.indexOf(' '));
        // Counted from 1, as the progress lines count: "tile column 3 of 5 done", then "resuming after tile column 3".
        assertTrue(resumed.contains("resuming after tile column " + (stage.startsWith("nngp") ? 5 : 3) + " of 5"),
                resumed);
        assertFalse(resumed.contains(learner + " kernel from blocks to tiles, tile column 1 of 5"),
                "the copy started over:\n" + resumed);
        if (stage.contains("Cholesky")) {
            assertFalse(resumed.contains(learner + " out-of-core Cholesky from blocks, tile column 1 of 5"),
                    "the factorisation started over:\n" + resumed);
        }
        RunMergeTest.assertSameRun(whole, merged);
    }

    @Tag("slow")
    @Test
    void aWholeRunWithBlocksComputesAndSolvesThemItself() throws Exception {
        Path d = dir.resolve("blocked-whole");
        RunFolder f = RunFolder.create(d, spec);
        RunKernelBlocks.start(d, BLOCKS);
        ExperimentRunnerTest.run(spec, f, TaskMonitor.NONE);
        RunMergeTest.assertSameRun(whole, d);
    }

    @Test
    void theBlocksOfAKernelHoldTheBitsOfOnePass() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 200, 7).subi(0.5);
        INDArray xTest = Nd4j.rand(DataType.DOUBLE, 90, 7).subi(0.5);
        InfiniteMlpKernel k = new InfiniteMlpKernel(Activation.RELU, 2, 1.4, 0.1).withPanelValues(3200);
        double[][] one = dense(200, 90);
        k.stream(x, xTest, (r0, rows, c0, cols, g, t) -> putTrain(one[0], 200, r0, rows, c0, cols, t),
                (r0, rows, c0, cols, g, t) -> System.arraycopy(t, 0, one[1], r0 * cols, rows * cols));
        double[][] blocked = dense(200, 90);
        int step = k.panelRows(200);
        for (int b = 1; b <= BLOCKS; b++) {
            int[] r = KernelBlockUnits.rows(200, 90, step, b, BLOCKS);
            assertTrue(r[1] > r[0], "every block has train rows");
            k.streamRows(x, xTest, r[0], r[1], r[2], r[3],
                    (r0, rows, c0, cols, g, t) -> putTrain(blocked[0], 200, r0, rows, c0, cols, t),
                    (r0, rows, c0, cols, g, t) -> System.arraycopy(t, 0, blocked[1], r0 * cols, rows * cols));
        }
        assertArrayEquals(one[0], blocked[0], 0.0);
        assertArrayEquals(one[1], blocked[1], 0.0);
        assertTrue(one[0][199] != 0 && one[1][89 * 200 + 199] != 0, "the last entries were written");
    }

    @Test
    void aMissingBlockIsRefusedByNameAndPartialMergesAreCompletedByTheResume() throws Exception {
        Path cut = copy(shards.get(1), dir.resolve("shard-1-cut"));
        List<String> ids = new ArrayList<>(KernelBlockUnits.finished(cut).keySet());
        KernelBlockUnits.Written lost = KernelBlockUnits.finished(cut).get(ids.get(0));
        Files.delete(KernelBlockUnits.dir(cut, lost.unit()).resolve(KernelBlockUnits.BLOCK_JSON));
        List<Path> parts = List.of(shards.get(0), cut, shards.get(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunMerge.merge(parts, dir.resolve("m"), false));
        assertTrue(e.getMessage().contains("1 of 12 kernel blocks is missing: " + lost.unit().describe()
                + " (shard 1/3 in " + cut + " has not finished it"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("m")));

        RunMerge.merge(parts, dir.resolve("m"), true);
        assertNull(KernelBlockUnits.read(KernelBlockUnits.dir(dir.resolve("m"), lost.unit())));
        resume(dir.resolve("m"));
        assertNotNull(KernelBlockUnits.read(KernelBlockUnits.dir(dir.resolve("m"), lost.unit())),
                "the resume computed the missing block");
        RunMergeTest.assertSameRun(whole, dir.resolve("m"));
    }

    @Test
    void aDoubledBlockAndABlockOfAnotherSpecAreRefused() throws Exception {
        // A copy of shard 1 whose units were dropped still holds its blocks: only the blocks are doubled.
        Path again = copy(shards.get(1), dir.resolve("shard-1-again"));
        Files.writeString(again.resolve("units.csv"), Files.readAllLines(again.resolve("units.csv")).get(0) + "\n");
        List<Path> withCopy = new ArrayList<>(shards);
        withCopy.add(again);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunMerge.merge(withCopy, dir.resolve("m"), true));
        String id = KernelBlockUnits.finished(again).values().iterator().next().unit().describe();
        assertTrue(e.getMessage().contains(id + " (in " + shards.get(1) + " and " + again + ")"), e.getMessage());

        Path other = copy(shards.get(2), dir.resolve("shard-2-other"));
        KernelBlockUnits.Written w = KernelBlockUnits.finished(other).values().iterator().next();
        Path json = KernelBlockUnits.dir(other, w.unit()).resolve(KernelBlockUnits.BLOCK_JSON);
        Files.writeString(json, Files.readString(json).replace(w.specSha256(), "0".repeat(64)));
        e = assertThrows(IllegalArgumentException.class,
                () -> RunMerge.merge(List.of(shards.get(0), shards.get(1), other), dir.resolve("m"), true));
        assertTrue(e.getMessage().contains("kernel block " + w.unit().describe() + " in " + other
                + " was computed for another spec"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("m")));
    }

    @Test
    void shardsWithAndWithoutBlocksAreNotMerged() throws Exception {
        Path plain = dir.resolve("plain-0");
        ExperimentRunnerTest.run(spec, RunFolder.createShard(plain, spec, 0, SHARDS), TaskMonitor.NONE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunMerge.merge(List.of(plain, shards.get(1), shards.get(2)), dir.resolve("m"), false));
        assertTrue(e.getMessage().contains("different kernel blocks"), e.getMessage());
    }

    @Test
    void blocksAreRefusedForStudiesWithoutInfiniteLearners() {
        assertNotNull(KernelBlockUnits.problem(ExperimentSpec.parse("""
                {"study": "scaling", "learners": ["network", "entk-init"]}"""), 3));
        assertNotNull(KernelBlockUnits.problem(spec, 0));
        assertNull(KernelBlockUnits.problem(spec, 3));
    }

    private static double[][] dense(int n, int nTest) {
        return new double[][] {new double[n * n], new double[nTest * n]};
    }

    private static void putTrain(double[] into, int n, int r0, int rows, int c0, int cols, double[] t) {
        for (int r = 0; r < rows; r++) {
            int from = r0 + r - c0;
            System.arraycopy(t, r * cols + from, into, (r0 + r) * n + r0 + r, cols - from);
        }
    }

    private static void resume(Path d) throws Exception {
        RunFolder f = RunFolder.resume(d);
        ExperimentRunnerTest.run(f.spec(), f, TaskMonitor.NONE);
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else if (!p.getFileName().toString().endsWith(".lock")) {
                    Files.copy(p, t);
                }
            }
        }
        return to;
    }
}
