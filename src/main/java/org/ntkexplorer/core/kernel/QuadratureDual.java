package org.ntkexplorer.core.kernel;

import org.ntkexplorer.core.model.Activation;

/**
 * T and Ṫ of any {@link Activation} by quadrature, for activations without a closed form (tanh, gelu) and to
 * check the closed forms. Smooth activations use {@link NestedTrapezoidRule}, whose node count adapts to the
 * variances, so the error stays near 10⁻¹⁰ from variance 0.01 to 200 and beyond. Activations with a kink at 0
 * use {@link SplitAngleRule}, which splits the angle at the kinks and is exact for relu.
 *
 * <p>{@code order} sets the resolution: for smooth activations the number of outer trapezoid steps at variance
 * ≤ 1 (cost ≈ 3·order² activation calls there, growing like √s·log s above), for kinked ones the
 * Gauss–Legendre nodes per angular piece (cost ≈ 4·order² calls per piece).
 */
public final class QuadratureDual implements DualActivation {
    private final Activation activation;
    private final int order;
    private final SplitAngleRule kinked;
    private final NestedTrapezoidRule smooth;

    public QuadratureDual(Activation activation, int order) {
        this(activation, order, activation == Activation.RELU);
    }

    /** {@code kinkedAtZero} selects the split-angle rule; needed for φ not differentiable at 0. */
    public QuadratureDual(Activation activation, int order, boolean kinkedAtZero) {
        if (order < 2 || order % 2 != 0) {
            throw new IllegalArgumentException("Quadrature order must be an even number ≥ 2, got " + order);
        }
        this.activation = activation;
        this.order = order;
        this.kinked = kinkedAtZero ? new SplitAngleRule(activation, order) : null;
        this.smooth = kinkedAtZero ? null : new NestedTrapezoidRule(activation, order);
    }

    public Activation activation() {
        return activation;
    }

    public int order() {
        return order;
    }

    @Override
    public void evaluate(double s11, double s12, double s22, double[] out) {
        if (smooth != null) {
            smooth.evaluate(s11, s12, s22, out);
            return;
        }
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
        kinked.evaluate(a, b, c, out);
    }

    /**
     * Fills t[i], tDot[i] for i in [from, to) with T and Ṫ at covariance [[s, s·ρᵢ], [s·ρᵢ, s]]. For smooth φ the
     * u-side values depend only on s and are computed once for the whole range.
     */
    public void tabulate(double s, double[] rhos, int from, int to, double[] t, double[] tDot) {
        if (smooth != null && s > 0) {
            smooth.tabulate(s, rhos, from, to, t, tDot);
            return;
        }
        double[] buf = new double[2];
        for (int i = from; i < to; i++) {
            evaluate(s, s * rhos[i], s, buf);
            t[i] = buf[0];
            tDot[i] = buf[1];
        }
    }
}
