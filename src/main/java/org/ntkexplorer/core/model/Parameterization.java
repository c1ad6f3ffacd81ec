package org.ntkexplorer.core.model;

/**
 * How a layer's weights enter the function (docs/science.md, §Conventions). Under NTK the multipliers
 * σ_w/√fan_in and σ_b are part of the forward and backward pass; under STANDARD they only scale the
 * initialisation.
 */
public enum Parameterization {
    NTK("ntk"),
    STANDARD("standard");

    private final String id;

    Parameterization(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Multiplier applied to a_l·W_l in the forward pass. */
    public double weightMultiplier(double sigmaW, int fanIn) {
        return this == NTK ? sigmaW / Math.sqrt(fanIn) : 1.0;
    }

    /** Multiplier applied to b_l in the forward pass. */
    public double biasMultiplier(double sigmaB) {
        return this == NTK ? sigmaB : 1.0;
    }

    /** Standard deviation of the stored weights at initialisation. */
    public double weightInitStd(double sigmaW, int fanIn) {
        return this == NTK ? 1.0 : sigmaW / Math.sqrt(fanIn);
    }

    /** Standard deviation of the stored biases at initialisation. */
    public double biasInitStd(double sigmaB) {
        return this == NTK ? 1.0 : sigmaB;
    }

    public static Parameterization fromId(String id) {
        for (Parameterization p : values()) {
            if (p.id.equalsIgnoreCase(id.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("Unknown parameterization '" + id + "'; expected ntk or standard");
    }
}
