package org.ntkexplorer.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Each initialisation law draws what docs/science.md, §Initialisation says: variance, shape and bound. */
class InitLawTest {
    private static final int INPUTS = 300;
    private static final int WIDTH = 1500;
    private static final double SIGMA_B = 0.3;

    /** Mean, variance and kurtosis (E[x⁴]/E[x²]², 3 for a normal law, 1.8 for a uniform one) of the values. */
    private static double[] moments(INDArray a) {
        double[] v = a.castTo(DataType.DOUBLE).data().asDouble();
        double m = 0;
        for (double x : v) {
            m += x / v.length;
        }
        double m2 = 0;
        double m4 = 0;
        for (double x : v) {
            double c = x - m;
            m2 += c * c / v.length;
            m4 += c * c * c * c / v.length;
        }
        return new double[] {m, m2, m4 / (m2 * m2)};
    }

    private static NtkNetwork network(Init law, Parameterization p) {
        NetworkSpec spec = NetworkSpec.mlp(1, WIDTH, Activation.RELU, p, Math.sqrt(2), SIGMA_B, 10, INPUTS)
                .withInit(law);
        return NtkNetwork.create(spec, 11, DataType.DOUBLE, TestNetworks.PLAIN);
    }

    private static double expectedWeightVariance(Init law, int fanIn) {
        return switch (law) {
            case HE -> 2.0 / fanIn;
            case LECUN -> 1.0 / fanIn;
            case PYTORCH -> 1.0 / (3.0 * fanIn);
        };
    }

    private static double expectedBiasVariance(Init law, int fanIn) {
        return law == Init.PYTORCH ? 1.0 / (3.0 * fanIn) : SIGMA_B * SIGMA_B;
    }

    @ParameterizedTest
    @EnumSource(Init.class)
    void standardParameterisationStoresTheLawsMoments(Init law) {
        NtkNetwork net = network(law, Parameterization.STANDARD);
        int[] fanIns = {INPUTS, WIDTH};
        for (int k = 0; k < 2; k++) {
            double[] w = moments(net.weight(k));
            double expected = expectedWeightVariance(law, fanIns[k]);
            assertEquals(0, w[0], 4 * Math.sqrt(expected / net.weight(k).length()), "mean of W" + k);
            // 450,000 and 15,000 values: the variance's relative error is about √(2/N) (normal) or less (uniform).
            assertEquals(expected, w[1], (k == 0 ? 0.01 : 0.05) * expected, "variance of W" + k + " under " + law);
            assertEquals(law == Init.PYTORCH ? 1.8 : 3.0, w[2], k == 0 ? 0.05 : 0.25, "kurtosis of W" + k);
            if (law == Init.PYTORCH) {
                double bound = 1 / Math.sqrt(fanIns[k]);
                assertTrue(net.weight(k).amaxNumber().doubleValue() <= bound, "W" + k + " inside ±1/√fan_in");
                assertTrue(net.bias(k).amaxNumber().doubleValue() <= bound, "b" + k + " inside ±1/√fan_in");
            }
        }
        double[] b = moments(net.bias(0));
        double expected = expectedBiasVariance(law, INPUTS);
        // 1,500 values: about 4 % relative error for a normal law.
        assertEquals(expected, b[1], 0.15 * expected, "variance of b0 under " + law);
    }

    @ParameterizedTest
    @EnumSource(Init.class)
    void ntkParameterisationStoresUnitValuesAndPutsTheLawInTheMultipliers(Init law) {
        NtkNetwork net = network(law, Parameterization.NTK);
        Dense first = (Dense) net.plan().trainableLayers().get(0);
        double[] w = moments(net.weight(0));
        assertEquals(1, w[1], 0.01, "stored W0 has unit variance");
        assertEquals(law == Init.PYTORCH ? 1.8 : 3.0, w[2], 0.05, "kurtosis of W0");
        double effective = first.weightMultiplier() * first.weightMultiplier() * w[1];
        assertEquals(expectedWeightVariance(law, INPUTS), effective, 0.01 * effective, "variance of s_w·W0");
        assertEquals(expectedBiasVariance(law, INPUTS), first.biasMultiplier() * first.biasMultiplier(), 1e-12,
                "s_b² of layer 1");
    }

    @Test
    void heDrawsTheNumbersItDrewBeforeInitWasAChoice() {
        NtkNetwork net = network(Init.HE, Parameterization.STANDARD);
        Random rng = new Random(11);
        double scale = Math.sqrt(2) / Math.sqrt(INPUTS);
        double first = scale * rng.nextGaussian();
        double second = scale * rng.nextGaussian();
        assertEquals(first, net.weight(0).getDouble(0, 0), 1e-15);
        assertEquals(second, net.weight(0).getDouble(0, 1), 1e-15);
    }
}
