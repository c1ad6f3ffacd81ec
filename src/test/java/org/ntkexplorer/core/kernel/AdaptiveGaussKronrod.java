package org.ntkexplorer.core.kernel;

import java.util.function.DoubleUnaryOperator;

/**
 * Reference integrals for the quadrature tests, independent of the production rules: adaptive bisection with
 * the 7-point Gauss / 15-point Kronrod pair (QUADPACK's QK15 constants) in double precision.
 *
 * <p>A panel is accepted when |K15 − G7| is below its share of the tolerance, or at the rounding level of its
 * sum, where halving cannot help any more. The sum of those differences
 * over accepted panels is returned as the error estimate; it is pessimistic, since it estimates the error of G7 while
 * the value returned is K15's.
 */
final class AdaptiveGaussKronrod {
    /** Where the expectations over a standard normal are cut: N(12) ≈ 5·10⁻³², far below any tolerance used. */
    static final double RANGE = 12;
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    private static final int MAX_DEPTH = 50;
    /** |K15 − G7| this many units of rounding of Σ w·|f| counts as converged. */
    private static final double ROUNDING_FLOOR = 50 * Math.ulp(1.0);
    private static final double[] XGK = {0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
        0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
        0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
        0.207784955007898467600689403773245, 0.0};
    private static final double[] WGK = {0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
        0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
        0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
        0.204432940075298892414161999234649, 0.209482141084727828012999174891714};
    /** Gauss weights of the 7-point rule, whose nodes are XGK[1], XGK[3], XGK[5], XGK[7]. */
    private static final double[] WG = {0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
        0.381830050505118944950369775488975, 0.417959183673469387755102040816327};

    record Result(double value, double errorEstimate) {
    }

    private AdaptiveGaussKronrod() {
    }

    /** ∫ f over the consecutive intervals between {@code breaks}, each to absolute tolerance ∝ its length. */
    static Result integrate(DoubleUnaryOperator f, double absoluteTolerance, double... breaks) {
        double span = breaks[breaks.length - 1] - breaks[0];
        double value = 0;
        double error = 0;
        for (int p = 0; p + 1 < breaks.length; p++) {
            double lo = breaks[p];
            double hi = breaks[p + 1];
            if (hi > lo) {
                double[] acc = new double[2];
                panel(f, lo, hi, absoluteTolerance / span, 0, acc);
                value += acc[0];
                error += acc[1];
            }
        }
        return new Result(value, error);
    }

    /** E[f(z)] for z ~ N(0, 1), cut at ±{@link #RANGE} and split at 0 and at {@code extraBreaks} inside the range. */
    static Result gaussianMean(DoubleUnaryOperator f, double absoluteTolerance, double... extraBreaks) {
        double[] breaks = new double[extraBreaks.length + 3];
        breaks[0] = -RANGE;
        breaks[1] = 0;
        breaks[2] = RANGE;
        int n = 3;
        for (double x : extraBreaks) {
            if (x > -RANGE && x < RANGE) {
                breaks[n++] = x;
            }
        }
        double[] sorted = java.util.Arrays.copyOf(breaks, n);
        java.util.Arrays.sort(sorted);
        return integrate(z -> INV_SQRT_2PI * Math.exp(-0.5 * z * z) * f.applyAsDouble(z), absoluteTolerance, sorted);
    }

    private static void panel(DoubleUnaryOperator f, double lo, double hi, double tolerancePerLength, int depth,
            double[] acc) {
        double half = (hi - lo) / 2;
        double mid = (hi + lo) / 2;
        double centre = f.applyAsDouble(mid);
        double kronrod = WGK[7] * centre;
        double gauss = WG[3] * centre;
        double magnitude = WGK[7] * Math.abs(centre);
        for (int k = 0; k < 7; k++) {
            double left = f.applyAsDouble(mid - half * XGK[k]);
            double right = f.applyAsDouble(mid + half * XGK[k]);
            double sum = left + right;
            kronrod += WGK[k] * sum;
            magnitude += WGK[k] * (Math.abs(left) + Math.abs(right));
            if (k % 2 == 1) {
                gauss += WG[k / 2] * sum;
            }
        }
        kronrod *= half;
        gauss *= half;
        double difference = Math.abs(kronrod - gauss);
        if (difference <= tolerancePerLength * (hi - lo) || difference <= ROUNDING_FLOOR * magnitude * half
                || depth >= MAX_DEPTH) {
            acc[0] += kronrod;
            acc[1] += difference;
            return;
        }
        panel(f, lo, mid, tolerancePerLength, depth + 1, acc);
        panel(f, mid, hi, tolerancePerLength, depth + 1, acc);
    }
}
