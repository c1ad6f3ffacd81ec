package org.ntkexplorer.core.regression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class KernelRidgeTest {

    static double[][] randomPsd(int n, int rank, long seed) {
        Random rnd = new Random(seed);
        double[][] f = new double[n][rank];
        for (double[] row : f) {
            for (int k = 0; k < rank; k++) {
                row[k] = rnd.nextGaussian();
            }
        }
        return new Array2DRowRealMatrix(f).multiply(new Array2DRowRealMatrix(f).transpose()).getData();
    }

    static double[][] random(int rows, int cols, long seed) {
        Random rnd = new Random(seed);
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int k = 0; k < cols; k++) {
                row[k] = rnd.nextGaussian();
            }
        }
        return m;
    }

    @Test
    void dualCoefficientsAndPredictionsMatchAnIndependentLuSolve() {
        int n = 25;
        double[][] k = randomPsd(n, 40, 1);
        double[][] y = random(n, 3, 2);
        double[][] kTest = random(6, n, 3);
        double ridge = 1e-3;
        KernelRidgeModel model = KernelRidge.fit(Nd4j.createFromArray(k), Nd4j.createFromArray(y), ridge);

        RealMatrix km = MatrixUtils.createRealMatrix(k);
        double mean = km.getTrace() / n;
        RealMatrix regularised = km.add(MatrixUtils.createRealIdentityMatrix(n).scalarMultiply(ridge * mean));
        RealMatrix alpha = new LUDecomposition(regularised).getSolver().solve(MatrixUtils.createRealMatrix(y));
        RealMatrix predictions = MatrixUtils.createRealMatrix(kTest).multiply(alpha);

        assertEquals(ridge * mean, model.absoluteRidge(), 1e-12 * mean);
        assertClose(alpha.getData(), model.alpha().toDoubleMatrix(), 1e-9);
        assertClose(predictions.getData(), model.predict(Nd4j.createFromArray(kTest)).toDoubleMatrix(), 1e-9);
    }

    @Test
    void inPlaceFitOnTheNativeBufferEqualsTheDenseFit() {
        int n = 25;
        double[][] k = randomPsd(n, 40, 5);
        double[][] y = random(n, 3, 6);
        KernelRidgeModel dense = KernelRidge.fit(Nd4j.createFromArray(k), Nd4j.createFromArray(y), 1e-3);
        try (org.ntkexplorer.core.linalg.SpdBuffer b = org.ntkexplorer.core.linalg.SpdBuffer.allocate(n)) {
            for (int i = 0; i < n; i++) {
                b.putRow(i, i, k[i], i, n - i);
            }
            KernelRidgeModel inPlace = KernelRidge.fitInPlace(b, Nd4j.createFromArray(y), 1e-3);
            assertEquals(dense.absoluteRidge(), inPlace.absoluteRidge(), 1e-15 * dense.absoluteRidge());
            assertClose(dense.alpha().toDoubleMatrix(), inPlace.alpha().toDoubleMatrix(), 1e-10);
        }
        try (org.ntkexplorer.core.linalg.SpdBuffer b = org.ntkexplorer.core.linalg.SpdBuffer.allocate(n)) {
            double[][] deficient = randomPsd(n, 5, 7);
            for (int i = 0; i < n; i++) {
                b.putRow(i, i, deficient[i], i, n - i);
            }
            assertThrows(KernelNotPositiveDefiniteException.class,
                    () -> KernelRidge.fitInPlace(b, Nd4j.createFromArray(y), 0));
        }
    }

    @Test
    void floatKernelsAreSolvedInDouble() {
        double[][] k = randomPsd(10, 12, 4);
        double[][] y = random(10, 1, 5);
        INDArray kf = Nd4j.createFromArray(k).castTo(DataType.FLOAT);
        KernelRidgeModel model = KernelRidge.fit(kf, Nd4j.createFromArray(y), 0.1);
        assertEquals(DataType.DOUBLE, model.alpha().dataType());
        double[][] fitted = model.predict(kf).toDoubleMatrix();
        // With ridge r·m the residual is r·m·α exactly: check the normal equations.
        double m = new Array2DRowRealMatrix(kf.castTo(DataType.DOUBLE).toDoubleMatrix()).getTrace() / 10;
        double[][] alpha = model.alpha().toDoubleMatrix();
        for (int i = 0; i < 10; i++) {
            assertEquals(y[i][0], fitted[i][0] + 0.1 * m * alpha[i][0], 1e-8);
        }
    }

    @Test
    void rankDeficientKernelWithoutRidgeIsReportedWithAHelpfulMessage() {
        INDArray k = Nd4j.createFromArray(randomPsd(20, 5, 6));
        INDArray y = Nd4j.createFromArray(random(20, 2, 7));
        KernelNotPositiveDefiniteException e = assertThrows(KernelNotPositiveDefiniteException.class,
                () -> KernelRidge.fit(k, y, 0));
        assertTrue(e.getMessage().contains("ridge"), e.getMessage());
        assertTrue(e.getMessage().contains("larger ridge"), e.getMessage());
        assertTrue(e.failedPivot() >= 1 && e.failedPivot() <= 20);
        KernelRidge.fit(k, y, 1e-6);
    }

    @Test
    void rejectsMismatchedShapesAndNegativeRidge() {
        INDArray k = Nd4j.eye(4).castTo(DataType.DOUBLE);
        assertThrows(IllegalArgumentException.class, () -> KernelRidge.fit(k, Nd4j.zeros(DataType.DOUBLE, 3, 1), 0));
        assertThrows(IllegalArgumentException.class, () -> KernelRidge.fit(k, Nd4j.zeros(DataType.DOUBLE, 4, 1), -1));
    }

    static void assertClose(double[][] expected, double[][] actual, double relative) {
        double scale = 0;
        for (double[] row : expected) {
            for (double v : row) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], relative * scale, "row " + i);
        }
    }
}
