package org.ntkexplorer.core.experiment.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.ntkexplorer.core.compute.MemoryBudget;
import org.ntkexplorer.core.compute.TaskMonitor;
import org.ntkexplorer.core.experiment.spec.Learner;
import org.ntkexplorer.core.kernel.EmpiricalKernelTiles;
import org.ntkexplorer.core.kernel.EmpiricalNtk;
import org.ntkexplorer.core.linalg.TileFile;
import org.ntkexplorer.core.model.NtkNetwork;
import org.ntkexplorer.core.regression.KernelRidgeModel;
import org.ntkexplorer.core.regression.OutOfCoreRidge;

/**
 * An eNTK learner with its kernel on disk (docs/science.md, §Kernel regression out of core): the kernel tile row by
 * tile row into {@code kernels/<learner>-<n>-<seed>.tiles} in the run folder, then solved there by the blocked
 * Cholesky; the n_test×n test block stays in memory. A killed unit resumes from the last finished tile row or tile
 * column, but only for the same network: the parameters' SHA-256 is kept beside the file, since a kernel of other
 * parameters is another kernel. The files are deleted once the results.csv row is written.
 */
final class OutOfCoreEmpirical {
    private final RunContext ctx;

    OutOfCoreEmpirical(RunContext ctx) {
        this.ctx = ctx;
    }

    /** The tile side of the file a killed unit of this learner left behind, or 0 when there is none. */
    int leftBehind(Learner l, int n, long seed) {
        Path p = kernelFile(l, n, seed);
        if (!Files.exists(p)) {
            return 0;
        }
        try (TileFile f = TileFile.open(p)) {
            return f.n() == n ? f.tile() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    void run(Learner l, NtkNetwork net, int n, long seed, PreparedSplit train, PreparedSplit test, int tile) {
        // Its own progress is per strip; the build reports the whole kernel's (buildMonitor), so this one only stops.
        EmpiricalNtk ntk = EmpiricalNtk.of(net, ctx.spec.dtype(), 0, new TaskMonitor() {
            @Override
            public boolean isCancelled() {
                return ctx.monitor.isCancelled();
            }
        });
        try {
            Files.createDirectories(OutOfCoreLearners.dir(ctx));
            runIn(l, net, ntk, n, seed, train, test, tile);
        } catch (IOException e) {
            throw new UncheckedIOException("The out-of-core eNTK of n = " + n + " in " + OutOfCoreLearners.dir(ctx)
                    + " failed: " + e.getMessage(), e);
        }
    }

    private void runIn(Learner l, NtkNetwork net, EmpiricalNtk ntk, int n, long seed, PreparedSplit train,
                       PreparedSplit test, int tile) throws IOException {
        long start = System.nanoTime();
        Path file = kernelFile(l, n, seed);
        Path build = file.resolveSibling(file.getFileName() + ".build.progress");
        Path params = file.resolveSibling(file.getFileName() + ".params");
        String sha = parametersSha256(net);
        int tiles = (n + tile - 1) / tile;
        boolean resuming = Files.exists(params) && Files.readString(params).strip().equals(sha)
                && opens(file, n, tile);
        if (!resuming) {
            // Tiles or a factor of another network's kernel would be resumed as if they were this one's.
            Files.deleteIfExists(build);
            OutOfCoreLearners.deleteKernel(file);
            Files.writeString(params, sha + "\n", StandardCharsets.UTF_8);
        }
        long disk = OutOfCoreKernels.diskBytes(n, tile, 1);
        OutOfCoreKernels.requireDisk(OutOfCoreLearners.dir(ctx), disk, resuming);
        int done = TileFile.lastFinished(build, tiles, "tile row") + 1;
        ctx.folder.log("kernel out of core: file " + ctx.folder.dir().relativize(file) + ", tiles of " + tile + "×"
                + tile + " (" + tiles + " tile rows), " + MemoryBudget.gib(disk) + " on disk at most (in memory the "
                + "kernel would take " + OutOfCoreKernels.inMemorySize(n) + ")" + (resuming && done > 0
                ? "; resuming after tile row " + done + " of " + tiles : ""));
        // In the network's precision until the prediction casts it, as on the in-memory path: a float64 copy kept
        // through the build would add 8·n_test·n bytes beyond the estimate.
        INDArray kTest = ntk.computeBounded(test.inputs(), train.inputs());
        try (TileFile k = resuming ? TileFile.open(file) : TileFile.create(file, n, tile)) {
            new EmpiricalKernelTiles(ntk).build(train.inputs(), k, build, buildMonitor(l));
            KernelRidgeModel model = OutOfCoreRidge.fit(k, train.regressionTargets(), ctx.spec.ridge(),
                    (column, columns) -> {
                        ctx.monitor.checkCancelled();
                        String stage = l.id() + " out-of-core Cholesky, tile column " + (column + 1) + " of " + columns;
                        ctx.progress(0.5 + 0.5 * (column + 1.0) / columns, stage);
                        ctx.folder.log("kernel out of core: " + stage + " done");
                    });
            k.close();
            INDArray predictions = model.predict(kTest);
            // The files go before the row is written: a kill between the two then costs the unit again, where the
            // other order would leave files of up to 8n² bytes that no later run deletes.
            delete(file);
            ctx.appendResult(Evaluation.of(predictions, test).kernelRow(l, n, seed,
                    (System.nanoTime() - start) / 1e9));
        } finally {
            kTest.close();
        }
    }

    /** The kernel's files (tiles, factor, progress, parameters' hash), and kernels/ when nothing else is in it. */
    void delete(Learner l, int n, long seed) {
        try {
            delete(kernelFile(l, n, seed));
        } catch (IOException e) {
            // Left behind only if the folder is not writable any more; the results are unaffected.
        }
    }

    private void delete(Path file) throws IOException {
        OutOfCoreLearners.deleteKernel(file);
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".build.progress"));
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".params"));
        Path dir = OutOfCoreLearners.dir(ctx);
        if (Files.isDirectory(dir)) {
            try (var left = Files.list(dir)) {
                if (left.findAny().isEmpty()) {
                    Files.delete(dir);
                }
            }
        }
    }

    /** Whether the file opens as a kernel of n examples in tiles of {@code tile}. */
    private static boolean opens(Path file, int n, int tile) {
        if (!Files.exists(file)) {
            return false;
        }
        try (TileFile f = TileFile.open(file)) {
            return f.n() == n && f.tile() == tile;
        } catch (IOException e) {
            return false;
        }
    }

    private TaskMonitor buildMonitor(Learner l) {
        String[] logged = {""};
        return new TaskMonitor() {
            @Override
            public void progress(double fraction, String stage) {
                ctx.progress(0.05 + 0.45 * fraction, l.id() + " " + stage);
                if (!stage.equals(logged[0])) {
                    logged[0] = stage;
                    ctx.folder.log("kernel out of core: " + l.id() + " " + stage);
                }
            }

            @Override
            public boolean isCancelled() {
                return ctx.monitor.isCancelled();
            }
        };
    }

    /**
     * SHA-256 of the parameters' values in float64, whatever the network's precision, read in chunks so that a wide
     * network's parameters are not copied whole.
     */
    static String parametersSha256(NtkNetwork net) {
        INDArray all = net.dl4j().params().reshape(-1);
        long count = all.length();
        int chunk = 1 << 20;
        ByteBuffer b = ByteBuffer.allocate(chunk * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (long from = 0; from < count; from += chunk) {
                long to = Math.min(count, from + chunk);
                INDArray part = all.get(NDArrayIndex.interval(from, to)).castTo(DataType.DOUBLE);
                double[] v = part.toDoubleVector();
                part.close();
                b.clear();
                b.asDoubleBuffer().put(v);
                d.update(b.array(), 0, v.length * Double.BYTES);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private Path kernelFile(Learner l, int n, long seed) {
        return OutOfCoreLearners.dir(ctx).resolve(l.id() + "-" + n + "-" + seed + ".tiles");
    }
}
