package org.ntkexplorer.core.regression;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntkexplorer.core.compute.Footprint;
import org.ntkexplorer.core.kernel.Finite;
import org.ntkexplorer.core.linalg.DoubleMatrices;
import org.ntkexplorer.core.linalg.SpdBuffer;
import org.ntkexplorer.core.linalg.SymmetricLapack;

/**
 * Kernel ridge regression (docs/science.md, §Kernel regression): solves (K + λ·mean(diag K)·I)·α = Y by
 * Cholesky in double precision. The ridge is relative to mean(diag K) so that one λ means the same amount of
 * regularisation for kernels of any scale. Only the lower triangle of K is read.
 */
public final class KernelRidge {
    private KernelRidge() {
    }

    /**
     * @param kTrain  n×n symmetric kernel (FLOAT or DOUBLE)
     * @param targets n×C targets
     * @param relativeRidge λ ≥ 0; 0 is ridgeless and needs K itself positive definite
     * @throws KernelNotPositiveDefiniteException if the factorisation fails
     */
    public static KernelRidgeModel fit(INDArray kTrain, INDArray targets, double relativeRidge) {
        DoubleMatrices.requireSquare(kTrain, "Train kernel");
        DoubleMatrices.requireMatrix(targets);
        int n = kTrain.rows();
        if (targets.rows() != n) {
            throw new IllegalArgumentException("Targets have " + targets.rows() + " rows but the kernel is " + n + "×" + n);
        }
        if (!(relativeRidge >= 0) || Double.isInfinite(relativeRidge)) {
            throw new IllegalArgumentException("Ridge must be a finite number ≥ 0, got " + relativeRidge);
        }
        Finite.requireFinite(kTrain, "The training kernel of kernel regression");
        double[] a = DoubleMatrices.toRowMajor(kTrain);
        double trace = 0;
        for (int i = 0; i < n; i++) {
            trace += a[i * n + i];
        }
        double absoluteRidge = relativeRidge * trace / n;
        for (int i = 0; i < n; i++) {
            a[i * n + i] += absoluteRidge;
        }
        int info = SymmetricLapack.choleskyInPlace(a, n);
        if (info > 0 || !finiteDiagonal(a, n)) {
            throw new KernelNotPositiveDefiniteException(relativeRidge, absoluteRidge, Math.max(info, 1), n);
        }
        int cols = targets.columns();
        double[] b = DoubleMatrices.toRowMajor(targets);
        SymmetricLapack.choleskySolveInPlace(a, n, b, cols);
        return new KernelRidgeModel(DoubleMatrices.fromRowMajor(b, n, cols), relativeRidge, absoluteRidge);
    }

    /**
     * As {@link #fit}, on a kernel already in native memory (upper triangle, row-major), factorised in place: no copy
     * of the n×n matrix is made, and {@code kTrain} holds the Cholesky factor afterwards.
     */
    public static KernelRidgeModel fitInPlace(SpdBuffer kTrain, INDArray targets, double relativeRidge) {
        DoubleMatrices.requireMatrix(targets);
        int n = kTrain.size();
        if (targets.rows() != n) {
            throw new IllegalArgumentException("Targets have " + targets.rows() + " rows but the kernel is " + n + "×" + n);
        }
        if (!(relativeRidge >= 0) || Double.isInfinite(relativeRidge)) {
            throw new IllegalArgumentException("Ridge must be a finite number ≥ 0, got " + relativeRidge);
        }
        double absoluteRidge = relativeRidge * kTrain.trace() / n;
        kTrain.addToDiagonal(absoluteRidge);
        int info = kTrain.choleskyInPlace();
        if (info > 0) {
            throw new KernelNotPositiveDefiniteException(relativeRidge, absoluteRidge, info, n);
        }
        int cols = targets.columns();
        double[] alpha = kTrain.solve(DoubleMatrices.toRowMajor(targets), cols);
        return new KernelRidgeModel(DoubleMatrices.fromRowMajor(alpha, n, cols), relativeRidge, absoluteRidge);
    }

    /** The peak of {@link #fitInPlace} beyond the kernel it is given: the targets and α, a few copies of each. */
    public static Footprint inPlaceFootprint(int n, int outputs) {
        double targets = (double) n * outputs * Double.BYTES;
        return Footprint.of("kernel regression's targets and coefficients", 2 * targets, 4 * targets);
    }

    /** The peak of {@link #fit} for n examples and C outputs: as an eigendecomposition, plus the targets. */
    public static Footprint footprint(int n, int outputs) {
        double matrix = (double) n * n * Double.BYTES;
        double targets = (double) n * outputs * Double.BYTES;
        return Footprint.of("kernel regression on " + n + " examples", 3 * matrix + 2 * targets, matrix + targets);
    }

    /** A NaN in K makes dpotrf succeed with a NaN factor; treat that as a failed factorisation too. */
    private static boolean finiteDiagonal(double[] factor, int n) {
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(factor[i * n + i])) {
                return false;
            }
        }
        return true;
    }
}
