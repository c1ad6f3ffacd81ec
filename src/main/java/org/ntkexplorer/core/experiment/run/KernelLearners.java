package org.ntkexplorer.core.experiment.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntkexplorer.core.kernel.EmpiricalNtkFootprint;
import org.ntkexplorer.core.compute.Footprint;
import org.ntkexplorer.core.kernel.EmpiricalNtk;
import org.ntkexplorer.core.kernel.InfiniteMlpKernel;
import org.ntkexplorer.core.kernel.PanelSink;
import org.ntkexplorer.core.kernel.Precision;
import org.ntkexplorer.core.linalg.SpdBuffer;
import org.ntkexplorer.core.model.NetworkSpec;
import org.ntkexplorer.core.model.NtkNetwork;
import org.ntkexplorer.core.regression.KernelRidge;
import org.ntkexplorer.core.regression.KernelRidgeModel;
import org.ntkexplorer.core.experiment.spec.Learner;

/**
 * Kernel regression as a learner of a scaling or richness study: one results.csv row per kernel, size and seed.
 *
 * <p>Each learner holds one n×n float64 matrix, the native {@link SpdBuffer} its kernel is written into block by
 * block and then factorised in place, plus its n_test×n test block (docs/science.md, §Memory of a kernel learner).
 * The infinite NTK and NNGP share one pass: the NTK goes to the buffer and the NNGP's upper triangle to a spill
 * file in the run folder, read back into the same buffer once the NTK is solved. When that buffer does not fit in
 * memory, the kernels go to tile files in the run folder instead ({@link OutOfCoreLearners} for the infinite-width
 * ones, {@link OutOfCoreEmpirical} for an eNTK).
 */
public final class KernelLearners {
    /** The eNTK's kernel in memory, by name in refusals (Preflight.advice says what to change). */
    static final String EMPIRICAL_KERNEL = "the eNTK's float64 kernel in memory";

    private final RunContext ctx;
    private final OutOfCoreLearners outOfCore;
    private final OutOfCoreEmpirical outOfCoreEmpirical;

    public KernelLearners(RunContext ctx) {
        this.ctx = ctx;
        this.outOfCore = new OutOfCoreLearners(ctx);
        this.outOfCoreEmpirical = new OutOfCoreEmpirical(ctx);
    }

    /**
     * Peak of {@link #runEmpirical} (docs/science.md, §Memory of a kernel learner):
     * 8n² + w·n_test·n + eNTK work space (blocks of b = min(2048, n) rows) + regression's 6·8·n·C.
     */
    static Footprint empiricalFootprint(NetworkSpec net, Precision precision, int n, int nTest, int outputs) {
        return Footprint.of(EMPIRICAL_KERNEL + " of " + n + "×" + n, SpdBuffer.bytes(n), 0)
                .plus(EmpiricalNtkFootprint.ofLearner(net, precision, n, nTest))
                .plus(KernelRidge.inPlaceFootprint(n, outputs));
    }

    /**
     * Peak of {@link #runInfinite} for {@code kernels} (1 or 2) learners: 8n² + kernels·8·n_test·n + panels
     * (3 × 32 MiB) + the inputs in float64 + a spill row + regression's 6·8·n·C.
     */
    static Footprint infiniteFootprint(int n, int nTest, int inputDim, int outputs, int kernels) {
        return Footprint.of("one " + n + "×" + n + " float64 kernel", SpdBuffer.bytes(n), 0)
                .plus(Footprint.of("infinite-width " + nTest + "×" + n + " test block" + (kernels > 1 ? "s" : ""),
                        kernels * (double) nTest * n * Double.BYTES, 0))
                .plus(InfiniteMlpKernel.streamFootprint(n, nTest, inputDim))
                .plus(Footprint.of("NNGP spill row", 0, kernels > 1 ? 2.0 * n * Double.BYTES : 0))
                .plus(KernelRidge.inPlaceFootprint(n, outputs));
    }

    /** The eNTK of {@code net} as a learner: train kernel into the buffer, test block beside it. */
    public void runEmpirical(Learner l, NtkNetwork net, int n, long seed, PreparedSplit train, PreparedSplit test) {
        ctx.monitor.checkCancelled();
        ctx.progress(0.05, l.id() + " kernel, n = " + n);
        long start = System.nanoTime();
        // A file a killed out-of-core unit left is resumed whatever memory is free now.
        int tile = outOfCoreEmpirical.leftBehind(l, n, seed);
        if (tile == 0) {
            tile = OutOfCoreKernels.chooseEmpirical(Footprint.NONE, net.spec(), ctx.spec.dtype(), n,
                    (int) test.inputs().rows(), train.outputs());
        }
        if (tile > 0) {
            outOfCoreEmpirical.run(l, net, n, seed, train, test, tile);
            return;
        }
        // Files of an earlier out-of-core attempt that cannot be resumed: this unit is made in memory now.
        outOfCoreEmpirical.delete(l, n, seed);
        EmpiricalNtk ntk = EmpiricalNtk.of(net, ctx.spec.dtype(), 0, ctx.monitor);
        KernelRidgeModel model;
        INDArray kTest;
        try (SpdBuffer k = SpdBuffer.allocate(n)) {
            ntk.computeInto(train.inputs(), k);
            kTest = ntk.computeBounded(test.inputs(), train.inputs());
            model = KernelRidge.fitInPlace(k, train.regressionTargets(), ctx.spec.ridge());
        }
        // After the n×n buffer is freed: the prediction makes a float64 copy of the test block.
        INDArray predictions = model.predict(kTest);
        kTest.close();
        ctx.appendResult(Evaluation.of(predictions, test).kernelRow(l, n, seed,
                (System.nanoTime() - start) / 1e9));
    }

    /**
     * The infinite NTK and/or NNGP of the spec's MLP, as many learners as {@code which} names, from one pass. Each
     * row's time is the shared pass plus its own solve.
     */
    public void runInfinite(Set<Learner> which, int n, long seed, PreparedSplit train, PreparedSplit test) {
        boolean ntk = which.contains(Learner.INFINITE_NTK);
        boolean nngp = which.contains(Learner.NNGP);
        if (!ntk && !nngp) {
            return;
        }
        ctx.monitor.checkCancelled();
        ctx.progress(0.05, (ntk ? "infinite NTK" : "NNGP") + (ntk && nngp ? " and NNGP" : "") + " kernels, n = " + n);
        int nTest = (int) test.inputs().rows();
        // Files a killed out-of-core unit left are resumed whatever memory is free now.
        int tile = outOfCore.leftBehind(n, seed);
        if (tile == 0) {
            tile = OutOfCoreKernels.choose(Footprint.NONE, n, nTest, (int) train.inputs().columns(),
                    train.outputs(), ntk && nngp ? 2 : 1);
        }
        if (tile > 0) {
            outOfCore.run(which, n, seed, train, test, tile);
            return;
        }
        long start = System.nanoTime();
        INDArray testNtk = ntk ? Nd4j.createUninitialized(DataType.DOUBLE, nTest, n) : null;
        INDArray testNngp = nngp ? Nd4j.createUninitialized(DataType.DOUBLE, nTest, n) : null;
        Path spill = ntk && nngp ? ctx.folder.dir().resolve("nngp-" + n + "-" + seed + ".spill") : null;
        try (SpdBuffer k = SpdBuffer.allocate(n)) {
            try (FileChannel out = spill == null ? null : FileChannel.open(spill, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.allocate(n * Double.BYTES).order(ByteOrder.nativeOrder());
                PanelSink trainSink = (r0, rows, c0, cols, g, t) -> {
                    for (int r = 0; r < rows; r++) {
                        int from = r0 + r - c0;
                        k.putRow(r0 + r, r0 + r, ntk ? t : g, r * cols + from, cols - from);
                        if (out != null) {
                            write(out, bytes, g, r * cols + from, cols - from);
                        }
                    }
                };
                PanelSink testSink = testSink(testNtk, testNngp);
                ctx.infiniteKernel(train.inputs().columns()).stream(train.inputs(), test.inputs(), trainSink, testSink);
            }
            double pass = (System.nanoTime() - start) / 1e9;
            Learner first = ntk ? Learner.INFINITE_NTK : Learner.NNGP;
            solve(first, k, ntk ? testNtk : testNngp, n, seed, train, test, pass, System.nanoTime());
            if (spill != null) {
                long reload = System.nanoTime();
                readBack(spill, k, n);
                solve(Learner.NNGP, k, testNngp, n, seed, train, test, pass, reload);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not spill the NNGP kernel to " + spill + ": " + e.getMessage(), e);
        } finally {
            if (spill != null) {
                try {
                    Files.deleteIfExists(spill);
                } catch (IOException e) {
                    // Left behind only if the folder is not writable any more; the run's results are unaffected.
                }
            }
        }
    }

    /** A sink of test×train panels into dense n_test×n blocks of the NTK and the NNGP (either may be null). */
    static PanelSink testSink(INDArray ntkBlock, INDArray nngpBlock) {
        return (r0, rows, c0, cols, g, t) -> {
            if (ntkBlock != null) {
                ntkBlock.data().asNioDouble().put(r0 * cols, t, 0, rows * cols);
            }
            if (nngpBlock != null) {
                nngpBlock.data().asNioDouble().put(r0 * cols, g, 0, rows * cols);
            }
        };
    }

    private void solve(Learner l, SpdBuffer k, INDArray kTest, int n, long seed, PreparedSplit train,
            PreparedSplit test, double passSeconds, long solveStart) {
        ctx.monitor.checkCancelled();
        INDArray predictions = KernelRidge.fitInPlace(k, train.regressionTargets(), ctx.spec.ridge()).predict(kTest);
        kTest.close();
        ctx.appendResult(Evaluation.of(predictions, test).kernelRow(l, n, seed,
                passSeconds + (System.nanoTime() - solveStart) / 1e9));
    }

    private static void write(FileChannel out, ByteBuffer bytes, double[] src, int off, int len) {
        bytes.clear();
        bytes.asDoubleBuffer().put(src, off, len);
        bytes.limit(len * Double.BYTES);
        try {
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The spilled upper triangle, row i from column i, back into {@code k}. */
    private static void readBack(Path spill, SpdBuffer k, int n) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(n * Double.BYTES).order(ByteOrder.nativeOrder());
        double[] row = new double[n];
        try (FileChannel in = FileChannel.open(spill, StandardOpenOption.READ)) {
            for (int i = 0; i < n; i++) {
                int len = n - i;
                bytes.clear();
                bytes.limit(len * Double.BYTES);
                while (bytes.hasRemaining()) {
                    if (in.read(bytes) < 0) {
                        throw new IOException("the spill file ended at row " + i + " of " + n);
                    }
                }
                bytes.flip();
                DoubleBuffer d = bytes.asDoubleBuffer();
                d.get(row, 0, len);
                k.putRow(i, i, row, 0, len);
            }
        }
    }
}
