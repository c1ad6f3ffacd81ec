package org.ntkexplorer.core.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class KernelMetricsTest {

    private static INDArray randomPsd(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray f = Nd4j.randn(DataType.DOUBLE, n, n + 3);
        return f.mmul(f.transpose());
    }

    @Test
    void distanceIsZeroForPositiveMultiplesSymmetricAndBounded() {
        INDArray k = randomPsd(12, 1);
        INDArray l = randomPsd(12, 2);
        assertEquals(0, KernelAlignment.distance(k, k), 1e-14);
        assertEquals(0, KernelAlignment.distance(k, k.mul(3.7)), 1e-14);
        assertEquals(KernelAlignment.distance(k, l), KernelAlignment.distance(l, k), 1e-15);
        double s = KernelAlignment.distance(k, l);
        assertTrue(s > 0 && s <= 2, "S = " + s);
        assertEquals(2, KernelAlignment.distance(k, k.neg()), 1e-14);
        assertEquals(s / 0.5, KernelAlignment.velocity(k, l, 0.5), 1e-14);
    }

    @Test
    void ckaIsOneOnItselfAndInvariantToScaleAndConstantShift() {
        INDArray k = randomPsd(15, 3);
        INDArray l = randomPsd(15, 4);
        double base = KernelAlignment.cka(k, l);
        assertEquals(1, KernelAlignment.cka(k, k), 1e-14);
        assertEquals(base, KernelAlignment.cka(k.mul(5), l), 1e-13);
        assertEquals(base, KernelAlignment.cka(k.add(42.0), l), 1e-12);
        assertTrue(base < 1);
    }

    @Test
    void ckaOfKernelsOnOrthogonalCentredFeaturesIsZero() {
        INDArray a = Nd4j.createFromArray(new double[] {1, -1, 1, -1}).reshape(4, 1);
        INDArray b = Nd4j.createFromArray(new double[] {1, 1, -1, -1}).reshape(4, 1);
        assertEquals(0, KernelAlignment.cka(a.mmul(a.transpose()), b.mmul(b.transpose()).add(7)), 1e-15);
    }

    @Test
    void targetAlignmentIsOneForTheLabelKernelAndMatchesExplicitCka() {
        int[] labels = {0, 2, 1, 1, 0, 2, 2};
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 7, 3);
        for (int i = 0; i < 7; i++) {
            y.putScalar(i, labels[i], 1);
        }
        INDArray yyT = y.mmul(y.transpose());
        assertEquals(1, KernelAlignment.targetAlignment(yyT, labels), 1e-14);
        INDArray k = randomPsd(7, 5);
        assertEquals(KernelAlignment.cka(k, yyT), KernelAlignment.targetAlignment(k, labels), 1e-14);
    }

    @Test
    void effectiveRankOfIdentityIsNAndOfRankOneIsOne() {
        assertEquals(9, KernelSpectrum.of(Nd4j.eye(9).castTo(DataType.DOUBLE)).effectiveRank(), 1e-12);
        INDArray v = Nd4j.rand(DataType.DOUBLE, 9, 1);
        assertEquals(1, KernelSpectrum.of(v.mmul(v.transpose())).effectiveRank(), 1e-9);
    }

    @Test
    void spectrumIsDescendingEigenvaluesOverNAndRecoversAPowerLaw() {
        int n = 200;
        INDArray k = Nd4j.zeros(DataType.DOUBLE, n, n);
        for (int i = 0; i < n; i++) {
            k.putScalar(i, i, Math.pow(i + 1, -2.0));
        }
        KernelSpectrum spectrum = KernelSpectrum.of(k);
        assertEquals(1.0 / n, spectrum.eigenvalues()[0], 1e-15);
        assertEquals(Math.pow(n, -2.0) / n, spectrum.eigenvalues()[n - 1], 1e-18);
        KernelSpectrum.PowerLawSlope slope = spectrum.powerLawSlope();
        assertEquals(2, slope.beta(), 1e-9);
        assertEquals(n / 2 - 1, slope.pointsUsed());
        assertEquals(1, slope.rSquared(), 1e-12);
    }

    @Test
    void spectrumOfAKnownDenseMatrix() {
        // [[2, 1], [1, 2]] has eigenvalues 3 and 1.
        KernelSpectrum s = KernelSpectrum.of(Nd4j.createFromArray(new double[][] {{2, 1}, {1, 2}}));
        assertArrayEquals(new double[] {1.5, 0.5}, s.eigenvalues(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> s.powerLawSlope(2, 2));
    }
}
