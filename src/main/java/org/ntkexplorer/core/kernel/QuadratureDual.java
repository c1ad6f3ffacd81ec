package org.ntkexplorer.core.kernel;

import java.util.Arrays;

import org.ntkexplorer.core.model.Activation;

/**
 * T and Ṫ of any {@link Activation} by product quadrature in polar coordinates of the whitened pair.
 *
 * <p>Write (u, v) = (a·z₁, b·z₁ + c·z₂) with [[a, 0], [b, c]] the Cholesky factor of the covariance and
 * z = r·(cos ψ, sin ψ) standard normal. Then E[f(u, v)] = (1/2π) ∫₀^π dψ ∫_ℝ |r| e^(−r²/2) f(r·e(ψ)) dr.
 * The radial rule for the weight |r|e^(−r²/2) comes from Gauss–Laguerre in s = r²/2 (nodes ±√(2s_k)), so the
 * odd part of the integrand in r cancels exactly and the even part is a smooth function of s.
 *
 * <p>Why polar rather than a tensor Gauss–Hermite grid: a kink of φ at 0 (relu) is a line through the origin
 * in z-space that a tensor grid cannot follow, and the error then only decays algebraically. In polar form the
 * kinks sit at fixed angles, so for kinked activations the angle range is split there and each piece gets
 * Gauss–Legendre; the result is exact for relu up to rounding. For smooth activations the ψ-integrand is
 * π-periodic and analytic, where the trapezoid rule converges geometrically and lets the u-side values be
 * reused across a whole table of correlations.
 *
 * <p>{@code order} is the number of angular nodes (per piece when kinked); the radial rule has
 * {@code order} nodes (order/2 Laguerre nodes, each used with both signs). Cost per evaluation ≈ 4·order²
 * activation calls.
 */
public final class QuadratureDual implements DualActivation {
    private static final double INV_TWO_PI = 1 / (2 * Math.PI);

    private final Activation activation;
    private final int order;
    private final boolean kinkedAtZero;
    private final double[] radii;
    private final double[] radialWeights;
    private final double[] trapezoidCos;
    private final double[] trapezoidSin;
    private final double[] trapezoidWeights;
    private final GaussRule legendre;

    public QuadratureDual(Activation activation, int order) {
        this(activation, order, activation == Activation.RELU);
    }

    /** {@code kinkedAtZero} forces the split-angle rule; needed for φ not differentiable at 0. */
    public QuadratureDual(Activation activation, int order, boolean kinkedAtZero) {
        if (order < 2 || order % 2 != 0) {
            throw new IllegalArgumentException("Quadrature order must be an even number ≥ 2, got " + order);
        }
        this.activation = activation;
        this.order = order;
        this.kinkedAtZero = kinkedAtZero;
        GaussRule laguerre = GaussRule.laguerre(order / 2);
        radii = new double[laguerre.size()];
        radialWeights = laguerre.weights().clone();
        for (int k = 0; k < radii.length; k++) {
            radii[k] = Math.sqrt(2 * laguerre.nodes()[k]);
        }
        trapezoidCos = new double[order];
        trapezoidSin = new double[order];
        trapezoidWeights = new double[order];
        for (int j = 0; j < order; j++) {
            double psi = Math.PI * (j + 0.5) / order;
            trapezoidCos[j] = Math.cos(psi);
            trapezoidSin[j] = Math.sin(psi);
            trapezoidWeights[j] = Math.PI / order;
        }
        legendre = GaussRule.legendre(order);
    }

    public Activation activation() {
        return activation;
    }

    public int order() {
        return order;
    }

    @Override
    public void evaluate(double s11, double s12, double s22, double[] out) {
        double v1 = Math.max(s11, 0);
        double v2 = Math.max(s22, 0);
        double a = Math.sqrt(v1);
        double b;
        double c;
        if (a == 0) {
            b = 0;
            c = Math.sqrt(v2);
        } else {
            double bound = Math.sqrt(v1 * v2);
            b = Math.max(-bound, Math.min(bound, s12)) / a;
            c = Math.sqrt(Math.max(v2 - b * b, 0));
        }
        if (kinkedAtZero) {
            double[][] angles = splitAngles(a, b, c);
            accumulate(a, b, c, angles[0], angles[1], angles[2], out);
        } else {
            accumulate(a, b, c, trapezoidCos, trapezoidSin, trapezoidWeights, out);
        }
    }

    /**
     * Fills t[i], tDot[i] for i in [from, to) with T and Ṫ at covariance [[s, s·ρᵢ], [s·ρᵢ, s]]. For smooth φ the
     * u-side values depend only on s and are computed once for the whole range.
     */
    public void tabulate(double s, double[] rhos, int from, int to, double[] t, double[] tDot) {
        double[] buf = new double[2];
        if (kinkedAtZero || s <= 0) {
            for (int i = from; i < to; i++) {
                evaluate(s, s * rhos[i], s, buf);
                t[i] = buf[0];
                tDot[i] = buf[1];
            }
            return;
        }
        double a = Math.sqrt(s);
        int nr = radii.length;
        int na = trapezoidCos.length;
        double[] phiPlus = new double[na * nr];
        double[] phiMinus = new double[na * nr];
        double[] dPlus = new double[na * nr];
        double[] dMinus = new double[na * nr];
        for (int j = 0; j < na; j++) {
            for (int k = 0; k < nr; k++) {
                double u = radii[k] * a * trapezoidCos[j];
                int idx = j * nr + k;
                phiPlus[idx] = activation.apply(u);
                phiMinus[idx] = activation.apply(-u);
                dPlus[idx] = activation.derivative(u);
                dMinus[idx] = activation.derivative(-u);
            }
        }
        for (int i = from; i < to; i++) {
            double rho = Math.max(-1, Math.min(1, rhos[i]));
            double b = a * rho;
            double c = a * Math.sqrt(1 - rho * rho);
            double sumT = 0;
            double sumD = 0;
            for (int j = 0; j < na; j++) {
                double beta = b * trapezoidCos[j] + c * trapezoidSin[j];
                double rowT = 0;
                double rowD = 0;
                for (int k = 0; k < nr; k++) {
                    double v = radii[k] * beta;
                    int idx = j * nr + k;
                    rowT += radialWeights[k] * (phiPlus[idx] * activation.apply(v) + phiMinus[idx] * activation.apply(-v));
                    rowD += radialWeights[k]
                            * (dPlus[idx] * activation.derivative(v) + dMinus[idx] * activation.derivative(-v));
                }
                sumT += trapezoidWeights[j] * rowT;
                sumD += trapezoidWeights[j] * rowD;
            }
            t[i] = sumT * INV_TWO_PI;
            tDot[i] = sumD * INV_TWO_PI;
        }
    }

    private void accumulate(double a, double b, double c, double[] cos, double[] sin, double[] w, double[] out) {
        double sumT = 0;
        double sumD = 0;
        for (int j = 0; j < cos.length; j++) {
            double alpha = a * cos[j];
            double beta = b * cos[j] + c * sin[j];
            double rowT = 0;
            double rowD = 0;
            for (int k = 0; k < radii.length; k++) {
                double u = radii[k] * alpha;
                double v = radii[k] * beta;
                rowT += radialWeights[k] * (activation.apply(u) * activation.apply(v)
                        + activation.apply(-u) * activation.apply(-v));
                rowD += radialWeights[k] * (activation.derivative(u) * activation.derivative(v)
                        + activation.derivative(-u) * activation.derivative(-v));
            }
            sumT += w[j] * rowT;
            sumD += w[j] * rowD;
        }
        out[0] = sumT * INV_TWO_PI;
        out[1] = sumD * INV_TWO_PI;
    }

    /** Gauss–Legendre nodes on [0, π) split where u = 0 (ψ = π/2) or v = 0, as {cos, sin, weight}. */
    private double[][] splitAngles(double a, double b, double c) {
        double[] breaks = new double[4];
        int count = 0;
        breaks[count++] = 0;
        if (a > 0) {
            breaks[count++] = Math.PI / 2;
        }
        if (b != 0 || c != 0) {
            // v ∝ b·cos ψ + c·sin ψ vanishes at ψ = atan2(−b, c) modulo π.
            double zero = Math.atan2(-b, c);
            zero = zero - Math.PI * Math.floor(zero / Math.PI);
            breaks[count++] = zero;
        }
        breaks[count++] = Math.PI;
        double[] sorted = Arrays.copyOf(breaks, count);
        Arrays.sort(sorted);
        int m = legendre.size();
        double[] cos = new double[m * (count - 1)];
        double[] sin = new double[cos.length];
        double[] w = new double[cos.length];
        int used = 0;
        for (int p = 0; p + 1 < count; p++) {
            double lo = sorted[p];
            double hi = sorted[p + 1];
            if (hi - lo < 1e-15) {
                continue;
            }
            double half = (hi - lo) / 2;
            double mid = (hi + lo) / 2;
            for (int q = 0; q < m; q++) {
                double psi = mid + half * legendre.nodes()[q];
                cos[used] = Math.cos(psi);
                sin[used] = Math.sin(psi);
                w[used] = half * legendre.weights()[q];
                used++;
            }
        }
        return new double[][] {Arrays.copyOf(cos, used), Arrays.copyOf(sin, used), Arrays.copyOf(w, used)};
    }
}
