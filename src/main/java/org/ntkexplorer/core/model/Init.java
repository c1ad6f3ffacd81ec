package org.ntkexplorer.core.model;

import java.util.Random;

/**
 * The law a layer's weights and biases are drawn from at initialisation (docs/science.md, §Initialisation). The
 * laws are stated for the effective weight s_w·W and bias s_b·b, so a network has the same function at
 * initialisation under either parameterisation:
 *
 * <ul>
 *   <li>HE: weights N(0, σ_w²/fan_in) with σ_w = √2 unless the spec says otherwise, biases N(0, σ_b²);</li>
 *   <li>LECUN: weights N(0, 1/fan_in) (σ_w = 1), biases N(0, σ_b²);</li>
 *   <li>PYTORCH: weights and biases U(−1/√fan_in, 1/√fan_in), PyTorch's default for nn.Linear and nn.Conv2d;
 *       their variances are 1/(3·fan_in), so σ_w = 1/√3 and the bias scale depends on the layer's fan-in.</li>
 * </ul>
 */
public enum Init {
    HE("he", Math.sqrt(2)),
    LECUN("lecun", 1),
    PYTORCH("pytorch", 1 / Math.sqrt(3));

    private final String id;
    private final double sigmaW;

    Init(String id, double sigmaW) {
        this.id = id;
        this.sigmaW = sigmaW;
    }

    public String id() {
        return id;
    }

    /** σ_w the law implies (HE's is only its default: a spec may choose another σ_w under HE). */
    public double sigmaW() {
        return sigmaW;
    }

    /** Whether the spec's σ_w is free (HE) or fixed by the law. */
    public boolean freeSigmaW() {
        return this == HE;
    }

    /** Whether the biases' scale is the spec's σ_b (HE, LECUN) or fixed by the fan-in (PYTORCH). */
    public boolean usesSigmaB() {
        return this != PYTORCH;
    }

    /** Standard deviation of the effective bias s_b·b of a layer with this fan-in. */
    public double biasStd(double sigmaB, int fanIn) {
        return this == PYTORCH ? 1 / Math.sqrt(3.0 * fanIn) : sigmaB;
    }

    /** Standard deviation of the effective weight s_w·W of a layer with this fan-in. */
    public double weightStd(double sigmaWOfSpec, int fanIn) {
        return sigmaWOfSpec / Math.sqrt(fanIn);
    }

    /** One draw of unit variance from the law's shape: normal for HE and LECUN, uniform on ±√3 for PYTORCH. */
    public double unitDraw(Random rng) {
        return this == PYTORCH ? Math.sqrt(3) * (2 * rng.nextDouble() - 1) : rng.nextGaussian();
    }

    /** The law of one layer's weights, as a reader of model.json would write it. */
    public String weightLaw(double sigmaWOfSpec, int fanIn) {
        return this == PYTORCH ? uniform(1 / Math.sqrt(fanIn)) : normal(weightStd(sigmaWOfSpec, fanIn));
    }

    /** The law of one layer's biases, as a reader of model.json would write it. */
    public String biasLaw(double sigmaB, int fanIn) {
        return this == PYTORCH ? uniform(1 / Math.sqrt(fanIn)) : normal(sigmaB);
    }

    private static String normal(double std) {
        return "normal(0, " + std + "^2)";
    }

    private static String uniform(double bound) {
        return "uniform(-" + bound + ", " + bound + ")";
    }

    public static Init fromId(String id) {
        for (Init i : values()) {
            if (i.id.equalsIgnoreCase(id.trim())) {
                return i;
            }
        }
        throw new IllegalArgumentException("Unknown init '" + id + "'; expected he, lecun or pytorch");
    }
}
