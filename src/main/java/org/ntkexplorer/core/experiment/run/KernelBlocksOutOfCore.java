package org.ntkexplorer.core.experiment.run;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bytedeco.javacpp.DoublePointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntkexplorer.core.compute.MemoryBudget;
import org.ntkexplorer.core.io.Npy;
import org.ntkexplorer.core.io.NpyFile;
import org.ntkexplorer.core.linalg.OutOfCoreCholesky;
import org.ntkexplorer.core.linalg.TileFile;
import org.ntkexplorer.core.regression.KernelRidgeModel;
import org.ntkexplorer.core.regression.OutOfCoreRidge;
import org.ntkexplorer.core.experiment.spec.Learner;
import org.ntkexplorer.core.experiment.spec.UnitKey;

/**
 * The solve of a unit's infinite-width kernels from its row blocks ({@link RunKernelBlocks}) when the n×n kernel does
 * not fit in memory: each kernel in turn is copied from the blocks' packed upper-triangle rows into
 * {@code kernels/blocks-<n>-<seed>-<kernel>.tiles} one tile column at a time, then solved there by the blocked Cholesky
 * of {@link OutOfCoreRidge}, as the run's own out-of-core path does ({@link OutOfCoreLearners}). Only one kernel and its
 * factor are on disk at a time. A killed or cancelled solve resumes after the last finished tile column of the copy,
 * then of the factorisation; the files go once the kernel's results.csv row is written.
 */
final class KernelBlocksOutOfCore {
    private final RunContext ctx;

    KernelBlocksOutOfCore(RunContext ctx) {
        this.ctx = ctx;
    }

    /** The tile side of files a killed solve of this unit left behind, or 0 when there are none. */
    int leftBehind(int n, long seed) {
        return OutOfCoreLearners.leftBehind(n, l -> kernelFile(n, seed, l));
    }

    /**
     * Solves {@code todo} (in the order NTK, NNGP) from the complete {@code blocks} of unit {@code u}; each row's time
     * is {@code pass}, the blocks' own seconds, plus its copy and solve.
     */
    void solve(List<Learner> todo, List<KernelBlockUnits.Written> blocks, UnitKey u, PreparedSplit train,
            PreparedSplit test, int tile, double pass) throws IOException {
        int n = (int) train.inputs().rows();
        int nTest = (int) test.inputs().rows();
        Files.createDirectories(dir());
        for (Learner l : new Learner[] {Learner.INFINITE_NTK, Learner.NNGP}) {
            if (!todo.contains(l)) {
                // Solved before a kill that came between its result row and the deletion of its files.
                OutOfCoreLearners.deleteKernel(kernelFile(n, u.seed(), l));
                Files.deleteIfExists(kernelFile(n, u.seed(), l).resolveSibling(kernelFile(n, u.seed(), l).getFileName()
                        + ".fill.progress"));
            }
        }
        for (int k = 0; k < todo.size(); k++) {
            Learner l = todo.get(k);
            ctx.monitor.checkCancelled();
            long start = System.nanoTime();
            Path file = kernelFile(n, u.seed(), l);
            Path filled = file.resolveSibling(file.getFileName() + ".fill.progress");
            int tiles = (n + tile - 1) / tile;
            boolean resuming = leftBehind(n, u.seed()) == tile && Files.exists(file)
                    && TileFile.lastFinished(filled, tiles, "tile column") >= 0;
            if (!resuming) {
                // A factor left from another copy of the kernel would be resumed as if it were this one's.
                OutOfCoreLearners.deleteKernel(file);
                Files.deleteIfExists(filled);
            }
            OutOfCoreKernels.requireDisk(dir(), OutOfCoreKernels.diskBytes(n, tile, 1), resuming);
            ctx.folder.log("kernel out of core from blocks: file " + ctx.folder.dir().relativize(file) + ", tiles of "
                    + tile + "×" + tile + " (" + tiles + " tile columns), " + MemoryBudget.gib(
                    OutOfCoreKernels.diskBytes(n, tile, 1)) + " on disk at most (in memory the kernel would take "
                    + OutOfCoreKernels.inMemorySize(n) + ")" + (resuming ? "; resuming after tile column "
                    + (TileFile.lastFinished(filled, tiles, "tile column") + 1) + " of " + tiles : ""));
            KernelRidgeModel model;
            try (TileFile kernel = open(file, n, tile, resuming)) {
                fill(kernel, blocks, l, filled, k, todo.size());
                model = OutOfCoreRidge.fit(kernel, train.regressionTargets(), ctx.spec.ridge(),
                        solveProgress(l, k, todo.size()));
            }
            INDArray kTest = Nd4j.createUninitialized(DataType.DOUBLE, nTest, n);
            for (KernelBlockUnits.Written w : blocks) {
                Path d = KernelBlockUnits.dir(ctx.folder.dir(), w.unit());
                RunKernelBlocks.readTest(d.resolve(KernelBlockUnits.testFile(l)), kTest, n, w.rows()[2], w.rows()[3]);
            }
            INDArray predictions = model.predict(kTest);
            kTest.close();
            ctx.appendResult(Evaluation.of(predictions, test).kernelRow(l, u.n(), u.seed(),
                    pass + (System.nanoTime() - start) / 1e9));
            OutOfCoreLearners.deleteKernel(file);
            Files.deleteIfExists(filled);
        }
        try (var left = Files.list(dir())) {
            if (left.findAny().isEmpty()) {
                Files.delete(dir());
            }
        }
    }

    /**
     * Copies kernel {@code l} from the blocks into {@code kernel}, tile column by tile column: the rows of tile
     * column J are the packed upper-triangle rows Jt … Jt + t − 1, so each column needs only its own rows, read
     * once. The column is gathered in one native buffer of at most n·t values, the size of the Cholesky's own tile
     * column, which comes after.
     */
    private void fill(TileFile kernel, List<KernelBlockUnits.Written> blocks, Learner l, Path filled, int k,
            int count) throws IOException {
        int n = kernel.n();
        int t = kernel.tile();
        int tiles = kernel.tiles();
        Map<KernelBlockUnits.Written, NpyFile> files = new HashMap<>();
        try (DoublePointer column = new DoublePointer((long) n * t);
                DoublePointer tileBuf = new DoublePointer((long) t * t)) {
            DoubleBuffer col = column.asBuffer();
            DoubleBuffer out = tileBuf.asBuffer();
            for (int j = TileFile.lastFinished(filled, tiles, "tile column") + 1; j < tiles; j++) {
                ctx.monitor.checkCancelled();
                int rj = kernel.rows(j);
                for (int c = 0; c < rj; c++) {
                    int row = j * t + c;
                    DoubleBuffer v = upperRow(blocks, files, l, row, n);
                    // Entry (row, r), r ≥ row, is entry (r, row) of the lower triangle: tile r / t of the column.
                    for (int r = row; r < n; r++) {
                        col.put((r - j * t) * rj + c, v.get(r - row));
                    }
                }
                for (int r = 0; r < rj; r++) {
                    for (int c = r + 1; c < rj; c++) {
                        col.put(r * rj + c, col.get(c * rj + r));
                    }
                }
                for (int i = j; i < tiles; i++) {
                    out.clear();
                    out.put(col.slice((i - j) * t * rj, kernel.rows(i) * rj));
                    kernel.write(i, j, tileBuf);
                }
                kernel.force();
                TileFile.markFinished(filled, j);
                String stage = l.id() + " kernel from blocks to tiles, tile column " + (j + 1) + " of " + tiles;
                ctx.progress(0.5 * (k + (j + 1.0) / tiles) / count, stage);
                ctx.folder.log("kernel out of core: " + stage + " done");
            }
        }
    }

    /** Row {@code row} of the kernel from column {@code row} on, as its block holds it (mapped, not copied). */
    private DoubleBuffer upperRow(List<KernelBlockUnits.Written> blocks, Map<KernelBlockUnits.Written, NpyFile> files,
            Learner l, int row, int n) throws IOException {
        for (KernelBlockUnits.Written w : blocks) {
            int from = w.rows()[0];
            if (row >= from && row < w.rows()[1]) {
                NpyFile f = files.get(w);
                if (f == null) {
                    f = Npy.open(KernelBlockUnits.dir(ctx.folder.dir(), w.unit()).resolve(KernelBlockUnits.trainFile(l)));
                    files.put(w, f);
                }
                long at = (long) (row - from) * n - (long) (row - from) * (from + row - 1) / 2;
                return f.readRows(at, at + n - row).buffer().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
            }
        }
        throw new IllegalStateException("no block holds row " + row + " of the kernel");
    }

    private OutOfCoreCholesky.Progress solveProgress(Learner l, int k, int count) {
        return (column, columns) -> {
            ctx.monitor.checkCancelled();
            String stage = l.id() + " out-of-core Cholesky from blocks, tile column " + (column + 1) + " of " + columns;
            ctx.progress(0.5 + 0.5 * (k + (column + 1.0) / columns) / count, stage);
            ctx.folder.log("kernel out of core: " + stage + " done");
        };
    }

    private static TileFile open(Path p, int n, int tile, boolean resuming) throws IOException {
        return resuming ? TileFile.open(p) : TileFile.create(p, n, tile);
    }

    private Path dir() {
        return OutOfCoreLearners.dir(ctx);
    }

    private Path kernelFile(int n, long seed, Learner l) {
        return dir().resolve("blocks-" + n + "-" + seed + "-" + (l == Learner.INFINITE_NTK ? "ntk" : "nngp") + ".tiles");
    }
}
