package org.ntkexplorer.core.kernel;

import java.util.Arrays;

import org.ntkexplorer.core.model.Activation;

/**
 * T and Ṫ for an activation with a kink at 0, by product quadrature in polar coordinates of the whitened pair.
 *
 * <p>Write (u, v) = (a·z₁, b·z₁ + c·z₂) with [[a, 0], [b, c]] the Cholesky factor of the covariance and
 * z = r·(cos ψ, sin ψ) standard normal. Then E[f(u, v)] = (1/2π) ∫₀^π dψ ∫_ℝ |r| e^(−r²/2) f(r·e(ψ)) dr.
 * The kinks of φ(u) and φ(v) are lines through the origin, i.e. fixed angles, so the angle range is split there
 * and each piece gets Gauss–Legendre; a tensor grid in (z₁, z₂) could not follow them and would converge only
 * algebraically. The radial rule for |r|e^(−r²/2) is Gauss–Laguerre in s = r²/2 (nodes ±√(2s_k)).
 *
 * <p>For a positively homogeneous φ (relu) the radial integrand is a polynomial in s, so the rule is exact up to
 * rounding at every variance. It is not meant for smooth activations: at large variance their radial integrand
 * changes over r ~ 1/√s, which Gauss–Laguerre resolves badly; {@link NestedTrapezoidRule} handles those.
 */
final class SplitAngleRule {
    private static final double INV_TWO_PI = 1 / (2 * Math.PI);

    private final Activation activation;
    private final double[] radii;
    private final double[] radialWeights;
    private final GaussRule legendre;

    /** {@code order} Legendre nodes per angular piece and order/2 Laguerre nodes (each used with both signs). */
    SplitAngleRule(Activation activation, int order) {
        this.activation = activation;
        GaussRule laguerre = GaussRule.laguerre(order / 2);
        radii = new double[laguerre.size()];
        radialWeights = laguerre.weights().clone();
        for (int k = 0; k < radii.length; k++) {
            radii[k] = Math.sqrt(2 * laguerre.nodes()[k]);
        }
        legendre = GaussRule.legendre(order);
    }

    /** T into out[0], Ṫ into out[1] for the Cholesky factor [[a, 0], [b, c]] of the covariance. */
    void evaluate(double a, double b, double c, double[] out) {
        double[][] angles = splitAngles(a, b, c);
        double[] cos = angles[0];
        double[] sin = angles[1];
        double[] w = angles[2];
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
