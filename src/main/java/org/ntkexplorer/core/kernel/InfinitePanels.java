package org.ntkexplorer.core.kernel;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntkexplorer.core.compute.TaskMonitor;
import org.ntkexplorer.core.model.InfiniteWidthStep;

/**
 * The layer recursion of {@link InfiniteMlpKernel} over panels of rows: per panel one GEMM for Σ¹ (only the columns
 * from the diagonal on, for a symmetric kernel), then the recursion entry by entry, into two panel arrays handed to a
 * {@link PanelSink}. Work space is three panels of {@link #PANEL_VALUES} doubles, whatever n.
 *
 * <p>ReLU has its own loop: no virtual call and no output array per entry,
 * and {@link FastAcos} instead of Math.acos (a native call on Java 17).
 */
final class InfinitePanels {
    /** Values in one panel array: 4 Mi doubles, 32 MiB; at n = 16,384 a panel is 256 rows. */
    static final int PANEL_VALUES = 1 << 22;

    private final int depth;
    /** Each dense layer's step: index 0 the first hidden layer, l + 1 the layer after hidden layer l. */
    private final InfiniteWidthStep[] steps;
    private final int threads;
    private final TaskMonitor monitor;
    private final Plan plan;
    private final boolean relu;
    private final int panelValues;

    /** Variances Σ^{l+1}(x, x) of both sets for l = 0..depth, and the dual of each layer. */
    record Plan(double[][] diagA, double[][] diagB, DualActivation[] duals) {
    }

    InfinitePanels(InfiniteWidthStep[] steps, int threads, TaskMonitor monitor, Plan plan, int panelValues) {
        this.panelValues = panelValues;
        this.depth = steps.length - 1;
        this.steps = steps.clone();
        this.threads = threads;
        this.monitor = monitor;
        this.plan = plan;
        boolean allRelu = true;
        for (DualActivation d : plan.duals()) {
            allRelu &= d instanceof ReluDual;
        }
        this.relu = allRelu;
    }

    static int panelRows(int cols) {
        return panelRows(cols, PANEL_VALUES);
    }

    static int panelRows(int cols, int values) {
        return Math.max(1, Math.min(values / Math.max(1, cols), 1 << 16));
    }

    /**
     * All panels of K(a, b): a symmetric kernel of {@code a} with itself when {@code b} is null (then diagonal
     * variances are {@link Plan#diagA} on both sides), else a × b.
     */
    void run(INDArray a, INDArray b, PanelSink sink) {
        run(a, b, sink, 0, (int) a.rows());
    }

    /**
     * The panels of {@link #run(INDArray, INDArray, PanelSink)} whose first row lies in [fromRow, toRow): with
     * fromRow a multiple of the panel height, each is the same GEMM and recursion, so it holds the same bits as in
     * the whole pass.
     */
    void run(INDArray a, INDArray b, PanelSink sink, int fromRow, int toRow) {
        boolean symmetric = b == null;
        INDArray ad = a.castTo(DataType.DOUBLE);
        INDArray bd = symmetric ? ad : b.castTo(DataType.DOUBLE);
        double[][] diagCols = symmetric ? plan.diagA() : plan.diagB();
        int rowsTotal = (int) ad.rows();
        int colsTotal = (int) bd.rows();
        InfiniteWidthStep first = steps[0];
        double scale = first.inputScale((int) ad.columns());
        int step = panelRows(colsTotal, panelValues);
        if (fromRow % step != 0) {
            throw new IllegalArgumentException("panels start at multiples of " + step + " rows, not at " + fromRow);
        }
        for (int r0 = fromRow; r0 < Math.min(toRow, rowsTotal); r0 += step) {
            monitor.checkCancelled();
            int rows = Math.min(step, rowsTotal - r0);
            int c0 = symmetric ? r0 : 0;
            int cols = colsTotal - c0;
            INDArray g = ad.get(interval(r0, r0 + rows), all())
                    .mmul(bd.get(interval(c0, colsTotal), all()).transpose());
            double[] sigma = g.data().asDouble();
            g.close();
            double[] theta = new double[sigma.length];
            int row0 = r0;
            ParallelRows.run(rows, threads, t -> {
                monitor.checkCancelled();
                int i = row0 + t;
                int base = t * cols;
                // In a symmetric panel the row starts at its diagonal: entries left of it are never read.
                int from = symmetric ? i - c0 : 0;
                for (int k = from; k < cols; k++) {
                    sigma[base + k] = first.inputCovariance(scale * sigma[base + k]);
                }
                if (symmetric) {
                    // The diagonal's variance from the norms, not the GEMM: arccos-type duals amplify a rounding gap
                    // between them (ρ = 1 − ε moves relu's Ṫ by √ε).
                    sigma[base + from] = plan.diagA()[0][i];
                }
                if (relu) {
                    reluRow(sigma, theta, base + from, base + cols, i, c0 - base, diagCols);
                } else {
                    generalRow(sigma, theta, base + from, base + cols, i, c0 - base, diagCols);
                }
            });
            sink.accept(r0, rows, c0, cols, sigma, theta);
        }
    }

    /** Entries [start, end) of one row, i the row's index, column j = k + colShift for array index k. */
    private void generalRow(double[] sigma, double[] theta, int start, int end, int i, int colShift,
            double[][] diagCols) {
        double[] out = new double[2];
        for (int k = start; k < end; k++) {
            int j = k + colShift;
            double s = sigma[k];
            double th = s;
            for (int l = 0; l < depth; l++) {
                InfiniteWidthStep next = steps[l + 1];
                plan.duals()[l].evaluate(plan.diagA()[l][i], s, diagCols[l][j], out);
                s = next.nngp(out[0]);
                th = next.ntk(s, out[1], th);
            }
            sigma[k] = s;
            theta[k] = th;
        }
    }

    /** {@link ReluDual}'s closed form, inlined: T = √(s₁s₂)(sin θ + (π − θ)cos θ)/2π, Ṫ = (π − θ)/2π. */
    private void reluRow(double[] sigma, double[] theta, int start, int end, int i, int colShift,
            double[][] diagCols) {
        double[][] diagRows = plan.diagA();
        final double invTwoPi = 1 / (2 * Math.PI);
        for (int k = start; k < end; k++) {
            int j = k + colShift;
            double s = sigma[k];
            double th = s;
            for (int l = 0; l < depth; l++) {
                // √(s₁·s₂) as ReluDual takes it: on the diagonal that is s exactly, so cos = 1 and Ṫ = 1/2 exactly.
                double norm = Math.sqrt(Math.max(diagRows[l][i], 0) * Math.max(diagCols[l][j], 0));
                double t;
                double tDot;
                if (norm == 0) {
                    t = 0;
                    tDot = 0;
                } else {
                    double cos = Math.max(-1, Math.min(1, s / norm));
                    double angle = FastAcos.acos(cos);
                    double rest = Math.PI - angle;
                    t = norm * (Math.sqrt(1 - cos * cos) + rest * cos) * invTwoPi;
                    tDot = rest * invTwoPi;
                }
                InfiniteWidthStep next = steps[l + 1];
                s = next.nngp(t);
                th = next.ntk(s, tDot, th);
            }
            sigma[k] = s;
            theta[k] = th;
        }
    }
}
