package org.ntkexplorer.core.linalg;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Moves 2-D INDArrays (any float type, any order, views too) to and from row-major double[] buffers. */
public final class DoubleMatrices {
    private DoubleMatrices() {
    }

    public static double[] toRowMajor(INDArray m) {
        requireMatrix(m);
        INDArray d = m.dataType() == DataType.DOUBLE ? m : m.castTo(DataType.DOUBLE);
        return Nd4j.toFlattened('c', d).toDoubleVector();
    }

    public static INDArray fromRowMajor(double[] data, int rows, int cols) {
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException("Buffer of " + data.length + " values is not " + rows + "×" + cols);
        }
        return Nd4j.create(data, new long[] {rows, cols}, DataType.DOUBLE);
    }

    public static void requireMatrix(INDArray m) {
        if (m == null || m.rank() != 2) {
            throw new IllegalArgumentException("Expected a 2-D matrix, got "
                    + (m == null ? "null" : "rank " + m.rank() + " array"));
        }
    }

    public static void requireSquare(INDArray m, String what) {
        requireMatrix(m);
        if (m.rows() != m.columns()) {
            throw new IllegalArgumentException(what + " must be square, got " + m.rows() + "×" + m.columns());
        }
    }
}
