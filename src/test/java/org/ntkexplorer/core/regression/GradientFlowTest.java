package org.ntkexplorer.core.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GradientFlowTest {
    private final double[][] k = KernelRidgeTest.randomPsd(15, 30, 11);
    private final double[][] y = KernelRidgeTest.random(15, 2, 12);
    private final double[][] kTest = KernelRidgeTest.random(4, 15, 13);
    private final GradientFlow flow = GradientFlow.of(Nd4j.createFromArray(k), Nd4j.createFromArray(kTest),
            Nd4j.createFromArray(y));

    @Test
    void startsFromZeroPredictions() {
        assertEquals(0, flow.predictTest(0.5, 0).norm2Number().doubleValue(), 0);
        assertEquals(0, flow.predictTrain(0.5, 0).norm2Number().doubleValue(), 0);
    }

    @Test
    void infiniteTimeIsRidgelessKernelRegression() {
        INDArray ridgeless = KernelRidge.fit(Nd4j.createFromArray(k), Nd4j.createFromArray(y), 0)
                .predict(Nd4j.createFromArray(kTest));
        KernelRidgeTest.assertClose(ridgeless.toDoubleMatrix(), flow.predictTest(1, Double.POSITIVE_INFINITY)
                .toDoubleMatrix(), 1e-9);
        KernelRidgeTest.assertClose(y, flow.predictTrain(1, Double.POSITIVE_INFINITY).toDoubleMatrix(), 1e-9);
    }

    @Test
    void longButFiniteTimeApproachesTheLimit() {
        double smallest = flow.eigenvalues()[0];
        double t = 50 / smallest;
        KernelRidgeTest.assertClose(flow.predictTest(1, Double.POSITIVE_INFINITY).toDoubleMatrix(),
                flow.predictTest(1, t).toDoubleMatrix(), 1e-12);
    }

    @Test
    void matchesTheMatrixExponentialFormula() {
        double eta = 0.3;
        double t = 0.7;
        RealMatrix km = MatrixUtils.createRealMatrix(k);
        // I − e^(−ηKt) by a truncated Taylor series, independent of the eigendecomposition.
        RealMatrix term = MatrixUtils.createRealIdentityMatrix(15);
        RealMatrix sum = MatrixUtils.createRealMatrix(15, 15);
        for (int p = 1; p < 400; p++) {
            term = term.multiply(km).scalarMultiply(-eta * t / p);
            sum = sum.subtract(term);
        }
        RealMatrix expected = MatrixUtils.createRealMatrix(kTest)
                .multiply(MatrixUtils.inverse(km)).multiply(sum).multiply(MatrixUtils.createRealMatrix(y));
        KernelRidgeTest.assertClose(expected.getData(), flow.predictTest(eta, t).toDoubleMatrix(), 1e-7);
    }
}
