package org.ntkexplorer.core.experiment;

import java.util.Arrays;
import java.util.Comparator;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A kernel matrix small enough to draw, rows and columns ordered by class so that block structure shows.
 *
 * @param values row-major size × size
 * @param labels class of each row after ordering (null for regression data)
 */
public record KernelPicture(int size, float[] values, int[] labels) {
    public static final int MAX_SIZE = 256;

    static KernelPicture of(INDArray kernel, int[] labels) {
        int n = (int) Math.min(kernel.rows(), MAX_SIZE);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (labels != null) {
            Arrays.sort(order, Comparator.comparingInt((Integer i) -> labels[i]).thenComparingInt(i -> i));
        }
        float[] v = new float[n * n];
        double[] all = kernel.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        long cols = kernel.columns();
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                v[r * n + c] = (float) all[(int) (order[r] * cols + order[c])];
            }
        }
        int[] sorted = labels == null ? null : Arrays.stream(order).mapToInt(i -> labels[i]).toArray();
        return new KernelPicture(n, v, sorted);
    }
}
