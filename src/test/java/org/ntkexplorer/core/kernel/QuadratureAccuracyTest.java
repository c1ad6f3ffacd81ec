package org.ntkexplorer.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntkexplorer.core.model.Activation;

/**
 * The quadrature behind the infinite-width kernels holds 10⁻⁷ relative accuracy (what the README promises) for
 * pre-activation variances from 0.01 to 100, checked against references that share no code with it: adaptive
 * Gauss–Kronrod integrals written in {@link AdaptiveGaussKronrod} and the relu and erf closed forms.
 * Measured at the default order: ≤ 2·10⁻¹⁰ on every check here.
 */
class QuadratureAccuracyTest {
    private static final double TOLERANCE = 1e-7;
    private static final double[] VARIANCES = {0.01, 1, 10, 50, 100};
    private static final int ORDER = InfiniteMlpKernel.DEFAULT_QUADRATURE_ORDER;

    @Test
    void referenceIntegralsAreAccurateFarBelowTheTolerance() {
        for (double s : VARIANCES) {
            // Diagonal closed forms: erf (Williams 1997) and relu (half the variance, Ṫ = 1/2).
            double[] erf = diagonalReference(Activation.ERF, s);
            assertEquals(2 / Math.PI * Math.asin(2 * s / (1 + 2 * s)), erf[0], 1e-13 * erf[0], "erf T at " + s);
            assertEquals(4 / Math.PI / Math.sqrt(1 + 4 * s), erf[1], 1e-13 * erf[1], "erf Tdot at " + s);
            double[] relu = diagonalReference(Activation.RELU, s);
            assertEquals(s / 2, relu[0], 1e-13 * relu[0], "relu T at " + s);
            assertEquals(0.5, relu[1], 1e-13, "relu Tdot at " + s);
        }
        // 25-digit values from mpmath at 30–40 digits, computed twice with different variables and splits.
        double[][] known = {
            {1, 0.3942944903978411744164598, 0.4644029024482682419720215},
            {50, 0.8880745116802949860584209, 0.07498409589756767261938129},
            {100, 0.9205368634305166712145567, 0.05310678774811583410072551}};
        for (double[] k : known) {
            double[] tanh = diagonalReference(Activation.TANH, k[0]);
            assertEquals(k[1], tanh[0], 1e-13 * k[1], "tanh T at " + k[0]);
            assertEquals(k[2], tanh[1], 1e-13 * k[2], "tanh Tdot at " + k[0]);
        }
        double[] gelu = diagonalReference(Activation.GELU, 50);
        assertEquals(24.97414376159359310952859, gelu[0], 1e-13 * gelu[0]);
        assertEquals(0.50732273104287137979524, gelu[1], 1e-13 * gelu[1]);
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"TANH", "GELU", "ERF"})
    void diagonalMatchesAnIndependentOneDimensionalIntegral(Activation activation) {
        QuadratureDual quadrature = new QuadratureDual(activation, ORDER);
        double[] out = new double[2];
        for (double s : new double[] {0.01, 0.1, 1, 2, 10, 50, 100, 200}) {
            double[] reference = diagonalReference(activation, s);
            quadrature.evaluate(s, s, s, out);
            String at = activation + " at variance " + s;
            assertEquals(reference[0], out[0], TOLERANCE * reference[0], "T " + at);
            assertEquals(reference[1], out[1], TOLERANCE * reference[1], "Tdot " + at);
        }
    }

    @Test
    void offDiagonalMatchesTheErfAndReluClosedFormsAtLargeVariances() {
        assertMatchesClosedForm(Activation.ERF, new ErfDual(), TOLERANCE);
        // The split-angle rule for kinked φ is exact for relu at every variance, up to rounding of the kink
        // angles: Ṫ is off by 4·10⁻⁹ where they coincide (ρ = −1), T by 10⁻¹⁵.
        assertMatchesClosedForm(Activation.RELU, new ReluDual(), 1e-8);
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"TANH", "GELU"})
    void offDiagonalMatchesOneDimensionalIntegralsAtCorrelationsZeroAndPlusMinusOne(Activation activation) {
        QuadratureDual quadrature = new QuadratureDual(activation, ORDER);
        double[] out = new double[2];
        for (double s11 : VARIANCES) {
            for (double s22 : VARIANCES) {
                double a = Math.sqrt(s11);
                double b = Math.sqrt(s22);
                double[] scale = scale(activation, s11, s22);
                String at = activation + " at s11=" + s11 + " s22=" + s22;
                for (int sign = -1; sign <= 1; sign += 2) {
                    // ρ = ±1: v = ±(b/a)·u, a 1-D integral over u.
                    double k = sign * b;
                    double t = mean(z -> activation.apply(a * z) * activation.apply(k * z));
                    double tDot = mean(z -> activation.derivative(a * z) * activation.derivative(k * z));
                    quadrature.evaluate(s11, sign * a * b, s22, out);
                    assertEquals(t, out[0], TOLERANCE * scale[0], "T rho=" + sign + " " + at);
                    assertEquals(tDot, out[1], TOLERANCE * scale[1], "Tdot rho=" + sign + " " + at);
                }
                // ρ = 0: u and v independent, so T and Ṫ factor into 1-D means.
                quadrature.evaluate(s11, 0, s22, out);
                double t = mean(z -> activation.apply(a * z)) * mean(z -> activation.apply(b * z));
                double tDot = mean(z -> activation.derivative(a * z)) * mean(z -> activation.derivative(b * z));
                assertEquals(t, out[0], TOLERANCE * scale[0], "T rho=0 " + at);
                assertEquals(tDot, out[1], TOLERANCE * scale[1], "Tdot rho=0 " + at);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"TANH", "GELU"})
    void offDiagonalMatchesANestedAdaptiveIntegralAtIntermediateCorrelations(Activation activation) {
        QuadratureDual quadrature = new QuadratureDual(activation, ORDER);
        double[] out = new double[2];
        double[][] cases = {{1, 0.5, 1}, {50, 0.3, 50}, {50, 0.95, 50}, {100, -0.7, 100}, {100, 0.6, 0.01},
            {10, 0.9, 50}, {0.01, -0.4, 2}};
        for (double[] c : cases) {
            double s11 = c[0];
            double s22 = c[2];
            double s12 = c[1] * Math.sqrt(s11 * s22);
            double[] reference = nestedReference(activation, s11, s12, s22);
            double[] scale = scale(activation, s11, s22);
            quadrature.evaluate(s11, s12, s22, out);
            String at = activation + " at s11=" + s11 + " rho=" + c[1] + " s22=" + s22;
            assertEquals(reference[0], out[0], TOLERANCE * scale[0], "T " + at);
            assertEquals(reference[1], out[1], TOLERANCE * scale[1], "Tdot " + at);
        }
    }

    @Test
    void correlationTableKeepsItsAccuracyAtLargeVariances() {
        QuadratureDual tanh = new QuadratureDual(Activation.TANH, ORDER);
        double[] direct = new double[2];
        double[] read = new double[2];
        // Measured: Ṫ within 1.6e-10 at variance 50 and 6.5e-10 at 100, T within 1.3e-11.
        for (double s : new double[] {50, 100}) {
            CorrelationTable table = new CorrelationTable(tanh, s, InfiniteMlpKernel.DEFAULT_TABLE_POINTS, 2);
            tanh.evaluate(s, s, s, direct);
            double t1 = direct[0];
            double tDot1 = direct[1];
            java.util.Random rnd = new java.util.Random(5);
            double worst = 0;
            for (int k = 0; k < 400; k++) {
                // Half the probes crowd towards ρ = ±1, where large variances bend T and Ṫ hardest.
                double nearOne = 1 - Math.pow(10, -8 * rnd.nextDouble());
                double rho = k % 2 == 0 ? 2 * rnd.nextDouble() - 1 : (k % 4 == 1 ? nearOne : -nearOne);
                tanh.evaluate(s, s * rho, s, direct);
                table.evaluate(s, s * rho, s, read);
                worst = Math.max(worst, Math.max(Math.abs(direct[0] - read[0]) / t1,
                        Math.abs(direct[1] - read[1]) / tDot1));
            }
            assertTrue(worst < 1e-8, "table error " + worst + " at variance " + s);
        }
    }

    @Test
    void tanhKernelOfLargeNormInputsMatchesTheOneDimensionalRecursionOnItsDiagonal() {
        // The case of issue 11: depth 2, σ_w = 1.4142, σ_b = 0.1, inputs whose norms put Σ¹ between 2 and 100.
        double sigmaW = 1.4142;
        double sigmaB = 0.1;
        int d = 4;
        double[] meanSquares = {1, 5, 25, 50};
        INDArray x = Nd4j.zeros(DataType.DOUBLE, meanSquares.length, d);
        for (int i = 0; i < meanSquares.length; i++) {
            x.putScalar(i, i % d, Math.sqrt(meanSquares[i] * d));
        }
        KernelPair k = new InfiniteMlpKernel(Activation.TANH, 2, sigmaW, sigmaB).train(x);
        for (int i = 0; i < meanSquares.length; i++) {
            double sigma = sigmaW * sigmaW * meanSquares[i] + sigmaB * sigmaB;
            double theta = sigma;
            for (int l = 0; l < 2; l++) {
                double[] tt = diagonalReference(Activation.TANH, sigma);
                sigma = sigmaW * sigmaW * tt[0] + sigmaB * sigmaB;
                theta = sigma + sigmaW * sigmaW * tt[1] * theta;
            }
            assertEquals(sigma, k.nngp().getDouble(i, i), TOLERANCE * sigma, "NNGP of input " + i);
            assertEquals(theta, k.ntk().getDouble(i, i), TOLERANCE * theta, "NTK of input " + i);
        }
    }

    /** {E[φ(u)²], E[φ'(u)²]} for u ~ N(0, s) by adaptive Gauss–Kronrod, asserting its own error estimate. */
    static double[] diagonalReference(Activation activation, double s) {
        double a = Math.sqrt(s);
        double[] breaks = {-3 / a, -1 / a, 1 / a, 3 / a};
        AdaptiveGaussKronrod.Result t = AdaptiveGaussKronrod.gaussianMean(z -> square(activation.apply(a * z)),
                1e-15 * Math.max(1, s), breaks);
        AdaptiveGaussKronrod.Result tDot = AdaptiveGaussKronrod.gaussianMean(
                z -> square(activation.derivative(a * z)), 1e-15, breaks);
        assertTrue(t.errorEstimate() < 1e-12 * t.value() && tDot.errorEstimate() < 1e-12 * tDot.value(),
                "reference error estimates " + t.errorEstimate() + ", " + tDot.errorEstimate());
        return new double[] {t.value(), tDot.value()};
    }

    /** T and Ṫ as ∫ N(z₁) φ(a·z₁) ∫ N(z₂) φ(b·z₁ + c·z₂) dz₂ dz₁ with both integrals adaptive. */
    private static double[] nestedReference(Activation activation, double s11, double s12, double s22) {
        double a = Math.sqrt(s11);
        double b = s12 / a;
        double c = Math.sqrt(Math.max(s22 - b * b, 0));
        double tolerance = 1e-14 * (1 + Math.sqrt(s22));
        double outerTolerance = 1e-12 * (1 + Math.sqrt(s22));
        double[] out = new double[2];
        for (int which = 0; which < 2; which++) {
            DoubleUnaryOperator f = which == 0 ? activation::apply : activation::derivative;
            DoubleUnaryOperator inner = z1 -> AdaptiveGaussKronrod.gaussianMean(z2 -> f.applyAsDouble(b * z1 + c * z2),
                    tolerance, -b * z1 / c).value();
            AdaptiveGaussKronrod.Result r = AdaptiveGaussKronrod.gaussianMean(
                    z1 -> f.applyAsDouble(a * z1) * inner.applyAsDouble(z1), outerTolerance, -1 / a, 1 / a);
            assertTrue(r.errorEstimate() < 1e-10, "nested reference error estimate " + r.errorEstimate());
            out[which] = r.value();
        }
        return out;
    }

    private static void assertMatchesClosedForm(Activation activation, DualActivation exact, double tolerance) {
        QuadratureDual quadrature = new QuadratureDual(activation, ORDER);
        double[] e = new double[2];
        double[] q = new double[2];
        for (double s11 : VARIANCES) {
            for (double s22 : VARIANCES) {
                double[] scale = scale(exact, s11, s22);
                for (int k = -20; k <= 20; k++) {
                    double rho = k / 20.0 + (Math.abs(k) == 20 ? -Math.signum(k) * 1e-6 : 0);
                    for (double r : new double[] {k / 20.0, rho}) {
                        double s12 = r * Math.sqrt(s11 * s22);
                        exact.evaluate(s11, s12, s22, e);
                        quadrature.evaluate(s11, s12, s22, q);
                        String at = activation + " at s11=" + s11 + " rho=" + r + " s22=" + s22;
                        assertEquals(e[0], q[0], tolerance * scale[0], "T " + at);
                        assertEquals(e[1], q[1], tolerance * scale[1], "Tdot " + at);
                    }
                }
            }
        }
    }

    /** Off the diagonal T can cross 0, so errors are relative to the Cauchy–Schwarz bound √(T(s11)·T(s22)). */
    private static double[] scale(Activation activation, double s11, double s22) {
        double[] d1 = diagonalReference(activation, s11);
        double[] d2 = diagonalReference(activation, s22);
        return new double[] {Math.sqrt(d1[0] * d2[0]), Math.sqrt(d1[1] * d2[1])};
    }

    private static double[] scale(DualActivation exact, double s11, double s22) {
        double[] d1 = new double[2];
        double[] d2 = new double[2];
        exact.evaluate(s11, s11, s11, d1);
        exact.evaluate(s22, s22, s22, d2);
        return new double[] {Math.sqrt(d1[0] * d2[0]), Math.sqrt(d1[1] * d2[1])};
    }

    private static double mean(DoubleUnaryOperator f) {
        return AdaptiveGaussKronrod.gaussianMean(f, 1e-15).value();
    }

    private static double square(double x) {
        return x * x;
    }
}
