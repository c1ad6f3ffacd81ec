package org.ntkexplorer.core.kernel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.ntkexplorer.core.model.Activation;

/**
 * T(ρ) and Ṫ(ρ) at a fixed variance s, tabulated once and read back by 4-point cubic Lagrange interpolation.
 *
 * <p>Why: when every input has the same variance (unit-norm inputs) a layer's T and Ṫ depend on the
 * correlation alone, so one table of a few thousand quadratures replaces millions of them. Only valid for
 * covariances whose diagonal equals {@link #variance()}; the caller guarantees that.
 *
 * <p>The grid is uniform in y = 1 − √(1 − |ρ|), one table for each sign of ρ. At large s, T and Ṫ bend sharply
 * near ρ = ±1, over a width ~1/s in ρ but ~1/√s in y. With 4097 points a grid uniform in ρ misread the erf
 * closed form's Ṫ by 10⁻⁶ at s = 50 and 10⁻⁵ at s = 100; this grid stays below 10⁻⁹ there. Two one-sided tables
 * because the map has a kink at ρ = 0 that a stencil across it would feel; a square root per lookup is cheap.
 */
public final class CorrelationTable implements DualActivation {
    private final double variance;
    /** Points per side; index i holds y = i/(side − 1), the negative side follows at offset {@code side}. */
    private final int side;
    private final double[] t;
    private final double[] tDot;

    /** {@code gridPoints} in all, half for each sign of ρ. */
    public CorrelationTable(QuadratureDual quadrature, double variance, int gridPoints, int threads) {
        if (gridPoints < 8) {
            throw new IllegalArgumentException("A correlation table needs at least 8 grid points, got " + gridPoints);
        }
        this.variance = variance;
        this.side = (gridPoints + 1) / 2;
        double[] rhos = new double[2 * side];
        for (int i = 0; i < side; i++) {
            double y = (double) i / (side - 1);
            rhos[i] = y * (2 - y);
            rhos[side + i] = -rhos[i];
        }
        t = new double[rhos.length];
        tDot = new double[rhos.length];
        int total = rhos.length;
        int chunks = Math.max(1, Math.min(threads, total / 16));
        ParallelRows.run(chunks, chunks, c -> {
            int from = (int) ((long) total * c / chunks);
            int to = (int) ((long) total * (c + 1) / chunks);
            quadrature.tabulate(variance, rhos, from, to, t, tDot);
        });
    }

    private record Key(Activation activation, int order, long varianceBits, int gridPoints) {
    }

    /** Tables already built, so that they are made once per run and not once per pass (n, seed) or per benchmark. */
    private static final Map<Key, CorrelationTable> CACHE = new ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 32;

    /** The table of {@code quadrature} at {@code variance}, built on first use and then shared. */
    static CorrelationTable of(QuadratureDual quadrature, double variance, int gridPoints, int threads) {
        Key key = new Key(quadrature.activation(), quadrature.order(), Double.doubleToLongBits(variance), gridPoints);
        CorrelationTable t = CACHE.get(key);
        if (t == null) {
            t = new CorrelationTable(quadrature, variance, gridPoints, threads);
            if (CACHE.size() >= CACHE_LIMIT) {
                CACHE.clear();
            }
            CACHE.put(key, t);
        }
        return t;
    }

    public double variance() {
        return variance;
    }

    public int gridPoints() {
        return t.length;
    }

    @Override
    public void evaluate(double s11, double s12, double s22, double[] out) {
        double rho = variance > 0 ? Math.max(-1, Math.min(1, s12 / variance)) : 0;
        double x = (1 - Math.sqrt(1 - Math.abs(rho))) * (side - 1);
        int i0 = Math.max(0, Math.min(side - 4, (int) Math.floor(x) - 1));
        double d0 = x - i0;
        double d1 = d0 - 1;
        double d2 = d0 - 2;
        double d3 = d0 - 3;
        double w0 = -d1 * d2 * d3 / 6;
        double w1 = d0 * d2 * d3 / 2;
        double w2 = -d0 * d1 * d3 / 2;
        double w3 = d0 * d1 * d2 / 6;
        int k = rho < 0 ? side + i0 : i0;
        out[0] = w0 * t[k] + w1 * t[k + 1] + w2 * t[k + 2] + w3 * t[k + 3];
        out[1] = w0 * tDot[k] + w1 * tDot[k + 1] + w2 * tDot[k + 2] + w3 * tDot[k + 3];
    }
}
