package org.ntkexplorer.core.experiment.run;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntkexplorer.core.compute.Footprint;
import org.ntkexplorer.core.compute.MemoryBudget;
import org.ntkexplorer.core.io.Npy;
import org.ntkexplorer.core.io.NpyDtype;
import org.ntkexplorer.core.io.NpyFile;
import org.ntkexplorer.core.io.NpyHeader;
import org.ntkexplorer.core.kernel.InfiniteMlpKernel;
import org.ntkexplorer.core.kernel.PanelSink;
import org.ntkexplorer.core.linalg.SpdBuffer;
import org.ntkexplorer.core.regression.KernelRidge;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.spec.Learner;
import org.ntkexplorer.core.experiment.spec.UnitKey;
import org.ntkexplorer.core.experiment.store.ResultRow;
import org.ntkexplorer.core.experiment.store.RunManifest;

/**
 * The infinite NTK and NNGP learners of a run computed as row-block units ({@code run --kernel-blocks B}), so that
 * the shards of a run can share one large kernel. Each (n, seed) of the spec gets B blocks (fewer when its kernel has
 * fewer panels); a block holds, for every infinite-width learner of the spec, its train × train rows (upper triangle,
 * packed) and its test × train rows, and {@code block.json}, written last, marks it finished. Blocks are dealt to
 * shards as units are; {@code merge} gathers them ({@link KernelBlockMerger}); a whole run, or {@code run
 * --resume} on the merged folder, solves each (n, seed) once all its blocks are in the folder.
 *
 * <p>A block's rows are whole panels of {@link InfiniteMlpKernel#stream}, each computed by the same calls as in one
 * pass, and the solve fills the same buffer in the same order as {@link KernelLearners#runInfinite} does, so the
 * results rows equal a run without blocks (RunKernelBlocksTest). When the kernel does not fit in memory (the rule of
 * {@link OutOfCoreKernels#choose}), the solve copies the blocks' rows into tile files and solves there instead
 * ({@link KernelBlocksOutOfCore}).
 */
public final class RunKernelBlocks {
    /** Values per panel array, for tests only: small kernels then have several panels, hence several blocks. */
    static final String PANEL_PROPERTY = "ntkexplorer.kernelPanelValues";

    private final RunContext ctx;

    RunKernelBlocks(RunContext ctx) {
        this.ctx = ctx;
    }

    /** Why {@code run --kernel-blocks blocks} cannot run {@code spec}, or null. */
    public static String problem(ExperimentSpec spec, int blocks) {
        return KernelBlockUnits.problem(spec, blocks);
    }

    /**
     * Marks a new run folder, before its run starts, as computing its infinite-width kernels in {@code blocks} row
     * blocks; a resumed run and a merge of its shards read the mark back.
     */
    public static void start(Path runDir, int blocks) throws IOException {
        KernelBlockUnits.writeSetting(runDir, blocks);
    }

    /** Row blocks per kernel the folder's run was started with; 0 when it computes its kernels in one pass. */
    public static int blocksOf(Path dir) {
        try {
            return KernelBlockUnits.blocksOf(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Computes this folder's blocks that are not finished; then, in a whole run, solves what is complete. */
    void run() throws IOException {
        List<KernelBlockUnits.BlockUnit> mine = KernelBlockUnits.ofShard(ctx.spec, ctx.kernelBlocks,
                ctx.folder.shard());
        for (KernelBlockUnits.BlockUnit b : mine) {
            if (KernelBlockUnits.read(KernelBlockUnits.dir(ctx.folder.dir(), b)) == null) {
                ctx.monitor.checkCancelled();
                compute(b);
            }
        }
        if (ctx.folder.shard() == null) {
            for (UnitKey u : StudyRun.unitsOf(ctx.spec)) {
                solve(u);
            }
        }
    }

    private Set<Learner> wanted() {
        Set<Learner> out = EnumSet.noneOf(Learner.class);
        for (Learner l : ctx.spec.learners()) {
            if (l.needsInfiniteKernel()) {
                out.add(l);
            }
        }
        return out;
    }

    private void compute(KernelBlockUnits.BlockUnit b) throws IOException {
        ctx.progress(0, "kernel block " + b.describe());
        PreparedSplit[] split = ctx.split(b.n(), b.seed());
        // Timed from here, as the one pass is: its row's seconds do not count the subset either.
        long start = System.nanoTime();
        INDArray x = split[0].inputs();
        INDArray xTest = split[1].inputs();
        int n = (int) x.rows();
        int nTest = (int) xTest.rows();
        InfiniteMlpKernel kernel = ctx.infiniteKernel(x.columns());
        int step = kernel.panelRows(n);
        int[] r = KernelBlockUnits.rows(n, nTest, step, b.block(), b.count());
        Path dir = KernelBlockUnits.dir(ctx.folder.dir(), b);
        if (Files.isDirectory(dir)) {
            // An unfinished block (no block.json) is computed again from the start.
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
        }
        Files.createDirectories(dir);
        Set<Learner> wanted = wanted();
        long packed = 0;
        for (int i = r[0]; i < r[1]; i++) {
            packed += n - i;
        }
        Map<Learner, OutputStream> train = new LinkedHashMap<>();
        Map<Learner, OutputStream> test = new LinkedHashMap<>();
        try {
            for (Learner l : wanted) {
                train.put(l, open(dir.resolve(KernelBlockUnits.trainFile(l)), new long[] {packed}));
                test.put(l, open(dir.resolve(KernelBlockUnits.testFile(l)), new long[] {r[3] - r[2], n}));
            }
            ByteBuffer bytes = ByteBuffer.allocate(Math.max(n, 1) * step * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            PanelSink trainSink = (r0, rows, c0, cols, g, t) -> {
                for (Map.Entry<Learner, OutputStream> e : train.entrySet()) {
                    double[] v = e.getKey() == Learner.INFINITE_NTK ? t : g;
                    bytes.clear();
                    for (int row = 0; row < rows; row++) {
                        int from = r0 + row - c0;
                        bytes.asDoubleBuffer().put(v, row * cols + from, cols - from);
                        bytes.position(bytes.position() + (cols - from) * Double.BYTES);
                    }
                    write(e.getValue(), bytes);
                }
            };
            PanelSink testSink = (r0, rows, c0, cols, g, t) -> {
                for (Map.Entry<Learner, OutputStream> e : test.entrySet()) {
                    double[] v = e.getKey() == Learner.INFINITE_NTK ? t : g;
                    bytes.clear();
                    bytes.asDoubleBuffer().put(v, 0, rows * cols);
                    bytes.position(rows * cols * Double.BYTES);
                    write(e.getValue(), bytes);
                }
            };
            kernel.streamRows(x, xTest, r[0], r[1], r[2], r[3], trainSink, testSink);
        } finally {
            for (OutputStream o : train.values()) {
                o.close();
            }
            for (OutputStream o : test.values()) {
                o.close();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        KernelBlockUnits.write(dir, new KernelBlockUnits.Written(b, step, r, sealOf(ctx), seconds));
        ctx.folder.log(String.format(java.util.Locale.ROOT, "kernel block %s: train rows %d–%d, %s, %.1f s",
                b.describe(), r[0], r[1] - 1, r[3] > r[2] ? "test rows " + r[2] + "–" + (r[3] - 1) : "no test rows",
                seconds));
    }

    private static OutputStream open(Path p, long[] shape) throws IOException {
        OutputStream o = new BufferedOutputStream(Files.newOutputStream(p), 1 << 16);
        o.write(NpyHeader.encode(NpyDtype.FLOAT64, shape));
        return o;
    }

    private static void write(OutputStream o, ByteBuffer bytes) {
        try {
            o.write(bytes.array(), 0, bytes.position());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The infinite-width learners of one unit that the folder has no row of, from its blocks, as
     * {@link KernelLearners#runInfinite} solves them: one buffer, the NTK first, then the NNGP written over it.
     */
    private void solve(UnitKey u) throws IOException {
        Set<Learner> todo = wanted();
        for (ResultRow row : ctx.folder.results()) {
            if (row.sameUnit(u)) {
                todo.remove(row.learner());
            }
        }
        if (todo.isEmpty()) {
            return;
        }
        List<KernelBlockUnits.Written> blocks = KernelBlockUnits.complete(ctx.folder.dir(), u);
        PreparedSplit[] split = ctx.split(u.n(), u.seed());
        PreparedSplit train = split[0];
        PreparedSplit test = split[1];
        int n = (int) train.inputs().rows();
        int nTest = (int) test.inputs().rows();
        int step = ctx.infiniteKernel(train.inputs().columns()).panelRows(n);
        KernelBlockUnits.requireCover(blocks, u, n, nTest, step);
        double pass = 0;
        for (KernelBlockUnits.Written w : blocks) {
            pass += w.seconds();
        }
        int inputDim = (int) train.inputs().columns();
        // Files a killed out-of-core solve left are resumed whatever memory is free now, as KernelLearners does.
        KernelBlocksOutOfCore outOfCore = new KernelBlocksOutOfCore(ctx);
        int tile = outOfCore.leftBehind(n, u.seed());
        if (tile == 0) {
            tile = OutOfCoreKernels.choose(Footprint.NONE, n, nTest, inputDim, train.outputs(), todo.size());
        }
        if (tile > 0) {
            ctx.progress(0, "infinite-width kernels of " + u.describe() + " from " + blocks.size()
                    + " blocks, out of core");
            List<Learner> ordered = new ArrayList<>();
            for (Learner l : new Learner[] {Learner.INFINITE_NTK, Learner.NNGP}) {
                if (todo.contains(l)) {
                    ordered.add(l);
                }
            }
            outOfCore.solve(ordered, blocks, u, train, test, tile, pass);
            System.gc();
            return;
        }
        MemoryBudget.require("The solve of the " + todo.size() + " infinite-width kernel" + (todo.size() > 1 ? "s" : "")
                        + " of n = " + n + " from its blocks",
                KernelLearners.infiniteFootprint(n, nTest, inputDim, train.outputs(), todo.size()),
                OutOfCoreKernels.allowed() ? "Neither the kernel in memory nor its tiles on disk fit; run the solve on "
                        + "a machine with more memory" : "Drop -D" + OutOfCoreKernels.MODE_PROPERTY + "=never to solve "
                        + "it with the kernel on disk, or run the solve on a machine with more memory");
        ctx.progress(0, "infinite-width kernels of " + u.describe() + " from " + blocks.size() + " blocks");
        try (SpdBuffer k = SpdBuffer.allocate(n)) {
            for (Learner l : new Learner[] {Learner.INFINITE_NTK, Learner.NNGP}) {
                if (!todo.contains(l)) {
                    continue;
                }
                ctx.monitor.checkCancelled();
                long solveStart = System.nanoTime();
                INDArray kTest = Nd4j.createUninitialized(DataType.DOUBLE, nTest, n);
                for (KernelBlockUnits.Written w : blocks) {
                    Path dir = KernelBlockUnits.dir(ctx.folder.dir(), w.unit());
                    readTrain(dir.resolve(KernelBlockUnits.trainFile(l)), k, n, w.rows()[0], w.rows()[1]);
                    readTest(dir.resolve(KernelBlockUnits.testFile(l)), kTest, n, w.rows()[2], w.rows()[3]);
                }
                INDArray predictions = KernelRidge.fitInPlace(k, train.regressionTargets(), ctx.spec.ridge())
                        .predict(kTest);
                kTest.close();
                ctx.appendResult(Evaluation.of(predictions, test).kernelRow(l, u.n(), u.seed(),
                        pass + (System.nanoTime() - solveStart) / 1e9));
            }
        }
        System.gc();
    }

    private static void readTrain(Path file, SpdBuffer k, int n, int from, int to) throws IOException {
        NpyFile f = Npy.open(file);
        long at = 0;
        for (int i = from; i < to; i++) {
            double[] row = f.readRows(at, at + n - i).toDoubles();
            k.putRow(i, i, row, 0, n - i);
            at += n - i;
        }
    }

    static void readTest(Path file, INDArray kTest, int n, int from, int to) throws IOException {
        if (to == from) {
            return;
        }
        NpyFile f = Npy.open(file);
        // Chunks of rows, so that no single mapping reaches 2 GiB at large n.
        int chunk = Math.max(1, (1 << 27) / Math.max(1, n));
        for (int r = 0; r < to - from; r += chunk) {
            int end = Math.min(to - from, r + chunk);
            double[] rows = f.readRows(r, end).toDoubles();
            kTest.data().asNioDouble().put((int) ((long) (from + r) * n), rows, 0, rows.length);
        }
    }

    /**
     * The seal the folder was started with, which the merge compares with: a folder sealed by an earlier version may
     * hold keys this version leaves out of spec.json, so the spec's hash now can differ from it.
     */
    private static String sealOf(RunContext ctx) {
        RunManifest m = ctx.folder.manifest();
        return m != null ? m.specSha256() : RunManifest.sha256(ctx.spec);
    }
}
