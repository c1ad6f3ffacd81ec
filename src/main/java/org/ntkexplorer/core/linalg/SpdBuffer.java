package org.ntkexplorer.core.linalg;

import static org.bytedeco.openblas.global.openblas.LAPACKE_dpotrf;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dpotrs;
import static org.bytedeco.openblas.global.openblas.LAPACK_COL_MAJOR;

import java.nio.DoubleBuffer;

import org.bytedeco.javacpp.DoublePointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One native n×n float64 symmetric matrix that kernels are written into block by block and that LAPACK then
 * factorises in place: the only n×n matrix a kernel learner holds (docs/science.md, §Memory of a kernel learner).
 *
 * <p>Entries are addressed row-major, and only the upper triangle (column ≥ row) need be written. Read as
 * column-major, that triangle is the lower one, so dpotrf/dpotrs run in LAPACK's own column-major layout: LAPACKE's
 * row-major entry points would transpose into a second n×n copy. The memory comes from ND4J, like every other array,
 * so it counts in the same off-heap account (a JavaCPP allocation would be capped by its maxBytes, the heap size).
 * Views are made per row range because one Java buffer cannot span 2³¹ bytes, which n = 16,384 already reaches.
 */
public final class SpdBuffer implements AutoCloseable {
    private final int n;
    private INDArray storage;
    private final DoublePointer base;

    private SpdBuffer(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("A kernel needs at least one example, got " + n);
        }
        this.n = n;
        this.storage = Nd4j.createUninitialized(DataType.DOUBLE, (long) n * n);
        this.base = new DoublePointer(storage.data().addressPointer());
        base.capacity((long) n * n).limit((long) n * n).position(0);
    }

    public static SpdBuffer allocate(int n) {
        return new SpdBuffer(n);
    }

    public static double bytes(long n) {
        return (double) n * n * Double.BYTES;
    }

    public int size() {
        return n;
    }

    /** A writable view of rows [row0, row0 + rows), row-major, each row n long. */
    public DoubleBuffer rows(int row0, int rows) {
        long start = (long) row0 * n;
        long end = start + (long) rows * n;
        if (row0 < 0 || rows < 0 || row0 + rows > n) {
            throw new IndexOutOfBoundsException("rows " + row0 + "+" + rows + " of " + n);
        }
        // A pointer at the row's own address: JavaCPP sizes a buffer by its end offset in bytes, an int, which a
        // position past 2³¹ bytes (the last rows at n = 16,384) would overflow.
        DoublePointer p = base.getPointer(start);
        p.position(0).limit(end - start).capacity(end - start);
        return p.asBuffer();
    }

    /** Writes {@code len} values of {@code src} from {@code off} to row {@code row}, starting at column {@code col}. */
    public void putRow(int row, int col, double[] src, int off, int len) {
        rows(row, 1).put(col, src, off, len);
    }

    public double get(int row, int col) {
        return rows(row, 1).get(col);
    }

    /** Sum of the diagonal. */
    public double trace() {
        double t = 0;
        for (int i = 0; i < n; i++) {
            t += get(i, i);
        }
        return t;
    }

    public void addToDiagonal(double value) {
        for (int i = 0; i < n; i++) {
            DoubleBuffer r = rows(i, 1);
            r.put(i, r.get(i) + value);
        }
    }

    /**
     * Replaces the upper triangle (row-major) by the Cholesky factor, in place.
     *
     * @return 0 on success, or the 1-based order of the leading minor that is not positive definite
     */
    public int choleskyInPlace() {
        requireFiniteUpper();
        int info = LAPACKE_dpotrf(LAPACK_COL_MAJOR, (byte) 'L', n, base, n);
        if (info < 0) {
            throw new IllegalArgumentException("dpotrf rejected argument " + (-info));
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(get(i, i))) {
                return Math.max(1, i + 1);
            }
        }
        return info;
    }

    /**
     * Solves K·X = B after {@link #choleskyInPlace}; {@code b} is n×cols, row-major, and is not changed.
     *
     * @return X, n×cols, row-major
     */
    public double[] solve(double[] b, int cols) {
        if (b.length != (long) n * cols) {
            throw new IllegalArgumentException("Right-hand side of " + b.length + " values is not " + n + "×" + cols);
        }
        double[] colMajor = new double[b.length];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < cols; c++) {
                colMajor[c * n + i] = b[i * cols + c];
            }
        }
        try (DoublePointer rhs = new DoublePointer(colMajor)) {
            int info = LAPACKE_dpotrs(LAPACK_COL_MAJOR, (byte) 'L', n, cols, base, n, rhs, n);
            if (info != 0) {
                throw new IllegalArgumentException("dpotrs failed with info " + info);
            }
            rhs.get(colMajor);
        }
        double[] x = new double[b.length];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < cols; c++) {
                x[i * cols + c] = colMajor[c * n + i];
            }
        }
        return x;
    }

    /** LAPACK answers NaN with a NaN factor or an unhelpful code, so non-finite entries are refused here. */
    private void requireFiniteUpper() {
        for (int i = 0; i < n; i++) {
            DoubleBuffer r = rows(i, 1);
            for (int j = i; j < n; j++) {
                double v = r.get(j);
                if (!Double.isFinite(v)) {
                    throw SymmetricLapack.nonFinite(v, i, j, n, "factorise");
                }
            }
        }
    }

    /** Frees the native memory now rather than at the next collection. */
    @Override
    public void close() {
        if (storage != null) {
            storage.close();
            storage = null;
        }
    }
}
