package org.ntkexplorer.core.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ntkexplorer.core.compute.MemoryBudget;
import org.ntkexplorer.core.compute.SystemMemory;
import org.ntkexplorer.core.compute.TaskMonitor;
import org.ntkexplorer.core.data.DatasetRegistry;
import org.ntkexplorer.core.data.DatasetSource;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.store.RunFolder;
import org.ntkexplorer.core.kernel.Precision;
import org.ntkexplorer.core.model.NetworkSpec;

/**
 * The eNTK learners with their kernel on disk give the results of the in-memory path, resume a cancelled build or
 * solve from its last finished tile, and are chosen by the preflight check when memory is short.
 */
class OutOfCoreEmpiricalTest {
    @TempDir
    Path dir;

    /** The uninterrupted on-disk run's rows, made once for every resume case. */
    @TempDir
    static Path shared;
    private static List<String> uninterrupted;

    /** n = 200 in tiles of 48: five tile rows, a last tile of 8; float64, so both paths agree to rounding. */
    private static final String SPEC = """
            {"study": "scaling", "classes": [0, 1, 2], "nGrid": [40, 200], "nTest": 40, "seeds": 1, "depth": 2,
             "width": 32, "dtype": "float64", "learners": ["entk-init"]}""";

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
        outOfCore(mode);
        ExperimentSpec spec = ExperimentSpec.parse(SPEC);
        Path out = dir.resolve(mode);
        ExperimentRunnerTest.run(spec, RunFolder.create(out, spec), TaskMonitor.NONE);
        return out;
    }

    private static List<String> uninterrupted() throws Exception {
        if (uninterrupted == null) {
            outOfCore("always");
            ExperimentSpec spec = ExperimentSpec.parse(SPEC);
            Path out = shared.resolve("always");
            ExperimentRunnerTest.run(spec, RunFolder.create(out, spec), TaskMonitor.NONE);
            uninterrupted = results(out);
        }
        return uninterrupted;
    }

    @Test
    void onDiskTheEntkGivesTheInMemoryResults() throws Exception {
        Path inMemory = whole("never");
        Path onDisk = whole("always");
        assertFalse(Files.readString(inMemory.resolve("run.log")).contains("kernel out of core"));
        String log = Files.readString(onDisk.resolve("run.log"));
        assertTrue(log.contains("kernel out of core: file kernels/entk-init-200-0.tiles, tiles of 48×48 (5 tile "
                + "rows)"), log);
        assertEquals(3, results(onDisk).size(), results(onDisk).toString());
        assertEquals(results(inMemory), results(onDisk));
        assertFalse(Files.exists(onDisk.resolve("kernels")), "kernel files left in the run folder");
    }

    /** Cancelled in the build, or in the factorisation. */
    @ParameterizedTest
    @ValueSource(strings = {"empirical NTK, tile row 3 of 5", "entk-init out-of-core Cholesky, tile column 3 of 5"})
    void aCancelledOutOfCoreEntkResumesFromItsLastTileToTheSameResults(String stage) throws Exception {
        outOfCore("always");
        ExperimentSpec spec = ExperimentSpec.parse(SPEC);
        Path part = dir.resolve("part");
        OutOfCoreRuns.cancelAt(spec, part, stage);
        assertTrue(Files.isDirectory(part.resolve("kernels")), "the cancelled unit's files are kept for the resume");
        String before = Files.readString(part.resolve("run.log"));

        RunFolder reopened = RunFolder.resume(part);
        ExperimentRunnerTest.run(reopened.spec(), reopened, TaskMonitor.NONE);
        String resumed = Files.readString(part.resolve("run.log")).substring(before.length());
        assertTrue(resumed.contains("kernel out of core: file kernels/entk-init-200-0.tiles"), resumed);
        if (stage.startsWith("empirical")) {
            assertTrue(resumed.contains("resuming after tile row 2 of 5"), resumed);
            assertFalse(resumed.contains("tile row 1 of 5"), "the build started over:\n" + resumed);
        } else {
            assertFalse(resumed.contains("Cholesky, tile column 1 of 5"), "the factorisation started over:\n" + resumed);
            assertFalse(resumed.contains("empirical NTK, tile row"), "the build was made again:\n" + resumed);
        }
        assertEquals(uninterrupted(), results(part));
        assertFalse(Files.exists(part.resolve("kernels")), "kernel files left in the run folder");
    }

    /** Tiles of another network's kernel (the parameters' hash differs) are built again, not resumed. */
    @Test
    void tilesOfOtherParametersAreNotResumed() throws Exception {
        outOfCore("always");
        ExperimentSpec spec = ExperimentSpec.parse(SPEC);
        Path part = dir.resolve("other");
        OutOfCoreRuns.cancelAt(spec, part, "tile row 3 of 5");
        Path params = part.resolve("kernels/entk-init-200-0.tiles.params");
        assertTrue(Files.exists(params), "no parameters' hash beside the tiles");
        Files.writeString(params, "0".repeat(64) + "\n");
        String before = Files.readString(part.resolve("run.log"));
        RunFolder reopened = RunFolder.resume(part);
        ExperimentRunnerTest.run(reopened.spec(), reopened, TaskMonitor.NONE);
        String resumed = Files.readString(part.resolve("run.log")).substring(before.length());
        assertFalse(resumed.contains("resuming after tile row"), resumed);
        assertTrue(resumed.contains("empirical NTK, tile row 1 of 5"), resumed);
        assertEquals(uninterrupted(), results(part));
        assertFalse(Files.exists(part.resolve("kernels")), "kernel files left in the run folder");
    }

    /** docs/science.md, §Kernel regression out of core: the eNTK's estimate follows the stated formula. */
    @Test
    void theOutOfCoreEntkEstimateFollowsItsFormula() {
        NetworkSpec net = ExperimentSpec.parse("{\"study\": \"scaling\"}").network(512, 10, new int[] {784});
        int nTest = 2000;
        int c = 10;
        for (int n : new int[] {30000, 60000}) {
            for (int t : new int[] {1024, 2048}) {
                double inMemory = KernelLearners.empiricalFootprint(net, Precision.FLOAT32, n, nTest, c).totalBytes();
                double kernel = 8.0 * n * n;
                double build = 8.0 * t * n + 8.0 * t * t;
                double cholesky = 8.0 * n * t + 2 * 8.0 * t * t;
                double predict = 8.0 * nTest * n;
                // The in-memory peak less its n×n kernel, plus the largest of the build, the factorisation and the
                // prediction's float64 copy of the test block.
                double formula = inMemory - kernel + Math.max(Math.max(build, cholesky), predict);
                double estimate = OutOfCoreKernels.empiricalFootprint(net, Precision.FLOAT32, n, nTest, c, t)
                        .totalBytes();
                assertEquals(formula, estimate, 1e-9 * formula, "n = " + n + ", t = " + t);
            }
        }
        // No n² term: at n = 60,000 it stays under 3 GiB where the kernel alone would take 26.8 GiB in memory.
        assertTrue(OutOfCoreKernels.empiricalFootprint(net, Precision.FLOAT32, 60000, nTest, c, 2048).totalBytes()
                < 3.0 * (1L << 30));
    }

    @Test
    void shortOfMemoryThePreflightSendsTheEntkToDisk() throws Exception {
        // n = 30,000: the eNTK in memory is 6.7 GiB, against 3 GiB free on this fake machine.
        Path root = dir.resolve("machine");
        Files.createDirectories(root.resolve("proc"));
        Files.writeString(root.resolve("proc/meminfo"), "MemTotal:       25165824 kB\nMemAvailable:    3145728 kB\n");
        SystemMemory previous = MemoryBudget.useSystemMemory(new SystemMemory(root));
        try {
            DatasetSource data = DatasetRegistry.open("gaussian-mixture?size=31000&d=8");
            ExperimentSpec empirical = ExperimentSpec.parse("""
                    {"study": "scaling", "dataset": "gaussian-mixture?size=31000&d=8", "nGrid": [1000, 30000],
                     "nTest": 100, "seeds": 1, "width": 16, "learners": ["entk-init"]}""");
            Preflight.check(empirical, data);
            String estimate = Preflight.estimate(empirical, data).describe();
            assertTrue(estimate.contains("eNTK tile row of 2048×30000") || estimate.contains("out-of-core Cholesky"),
                    estimate);
            assertFalse(estimate.contains("30000×30000"), estimate);

            System.setProperty(OutOfCoreKernels.MODE_PROPERTY, "never");
            var refused = org.junit.jupiter.api.Assertions.assertThrows(
                    org.ntkexplorer.core.compute.InsufficientMemoryException.class,
                    () -> Preflight.check(empirical, data));
            assertTrue(refused.getMessage().contains("=never. Drop it"), refused.getMessage());
        } finally {
            MemoryBudget.useSystemMemory(previous);
        }
    }
}
