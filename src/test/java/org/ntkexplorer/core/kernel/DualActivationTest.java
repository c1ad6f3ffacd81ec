package org.ntkexplorer.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.junit.jupiter.api.Test;
import org.ntkexplorer.core.model.Activation;

class DualActivationTest {
    private static final double[] VARIANCES = {0.1, 0.5, 1, 2};

    @Test
    void reluClosedFormKnownValues() {
        double[] out = new double[2];
        ReluDual relu = new ReluDual();
        relu.evaluate(1.7, 1.7, 1.7, out);
        assertEquals(1.7 / 2, out[0], 1e-15);
        assertEquals(0.5, out[1], 1e-15);
        relu.evaluate(2, 0, 0.5, out);
        assertEquals(1 / (2 * Math.PI), out[0], 1e-15);
        assertEquals(0.25, out[1], 1e-15);
        relu.evaluate(3, -3, 3, out);
        assertEquals(0, out[0], 1e-15);
        assertEquals(0, out[1], 1e-15);
    }

    @Test
    void erfClosedFormMatchesOneDimensionalIntegralOnTheDiagonal() {
        double[] out = new double[2];
        new ErfDual().evaluate(1.3, 1.3, 1.3, out);
        assertEquals(gaussianMean(z -> Math.pow(Activation.ERF.apply(Math.sqrt(1.3) * z), 2)), out[0], 1e-12);
        assertEquals(gaussianMean(z -> Math.pow(Activation.ERF.derivative(Math.sqrt(1.3) * z), 2)), out[1], 1e-12);
    }

    @Test
    void quadratureMatchesReluClosedFormToRounding() {
        assertQuadratureMatches(Activation.RELU, new ReluDual(), 64, 1e-12, 1e-8);
    }

    @Test
    void quadratureMatchesErfClosedFormWithinOneInABillion() {
        // Measured on this grid: 1e-15 at order 64, 6e-11 at the default 32; QuadratureAccuracyTest goes to 100.
        assertQuadratureMatches(Activation.ERF, new ErfDual(), 64, 1e-9, 1e-9);
    }

    @Test
    void quadratureMatchesOneDimensionalIntegralsAtCorrelationOneMinusOneAndZero() {
        double[] out = new double[2];
        QuadratureDual tanh = new QuadratureDual(Activation.TANH, 64);
        double s = 0.8;
        tanh.evaluate(s, s, s, out);
        assertEquals(gaussianMean(z -> Math.pow(Math.tanh(Math.sqrt(s) * z), 2)), out[0], 1e-7);
        assertEquals(gaussianMean(z -> Math.pow(Activation.TANH.derivative(Math.sqrt(s) * z), 2)), out[1], 1e-6);
        tanh.evaluate(s, -s, s, out);
        assertEquals(-gaussianMean(z -> Math.pow(Math.tanh(Math.sqrt(s) * z), 2)), out[0], 1e-7);
        QuadratureDual gelu = new QuadratureDual(Activation.GELU, 64);
        gelu.evaluate(s, 0, 1.5, out);
        double mean1 = gaussianMean(z -> Activation.GELU.apply(Math.sqrt(s) * z));
        double mean2 = gaussianMean(z -> Activation.GELU.apply(Math.sqrt(1.5) * z));
        assertEquals(mean1 * mean2, out[0], 1e-9);
    }

    @Test
    void zeroVarianceInputIsHandledAsTheConstantZero() {
        double[] out = new double[2];
        new QuadratureDual(Activation.TANH, 64).evaluate(0, 0.3, 1.0, out);
        assertEquals(0, out[0], 1e-15);
        assertEquals(gaussianMean(z -> Activation.TANH.derivative(z)), out[1], 1e-7);
        new ReluDual().evaluate(0, 0, 1, out);
        assertEquals(0, out[0]);
        assertEquals(0, out[1]);
    }

    @Test
    void correlationTableReproducesDirectQuadratureToBetterThan1e7() {
        QuadratureDual tanh = new QuadratureDual(Activation.TANH, 32);
        CorrelationTable table = new CorrelationTable(tanh, 1.4, 2049, 2);
        double[] direct = new double[2];
        double[] read = new double[2];
        double worst = 0;
        java.util.Random rnd = new java.util.Random(3);
        for (int k = 0; k < 500; k++) {
            double rho = k < 2 ? 2 * k - 1 : 2 * rnd.nextDouble() - 1;
            tanh.evaluate(1.4, 1.4 * rho, 1.4, direct);
            table.evaluate(1.4, 1.4 * rho, 1.4, read);
            worst = Math.max(worst, Math.max(Math.abs(direct[0] - read[0]), Math.abs(direct[1] - read[1])));
        }
        // Measured: ≈4e-13 with 2049 points; QuadratureAccuracyTest checks the production size at large variances.
        assertTrue(worst < 1e-7, "table error " + worst);
    }

    private static void assertQuadratureMatches(Activation activation, DualActivation exact, int order, double tolT,
            double tolDot) {
        QuadratureDual quadrature = new QuadratureDual(activation, order);
        double[] e = new double[2];
        double[] q = new double[2];
        double[] d1 = new double[2];
        double[] d2 = new double[2];
        for (double s11 : VARIANCES) {
            for (double s22 : VARIANCES) {
                for (int k = -10; k <= 10; k++) {
                    double s12 = k / 10.0 * Math.sqrt(s11 * s22);
                    exact.evaluate(s11, s12, s22, e);
                    quadrature.evaluate(s11, s12, s22, q);
                    exact.evaluate(s11, s11, s11, d1);
                    exact.evaluate(s22, s22, s22, d2);
                    // Relative to the Cauchy–Schwarz bound, which stays meaningful where T itself crosses 0.
                    String at = activation + " at s11=" + s11 + " s12=" + s12 + " s22=" + s22;
                    assertEquals(e[0], q[0], tolT * Math.sqrt(d1[0] * d2[0]), "T " + at);
                    assertEquals(e[1], q[1], tolDot * Math.sqrt(d1[1] * d2[1]), "Tdot " + at);
                }
            }
        }
    }

    private static double gaussianMean(java.util.function.DoubleUnaryOperator f) {
        // Independent 1-D reference: commons-math Gauss–Hermite with weight e^(−x²), z = √2·x.
        return new GaussIntegratorFactory().hermite(200)
                .integrate(x -> f.applyAsDouble(Math.sqrt(2) * x)) / Math.sqrt(Math.PI);
    }
}
