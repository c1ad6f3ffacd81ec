package org.ntkexplorer.core.regression;

import java.io.IOException;
import java.nio.file.Path;

import org.bytedeco.javacpp.DoublePointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntkexplorer.core.linalg.DoubleMatrices;
import org.ntkexplorer.core.linalg.OutOfCoreCholesky;
import org.ntkexplorer.core.linalg.TileFile;

/**
 * {@link KernelRidge} on a kernel kept on disk ({@link TileFile}): the same ridge, relative to mean(diag K), and
 * the same Cholesky, blocked out of core (docs/science.md, §Kernel regression out of core). The factor goes to
 * {@code <kernel>.factor} beside the kernel, with {@code <kernel>.factor.progress}; a fit that was killed resumes from
 * its last finished tile column.
 */
public final class OutOfCoreRidge {
    private OutOfCoreRidge() {
    }

    public static KernelRidgeModel fit(TileFile kernel, INDArray targets, double relativeRidge,
                                       OutOfCoreCholesky.Progress progress) throws IOException {
        DoubleMatrices.requireMatrix(targets);
        int n = kernel.n();
        if (targets.rows() != n) {
            throw new IllegalArgumentException("Targets have " + targets.rows() + " rows but the kernel is " + n + "×" + n);
        }
        double trace = trace(kernel);
        double absoluteRidge = relativeRidge * trace / n;
        Path factorPath = kernel.path().resolveSibling(kernel.path().getFileName() + ".factor");
        Path progressPath = factorPath.resolveSibling(factorPath.getFileName() + ".progress");
        boolean resuming = OutOfCoreCholesky.lastDone(progressPath, kernel.tiles()) >= 0;
        try (TileFile factor = resuming ? TileFile.open(factorPath) : TileFile.create(factorPath, n, kernel.tile())) {
            try {
                OutOfCoreCholesky.factor(kernel, factor, absoluteRidge, progressPath, progress);
            } catch (OutOfCoreCholesky.NotPositiveDefinite e) {
                throw new KernelNotPositiveDefiniteException(relativeRidge, absoluteRidge, (int) e.order(), n);
            }
            int cols = targets.columns();
            double[] b = DoubleMatrices.toRowMajor(targets);
            OutOfCoreCholesky.solve(factor, b, cols);
            return new KernelRidgeModel(DoubleMatrices.fromRowMajor(b, n, cols), relativeRidge, absoluteRidge);
        }
    }

    private static double trace(TileFile k) throws IOException {
        double sum = 0;
        try (DoublePointer tile = new DoublePointer((long) k.tile() * k.tile())) {
            for (int i = 0; i < k.tiles(); i++) {
                int r = k.rows(i);
                k.read(i, i, tile);
                for (int d = 0; d < r; d++) {
                    sum += tile.get((long) d * r + d);
                }
            }
        }
        return sum;
    }
}
