package org.ntkexplorer.core.experiment.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntkexplorer.core.compute.MemoryBudget;
import org.ntkexplorer.core.compute.TaskMonitor;
import org.ntkexplorer.core.kernel.InfiniteKernelTiles;
import org.ntkexplorer.core.kernel.PanelSink;
import org.ntkexplorer.core.linalg.OutOfCoreCholesky;
import org.ntkexplorer.core.linalg.TileFile;
import org.ntkexplorer.core.regression.KernelRidgeModel;
import org.ntkexplorer.core.regression.OutOfCoreRidge;
import org.ntkexplorer.core.experiment.spec.Learner;

/**
 * The infinite NTK and NNGP learners of one unit with their kernels on disk (docs/science.md, §Kernel regression out
 * of core): both kernels tile by tile into {@code kernels/infinite-<n>-<seed>-<kernel>.tiles} in the run folder, from
 * one pass, then each solved there by the blocked Cholesky, its factor in a file beside it; the n_test×n test blocks
 * stay in memory. A killed or cancelled unit resumes from the last finished tile row of the build and the last
 * finished tile column of the factorisation. Each kernel's files are deleted once its results.csv row is written, and
 * the folder is left as it was once both are.
 */
final class OutOfCoreLearners {
    private final RunContext ctx;

    OutOfCoreLearners(RunContext ctx) {
        this.ctx = ctx;
    }

    /** The tile side of files a killed unit left behind, or 0 when there are none. */
    int leftBehind(int n, long seed) {
        return leftBehind(n, l -> kernelFile(n, seed, l));
    }

    /**
     * The tile side of the first infinite-width kernel file of size n that exists ({@code file} names it), or 0: a
     * file of another n, or one that cannot be read, is not resumed from.
     */
    static int leftBehind(int n, java.util.function.Function<Learner, Path> file) {
        for (Learner l : new Learner[] {Learner.INFINITE_NTK, Learner.NNGP}) {
            Path p = file.apply(l);
            if (Files.exists(p)) {
                try (TileFile f = TileFile.open(p)) {
                    return f.n() == n ? f.tile() : 0;
                } catch (IOException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    void run(Set<Learner> which, int n, long seed, PreparedSplit train, PreparedSplit test, int tile) {
        List<Learner> wanted = new ArrayList<>();
        for (Learner l : new Learner[] {Learner.INFINITE_NTK, Learner.NNGP}) {
            if (which.contains(l)) {
                wanted.add(l);
            } else {
                deleteKernel(kernelFile(n, seed, l));
            }
        }
        try {
            Files.createDirectories(dir());
            runIn(wanted, n, seed, train, test, tile);
        } catch (IOException e) {
            throw new UncheckedIOException("The out-of-core kernel of n = " + n + " in " + dir() + " failed: "
                    + e.getMessage(), e);
        }
    }

    private void runIn(List<Learner> wanted, int n, long seed, PreparedSplit train, PreparedSplit test, int tile)
            throws IOException {
        long start = System.nanoTime();
        Path build = dir().resolve(base(n, seed) + ".build.progress");
        int tiles = (n + tile - 1) / tile;
        boolean resuming = TileFile.lastFinished(build, tiles, "tile row") >= 0
                && wanted.stream().allMatch(l -> Files.exists(kernelFile(n, seed, l)));
        if (!resuming) {
            // A factor left from other kernel files would be resumed as if it were theirs.
            Files.deleteIfExists(build);
            wanted.forEach(l -> deleteKernel(kernelFile(n, seed, l)));
        }
        long disk = OutOfCoreKernels.diskBytes(n, tile, wanted.size());
        OutOfCoreKernels.requireDisk(dir(), disk, resuming);
        List<String> files = wanted.stream().map(l -> ctx.folder.dir().relativize(kernelFile(n, seed, l)).toString())
                .toList();
        ctx.folder.log("kernel out of core: file " + String.join(" and ", files) + ", tiles of " + tile + "×" + tile + " (" + tiles
                + " tile rows), " + MemoryBudget.gib(disk) + " on disk at most (in memory one kernel would take "
                + OutOfCoreKernels.inMemorySize(n) + ")" + (resuming ? "; resuming after tile row "
                + (TileFile.lastFinished(build, tiles, "tile row") + 1) + " of " + tiles : ""));
        int nTest = (int) test.inputs().rows();
        INDArray[] testBlocks = testBlocks(wanted, n, nTest, train, test);
        TileFile ntk = null;
        TileFile nngp = null;
        try {
            ntk = wanted.contains(Learner.INFINITE_NTK) ? open(kernelFile(n, seed, Learner.INFINITE_NTK), n, tile,
                    resuming) : null;
            nngp = wanted.contains(Learner.NNGP) ? open(kernelFile(n, seed, Learner.NNGP), n, tile, resuming) : null;
            new InfiniteKernelTiles(ctx.infiniteKernel(train.inputs().columns())).build(train.inputs(), ntk, nngp,
                    build, buildMonitor(tiles, tile));
            double pass = (System.nanoTime() - start) / 1e9;
            for (int k = 0; k < wanted.size(); k++) {
                Learner l = wanted.get(k);
                long solveStart = System.nanoTime();
                TileFile file = l == Learner.INFINITE_NTK ? ntk : nngp;
                KernelRidgeModel model = OutOfCoreRidge.fit(file, train.regressionTargets(), ctx.spec.ridge(),
                        solveProgress(l, k, wanted.size()));
                INDArray predictions = model.predict(testBlocks[k]);
                ctx.appendResult(Evaluation.of(predictions, test).kernelRow(l, n, seed,
                        pass + (System.nanoTime() - solveStart) / 1e9));
                file.close();
                deleteKernel(file.path());
                testBlocks[k].close();
            }
            Files.deleteIfExists(build);
            try (var left = Files.list(dir())) {
                if (left.findAny().isEmpty()) {
                    Files.delete(dir());
                }
            }
        } finally {
            for (TileFile f : new TileFile[] {ntk, nngp}) {
                if (f != null) {
                    f.close();
                }
            }
        }
    }

    /** The n_test×n blocks of the wanted kernels, in {@code wanted}'s order, from one pass as in memory. */
    private INDArray[] testBlocks(List<Learner> wanted, int n, int nTest, PreparedSplit train, PreparedSplit test) {
        INDArray[] blocks = new INDArray[wanted.size()];
        for (int k = 0; k < blocks.length; k++) {
            blocks[k] = Nd4j.createUninitialized(DataType.DOUBLE, nTest, n);
        }
        int ntkAt = wanted.indexOf(Learner.INFINITE_NTK);
        int nngpAt = wanted.indexOf(Learner.NNGP);
        PanelSink sink = KernelLearners.testSink(ntkAt >= 0 ? blocks[ntkAt] : null,
                nngpAt >= 0 ? blocks[nngpAt] : null);
        ctx.infiniteKernel(train.inputs().columns()).stream(train.inputs(), test.inputs(), null, sink);
        System.gc();
        return blocks;
    }

    private TaskMonitor buildMonitor(int tiles, int tile) {
        String[] logged = {""};
        int[] pairs = {0};
        int every = OutOfCoreKernels.pairsPerCollection(tile);
        return new TaskMonitor() {
            @Override
            public void progress(double fraction, String stage) {
                // Each tile pair leaves its recursion's ND4J arrays to the collector, off the heap, where nothing
                // else would make it run: 7.7 GB resident at n = 60,000 before this, against 4.5 GiB estimated.
                if (++pairs[0] % every == 0) {
                    System.gc();
                }
                ctx.progress(0.05 + 0.45 * fraction, stage);
                // One run.log line per tile row, so that a long build shows where it is.
                if (!stage.equals(logged[0])) {
                    logged[0] = stage;
                    ctx.folder.log("kernel out of core: " + stage);
                }
            }

            @Override
            public boolean isCancelled() {
                return ctx.monitor.isCancelled();
            }
        };
    }

    private OutOfCoreCholesky.Progress solveProgress(Learner l, int k, int count) {
        return (column, columns) -> {
            ctx.monitor.checkCancelled();
            String stage = l.id() + " out-of-core Cholesky, tile column " + (column + 1) + " of " + columns;
            ctx.progress(0.5 + 0.5 * (k + (column + 1.0) / columns) / count, stage);
            ctx.folder.log("kernel out of core: " + stage + " done");
        };
    }

    private static TileFile open(Path p, int n, int tile, boolean resuming) throws IOException {
        if (resuming) {
            TileFile f = TileFile.open(p);
            if (f.n() == n && f.tile() == tile) {
                return f;
            }
            f.close();
        }
        return TileFile.create(p, n, tile);
    }

    /** The kernel's file, its factor and the factor's progress (named as {@link OutOfCoreRidge} names them). */
    static void deleteKernel(Path kernel) {
        Path factor = kernel.resolveSibling(kernel.getFileName() + ".factor");
        delete(kernel);
        delete(factor);
        delete(factor.resolveSibling(factor.getFileName() + ".progress"));
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // Left behind only if the folder is not writable any more; the results are unaffected.
        }
    }

    private Path dir() {
        return dir(ctx);
    }

    /** The folder of a run's out-of-core kernel files. */
    static Path dir(RunContext ctx) {
        return ctx.folder.dir().resolve("kernels");
    }

    private static String base(int n, long seed) {
        return "infinite-" + n + "-" + seed;
    }

    private Path kernelFile(int n, long seed, Learner l) {
        return dir().resolve(base(n, seed) + "-" + (l == Learner.INFINITE_NTK ? "ntk" : "nngp") + ".tiles");
    }
}
