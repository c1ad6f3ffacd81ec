package org.ntkexplorer.core.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ntkexplorer.core.compute.InsufficientMemoryException;
import org.ntkexplorer.core.compute.MemoryBudget;
import org.ntkexplorer.core.compute.SystemMemory;
import org.ntkexplorer.core.compute.TaskMonitor;
import org.ntkexplorer.core.data.DatasetRegistry;
import org.ntkexplorer.core.data.DatasetSource;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.store.RunFolder;

/**
 * The infinite NTK and NNGP learners with their kernels on disk give the results of the in-memory path, resume a
 * cancelled build or solve from its last finished tile, and are chosen by the preflight check when memory is short.
 */
class OutOfCoreLearnersTest {
    @TempDir
    Path dir;

    /** The uninterrupted out-of-core run's rows, made once for every resume case (each run takes seconds). */
    @TempDir
    static Path shared;
    private static List<String> uninterrupted;

    /** n = 200 in tiles of 48: five tile rows, a last tile of 8. */
    private static final String SPEC = """
            {"study": "scaling", "classes": [0, 1, 2], "nGrid": [40, 200], "nTest": 40, "seeds": 1, "depth": 2,
             "width": 32, "learners": ["infinite-ntk", "nngp"]}""";

    @AfterEach
    void clearProperties() {
        OutOfCoreRuns.clear();
    }

    private static void outOfCore(String mode) {
        OutOfCoreRuns.outOfCore(mode);
    }

    private static List<String> results(Path runDir) throws Exception {
        return OutOfCoreRuns.results(runDir);
    }

    private Path whole(String mode) throws Exception {
        return whole(mode, dir);
    }

    private static Path whole(String mode, Path in) throws Exception {
        outOfCore(mode);
        ExperimentSpec spec = ExperimentSpec.parse(SPEC);
        Path out = in.resolve(mode);
        ExperimentRunnerTest.run(spec, RunFolder.create(out, spec), TaskMonitor.NONE);
        return out;
    }

    @Test
    void onDiskTheLearnersGiveTheInMemoryResults() throws Exception {
        Path inMemory = whole("never");
        Path onDisk = whole("always");
        assertFalse(Files.readString(inMemory.resolve("run.log")).contains("kernel out of core"));
        String log = Files.readString(onDisk.resolve("run.log"));
        assertTrue(log.contains("kernel out of core: file kernels/infinite-200-0-ntk.tiles and "
                + "kernels/infinite-200-0-nngp.tiles, tiles of 48×48 (5 tile rows)"), log);
        assertEquals(5, results(onDisk).size());
        assertEquals(results(inMemory), results(onDisk));
        // Each kernel's files go once its row is written.
        assertFalse(Files.exists(onDisk.resolve("kernels")), "kernel files left in the run folder");
    }

    /** Cancelled in the build, in the NTK's factorisation, or in the NNGP's after the NTK's row is written. */
    @ParameterizedTest
    @ValueSource(strings = {"tile row 3 of 5", "infinite-ntk out-of-core Cholesky, tile column 3 of 5",
            "nngp out-of-core Cholesky, tile column 2 of 5"})
    void aCancelledOutOfCoreUnitResumesFromItsLastTileToTheSameResults(String stage) throws Exception {
        if (uninterrupted == null) {
            uninterrupted = results(whole("always", shared));
        }
        outOfCore("always");
        ExperimentSpec spec = ExperimentSpec.parse(SPEC);
        Path part = dir.resolve("part");
        OutOfCoreRuns.cancelAt(spec, part, stage);
        assertTrue(Files.isDirectory(part.resolve("kernels")), "the cancelled unit's files are kept for the resume");
        String before = Files.readString(part.resolve("run.log"));

        RunFolder reopened = RunFolder.resume(part);
        ExperimentRunnerTest.run(reopened.spec(), reopened, TaskMonitor.NONE);
        String resumed = Files.readString(part.resolve("run.log")).substring(before.length());
        assertTrue(resumed.contains("resuming after tile row"), resumed);
        if (stage.startsWith("tile row")) {
            assertFalse(resumed.contains("tile row 1 of 5"), "the build started over:\n" + resumed);
        } else {
            String learner = stage.substring(0, stage.indexOf(' '));
            assertFalse(resumed.contains(learner + " out-of-core Cholesky, tile column 1 of 5"),
                    "the factorisation started over:\n" + resumed);
            assertFalse(resumed.contains("NNGP, tile row"), "the build was made again:\n" + resumed);
        }
        assertEquals(uninterrupted, results(part));
        assertFalse(Files.exists(part.resolve("kernels")), "kernel files left in the run folder");
    }

    /** docs/science.md, §Kernel regression out of core: the estimate follows the stated formula. */
    @Test
    void theOutOfCoreEstimateFollowsItsFormula() {
        int c = 10;
        int d = 784;
        int nTest = 2000;
        for (int n : new int[] {30000, 60000, 120000}) {
            // A panel holds whole rows of at most 2²² values: its Σ¹, its Java copy and the NTK beside it.
            double panels = 3.0 * 8 * ((1 << 22) / n) * n;
            for (int t : new int[] {1024, 2048}) {
                for (int k : new int[] {1, 2}) {
                    double build = 2 * 8.0 * t * t + 3.0 * 8 * (1 << 22) + 8.0 * 2 * t * d + 512.0 * (1 << 20);
                    double cholesky = 8.0 * n * t + 2 * 8.0 * t * t;
                    double formula = k * 8.0 * nTest * n + panels + 8.0 * (n + nTest) * d
                            + Math.max(build, cholesky) + 48.0 * n * c;
                    double estimate = OutOfCoreKernels.footprint(n, nTest, d, c, k, t).totalBytes();
                    assertEquals(formula, estimate, 1e-9 * formula, "n = " + n + ", t = " + t + ", k = " + k);
                }
            }
        }
        // No n² term: the whole training set of Fashion-MNIST stays under 4 GiB with both kernels.
        assertTrue(OutOfCoreKernels.footprint(60000, 2000, 784, 10, 2, 2048).totalBytes() < 4.0 * (1L << 30));
    }

    @Test
    void shortOfMemoryThePreflightChoosesTheDiskForTheInfiniteKernels() throws Exception {
        // n = 30,000: one kernel in memory is 6.7 GiB, against 3 GiB free on this fake machine.
        Path root = dir.resolve("machine");
        Files.createDirectories(root.resolve("proc"));
        Files.writeString(root.resolve("proc/meminfo"), "MemTotal:       25165824 kB\nMemAvailable:    3145728 kB\n");
        SystemMemory previous = MemoryBudget.useSystemMemory(new SystemMemory(root));
        try {
            DatasetSource data = DatasetRegistry.open("gaussian-mixture?size=31000&d=8");
            ExperimentSpec infinite = ExperimentSpec.parse("""
                    {"study": "scaling", "dataset": "gaussian-mixture?size=31000&d=8", "nGrid": [1000, 30000],
                     "nTest": 100, "seeds": 1, "learners": ["infinite-ntk", "nngp"]}""");
            Preflight.check(infinite, data);
            String estimate = Preflight.estimate(infinite, data).describe();
            assertTrue(estimate.contains("two kernel tiles of 2048×2048"), estimate);
            assertFalse(estimate.contains("30000×30000"), estimate);

            System.setProperty(OutOfCoreKernels.MODE_PROPERTY, "never");
            var refused = assertThrows(InsufficientMemoryException.class, () -> Preflight.check(infinite, data));
            assertTrue(refused.getMessage().contains("30000×30000 float64 kernel"), refused.getMessage());
        } finally {
            MemoryBudget.useSystemMemory(previous);
        }
    }
}
