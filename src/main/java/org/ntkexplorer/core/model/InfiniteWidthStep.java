package org.ntkexplorer.core.model;

/**
 * What a dense layer does to the kernels of its inputs as its width goes to infinity (docs/science.md,
 * §Infinite-width kernels), as neural-tangents' stax keeps it beside the layer: its pre-activations have covariance
 * Σ' = σ_w²·T + σ_b², where T is the covariance of its inputs, and NTK Θ' = Σ' + σ_w²·Ṫ·Θ, where Ṫ is the
 * covariance of the derivatives of the activation below and Θ the NTK below. The activation's own duals (T and Ṫ
 * from Σ) belong to the kernel code, which evaluates them for every entry.
 *
 * <p>Each method is the one expression the kernel code has always evaluated, operation for operation, so that the
 * kernels keep their bits.
 *
 * @param weightVariance σ_w² of the layer's initialisation law
 * @param biasVariance   σ_b² of its bias, from the same law at the layer's fan-in
 * @param activation     the layer's own nonlinearity, whose duals the next layer's step takes; null for the readout
 */
public record InfiniteWidthStep(double weightVariance, double biasVariance, Activation activation) {

    /** Σ¹(x, x) of the first layer from the squared norm of an input of {@code inputDim} values. */
    public double inputVariance(double squaredNorm, int inputDim) {
        return weightVariance * squaredNorm / inputDim + biasVariance;
    }

    /** σ_w²/d: what the Gram matrix of the inputs is scaled by before {@link #inputCovariance}. */
    public double inputScale(int inputDim) {
        return weightVariance / inputDim;
    }

    /** Σ¹(x, x') of the first layer from x·x' already multiplied by {@link #inputScale}. */
    public double inputCovariance(double scaledDot) {
        return scaledDot + biasVariance;
    }

    /** Σ' from T = E[φ(u)φ(v)] of the layer below. */
    public double nngp(double t) {
        return weightVariance * t + biasVariance;
    }

    /** Θ' from this layer's Σ', Ṫ = E[φ'(u)φ'(v)] of the layer below and its Θ. */
    public double ntk(double nngp, double tDot, double thetaBelow) {
        return nngp + weightVariance * tDot * thetaBelow;
    }
}
