package org.ntkexplorer.core.kernel;

/**
 * Receives an infinite-width kernel one panel (a block of whole rows) at a time, so that no caller needs the full
 * n×n matrix as an intermediate. Panels arrive in row order, from one thread.
 */
@FunctionalInterface
public interface PanelSink {

    /**
     * Rows [row0, row0 + rows) and columns [col0, col0 + cols), row-major, {@code rows·cols} values in each array. In
     * a panel of a symmetric (train × train) kernel, col0 = row0 and only entries on or right of the diagonal are
     * meaningful; the arrays are reused for the next panel once this returns.
     */
    void accept(int row0, int rows, int col0, int cols, double[] nngp, double[] ntk);
}
