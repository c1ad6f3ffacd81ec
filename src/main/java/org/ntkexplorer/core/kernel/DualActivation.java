package org.ntkexplorer.core.kernel;

import org.ntkexplorer.core.model.Activation;

/**
 * The two Gaussian expectations an infinite-width layer needs:
 * T = E[φ(u)φ(v)] and Ṫ = E[φ'(u)φ'(v)] for (u, v) ~ N(0, [[s11, s12], [s12, s22]]).
 * Implementations must be safe to call from several threads at once.
 */
public interface DualActivation {

    /** Writes T into {@code out[0]} and Ṫ into {@code out[1]}; {@code out} lets hot loops avoid allocation. */
    void evaluate(double s11, double s12, double s22, double[] out);

    /** Closed forms for relu and erf, else quadrature of the given order (docs/science.md, §Infinite-width kernels). */
    static DualActivation of(Activation activation, int quadratureOrder) {
        return switch (activation) {
            case RELU -> new ReluDual();
            case ERF -> new ErfDual();
            default -> new QuadratureDual(activation, quadratureOrder);
        };
    }
}
