package org.ntkexplorer.core.kernel;

/**
 * T(ρ) and Ṫ(ρ) at a fixed variance s, tabulated on a uniform grid of the correlation ρ ∈ [−1, 1] and read
 * back by 4-point cubic Lagrange interpolation (error O(h⁴)).
 *
 * <p>Why: when every input has the same variance (unit-norm inputs) a layer's T and Ṫ depend on the
 * correlation alone, so one table of a few thousand quadratures replaces millions of them. Only valid for
 * covariances whose diagonal equals {@link #variance()}; the caller guarantees that.
 */
public final class CorrelationTable implements DualActivation {
    private final double variance;
    private final double[] t;
    private final double[] tDot;
    private final double step;

    public CorrelationTable(QuadratureDual quadrature, double variance, int gridPoints, int threads) {
        if (gridPoints < 4) {
            throw new IllegalArgumentException("A correlation table needs at least 4 grid points, got " + gridPoints);
        }
        this.variance = variance;
        this.step = 2.0 / (gridPoints - 1);
        double[] rhos = new double[gridPoints];
        for (int i = 0; i < gridPoints; i++) {
            rhos[i] = Math.min(1, -1 + i * step);
        }
        t = new double[gridPoints];
        tDot = new double[gridPoints];
        int chunks = Math.max(1, Math.min(threads, gridPoints / 16));
        ParallelRows.run(chunks, chunks, c -> {
            int from = (int) ((long) gridPoints * c / chunks);
            int to = (int) ((long) gridPoints * (c + 1) / chunks);
            quadrature.tabulate(variance, rhos, from, to, t, tDot);
        });
    }

    public double variance() {
        return variance;
    }

    public int gridPoints() {
        return t.length;
    }

    @Override
    public void evaluate(double s11, double s12, double s22, double[] out) {
        double rho = variance > 0 ? s12 / variance : 0;
        double x = (Math.max(-1, Math.min(1, rho)) + 1) / step;
        int last = t.length - 1;
        int i0 = Math.max(0, Math.min(last - 3, (int) Math.floor(x) - 1));
        double d0 = x - i0;
        double d1 = d0 - 1;
        double d2 = d0 - 2;
        double d3 = d0 - 3;
        double w0 = -d1 * d2 * d3 / 6;
        double w1 = d0 * d2 * d3 / 2;
        double w2 = -d0 * d1 * d3 / 2;
        double w3 = d0 * d1 * d2 / 6;
        out[0] = w0 * t[i0] + w1 * t[i0 + 1] + w2 * t[i0 + 2] + w3 * t[i0 + 3];
        out[1] = w0 * tDot[i0] + w1 * tDot[i0 + 1] + w2 * tDot[i0 + 2] + w3 * tDot[i0 + 3];
    }
}
