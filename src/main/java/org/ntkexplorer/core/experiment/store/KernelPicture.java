package org.ntkexplorer.core.experiment.store;

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

    public static KernelPicture of(INDArray kernel, int[] labels) {
        return of(kernel.castTo(DataType.DOUBLE).dup('c').data().asDouble(), (int) kernel.columns(), labels);
    }

    /** From a square kernel stored row-major with {@code columns} columns (the first MAX_SIZE examples are drawn). */
    public static KernelPicture of(double[] all, int columns, int[] labels) {
        int n = Math.min(columns, MAX_SIZE);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (labels != null) {
            Arrays.sort(order, Comparator.comparingInt((Integer i) -> labels[i]).thenComparingInt(i -> i));
        }
        float[] v = new float[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                v[r * n + c] = (float) all[order[r] * columns + order[c]];
            }
        }
        int[] sorted = labels == null ? null : Arrays.stream(order).mapToInt(i -> labels[i]).toArray();
        return new KernelPicture(n, v, sorted);
    }

    /**
     * The kernel with each row's and column's scale removed, K(x,x')/√(K(x,x)K(x',x')), then mapped to [0, 1]
     * between its smallest ({@code low}) and largest ({@code high}) entries: what a heatmap colours.
     */
    public Colouring cosineColouring() {
        int n = size;
        double[] diag = new double[n];
        for (int i = 0; i < n; i++) {
            diag[i] = Math.sqrt(Math.max(values[i * n + i], 1e-30));
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double[] c = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                c[i * n + j] = values[i * n + j] / (diag[i] * diag[j]);
                lo = Math.min(lo, c[i * n + j]);
                hi = Math.max(hi, c[i * n + j]);
            }
        }
        double span = hi > lo ? hi - lo : 1;
        float[] unit = new float[n * n];
        for (int k = 0; k < unit.length; k++) {
            unit[k] = (float) ((c[k] - lo) / span);
        }
        return new Colouring(unit, lo, hi);
    }

    /** Values in [0, 1] (row-major, size × size) and the normalised-kernel range they span. */
    public record Colouring(float[] unit, double low, double high) {
    }
}
