package org.ntkexplorer.core.linalg;

import static org.bytedeco.openblas.global.openblas.LAPACKE_dpotrf;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dpotrs;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dsyevd;
import static org.bytedeco.openblas.global.openblas.LAPACK_ROW_MAJOR;

/**
 * Double-precision LAPACK (the OpenBLAS build that ND4J's CPU backend already loads) on row-major buffers.
 * Called directly rather than through ND4J's Lapack wrapper because that wrapper throws a bare Error on a failed
 * factorisation and has no potrs/syevd; we need the failing pivot and the divide-and-conquer eigensolver.
 */
public final class SymmetricLapack {
    private SymmetricLapack() {
    }

    /**
     * Overwrites the lower triangle of {@code a} (n×n) with its Cholesky factor L.
     *
     * @return 0 on success, or the 1-based order of the leading minor that is not positive definite
     */
    public static int choleskyInPlace(double[] a, int n) {
        requireFinite(a, n, "factorise");
        int info = LAPACKE_dpotrf(LAPACK_ROW_MAJOR, (byte) 'L', n, a, n);
        if (info < 0) {
            throw new IllegalArgumentException("dpotrf rejected argument " + (-info));
        }
        return info;
    }

    /** Overwrites {@code b} (n×cols) with A⁻¹·b given the factor from {@link #choleskyInPlace}. */
    public static void choleskySolveInPlace(double[] factor, int n, double[] b, int cols) {
        int info = LAPACKE_dpotrs(LAPACK_ROW_MAJOR, (byte) 'L', n, cols, factor, n, b, cols);
        if (info != 0) {
            throw new IllegalArgumentException("dpotrs failed with info " + info);
        }
    }

    /**
     * Eigenvalues of the symmetric n×n matrix {@code a} (lower triangle read), ascending. With
     * {@code vectors}, {@code a} is overwritten by the orthonormal eigenvectors as its columns.
     */
    public static double[] eigenInPlace(double[] a, int n, boolean vectors) {
        requireFinite(a, n, "take the eigenvalues of");
        double[] w = new double[n];
        int info = LAPACKE_dsyevd(LAPACK_ROW_MAJOR, (byte) (vectors ? 'V' : 'N'), (byte) 'L', n, a, n, w);
        if (info != 0) {
            throw new ArithmeticException("The eigenvalues of this " + n + "×" + n + " kernel could not be computed "
                    + "(LAPACK's eigensolver stopped with code " + info + "). This happens when its entries are "
                    + "extremely large or small; use float64 and standardised inputs.");
        }
        return w;
    }

    /**
     * LAPACK answers NaN with a factor full of NaN or an "illegal argument" code that says nothing of the cause, so
     * non-finite entries are refused here, with their position.
     */
    private static void requireFinite(double[] a, int n, String action) {
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw nonFinite(a[i], i / n, i % n, n, action);
            }
        }
    }

    static ArithmeticException nonFinite(double value, int row, int col, int n, String action) {
        return new ArithmeticException("Cannot " + action + " a " + n + "×" + n + " kernel that holds " + value
                + " (row " + row + ", column " + col + "): NaN or infinite values in the input data, or a "
                + "network whose weights overflowed in training, make the kernel non-finite. Check the data "
                + "with `datasets --describe`, or lower the learning rate or σ_w.");
    }
}
