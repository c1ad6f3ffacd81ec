package org.ntkexplorer.core.linalg;

import static org.bytedeco.openblas.global.openblas.CblasLeft;
import static org.bytedeco.openblas.global.openblas.CblasLower;
import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasNonUnit;
import static org.bytedeco.openblas.global.openblas.CblasRight;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dpotrf;
import static org.bytedeco.openblas.global.openblas.LAPACK_ROW_MAJOR;
import static org.bytedeco.openblas.global.openblas.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas.cblas_dtrsm;

import java.io.IOException;
import java.nio.file.Path;

import org.bytedeco.javacpp.DoublePointer;

/**
 * Cholesky factorisation A + s·I = L·Lᵀ of a {@link TileFile} too large for memory, and solves with L, by tile
 * columns (left-looking): column k of L is built in memory from column k of A and the finished columns of L, then
 * written to a second file. A is only read, so a factorisation killed in column k loses that column alone: the
 * progress file records the last column whose tiles are on the disk, and {@link #factor} starts after it.
 * <p>
 * Memory: one column of tiles (n·tile values) and two more tiles. Disk reads: about (n/tile)³/6 tiles, mostly from
 * the page cache when L fits in free memory. The arithmetic is LAPACK's (n³/3 flops, as in memory).
 */
public final class OutOfCoreCholesky {
    /** Told after each finished column; may throw to stop (a cancelled run). */
    public interface Progress {
        void columnDone(int column, int columns);
    }

    /** A + s·I is not positive definite: its leading minor of this order (1-based) is not. */
    public static final class NotPositiveDefinite extends ArithmeticException {
        private final long order;

        NotPositiveDefinite(long order) {
            super("the matrix is not positive definite (leading minor of order " + order + ")");
            this.order = order;
        }

        public long order() {
            return order;
        }
    }

    private OutOfCoreCholesky() {
    }

    /**
     * Writes the factor of {@code a} + shift·I into {@code l} (same n and tile), resuming after the column that
     * {@code progressFile} records.
     */
    public static void factor(TileFile a, TileFile l, double shift, Path progressFile, Progress progress)
            throws IOException {
        requireSameShape(a, l);
        int tiles = a.tiles();
        int t = a.tile();
        DoublePointer[] column = new DoublePointer[tiles];
        DoublePointer lkj = new DoublePointer((long) t * t);
        DoublePointer lij = new DoublePointer((long) t * t);
        try {
            for (int k = lastDone(progressFile, tiles) + 1; k < tiles; k++) {
                int rk = a.rows(k);
                for (int i = k; i < tiles; i++) {
                    column[i] = column[i] != null ? column[i] : new DoublePointer((long) t * t);
                    a.read(i, k, column[i]);
                }
                for (int d = 0; d < rk; d++) {
                    column[k].put((long) d * rk + d, column[k].get((long) d * rk + d) + shift);
                }
                for (int j = 0; j < k; j++) {
                    int rj = a.rows(j);
                    l.read(k, j, lkj);
                    // C_ik -= L_ij · L_kjᵀ for every tile row i of the column (i = k: the diagonal tile).
                    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, rk, rk, rj, -1, lkj, rj, lkj, rj, 1,
                            column[k], rk);
                    for (int i = k + 1; i < tiles; i++) {
                        int ri = a.rows(i);
                        l.read(i, j, lij);
                        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, ri, rk, rj, -1, lij, rj, lkj, rj, 1,
                                column[i], rk);
                    }
                }
                int info = LAPACKE_dpotrf(LAPACK_ROW_MAJOR, (byte) 'L', rk, column[k], rk);
                if (info > 0 || !Double.isFinite(column[k].get(0))) {
                    throw new NotPositiveDefinite((long) k * t + Math.max(info, 1));
                }
                for (int r = 0; r < rk; r++) {
                    for (int c = r + 1; c < rk; c++) {
                        column[k].put((long) r * rk + c, 0);
                    }
                }
                for (int i = k + 1; i < tiles; i++) {
                    // L_ik = C_ik · L_kk⁻ᵀ
                    cblas_dtrsm(CblasRowMajor, CblasRight, CblasLower, CblasTrans, CblasNonUnit, a.rows(i), rk, 1,
                            column[k], rk, column[i], rk);
                }
                for (int i = k; i < tiles; i++) {
                    l.write(i, k, column[i]);
                }
                l.force();
                TileFile.markFinished(progressFile, k);
                progress.columnDone(k, tiles);
            }
        } finally {
            for (DoublePointer p : column) {
                if (p != null) {
                    p.close();
                }
            }
            lkj.close();
            lij.close();
        }
    }

    /**
     * Overwrites {@code b} (n×cols, row-major) with (L·Lᵀ)⁻¹·b: a forward pass with L, then a backward pass with
     * Lᵀ, each reading every tile of L once.
     */
    public static void solve(TileFile l, double[] b, int cols) throws IOException {
        int n = l.n();
        if (b.length != (long) n * cols) {
            throw new IllegalArgumentException("right-hand side of " + b.length + " values for n = " + n + " and "
                    + cols + " columns");
        }
        int tiles = l.tiles();
        int t = l.tile();
        try (DoublePointer x = new DoublePointer(b); DoublePointer tileBuf = new DoublePointer((long) t * t)) {
            for (int i = 0; i < tiles; i++) {
                int ri = l.rows(i);
                for (int j = 0; j < i; j++) {
                    l.read(i, j, tileBuf);
                    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, ri, cols, l.rows(j), -1, tileBuf,
                            l.rows(j), at(x, j, t, cols), cols, 1, at(x, i, t, cols), cols);
                }
                l.read(i, i, tileBuf);
                cblas_dtrsm(CblasRowMajor, CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit, ri, cols, 1, tileBuf,
                        ri, at(x, i, t, cols), cols);
            }
            for (int i = tiles - 1; i >= 0; i--) {
                int ri = l.rows(i);
                for (int j = i + 1; j < tiles; j++) {
                    l.read(j, i, tileBuf);
                    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, ri, cols, l.rows(j), -1, tileBuf, ri,
                            at(x, j, t, cols), cols, 1, at(x, i, t, cols), cols);
                }
                l.read(i, i, tileBuf);
                cblas_dtrsm(CblasRowMajor, CblasLeft, CblasLower, CblasTrans, CblasNonUnit, ri, cols, 1, tileBuf, ri,
                        at(x, i, t, cols), cols);
            }
            x.get(b);
        }
    }

    /** The last column the progress file records as written, or -1. */
    public static int lastDone(Path progressFile, int tiles) throws IOException {
        return TileFile.lastFinished(progressFile, tiles, "tile column");
    }

    private static DoublePointer at(DoublePointer x, int tileRow, int tile, int cols) {
        return new DoublePointer(x).position((long) tileRow * tile * cols);
    }

    private static void requireSameShape(TileFile a, TileFile l) {
        if (a.n() != l.n() || a.tile() != l.tile()) {
            throw new IllegalArgumentException("factor file of n " + l.n() + ", tile " + l.tile() + " for a matrix of n "
                    + a.n() + ", tile " + a.tile());
        }
    }
}
