package org.ntkexplorer.core.regression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class RegressionMetricsTest {

    @Test
    void mseAveragesOverExamplesAndOutputs() {
        double mse = RegressionMetrics.mse(Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}}),
                Nd4j.createFromArray(new double[][] {{1, 0}, {0, 4}}));
        assertEquals((4 + 9) / 4.0, mse, 1e-15);
    }

    @Test
    void argmaxErrorCountsMismatches() {
        double[][] p = {{0.1, 0.9, 0}, {0.8, 0.1, 0.1}, {0, 0, 1}, {0.3, 0.2, 0.5}};
        assertEquals(0.25, RegressionMetrics.classificationError(Nd4j.createFromArray(p), new int[] {1, 0, 2, 0}), 0);
    }

    @Test
    void singleOutputUsesSignAgainstPlusMinusOneLabels() {
        double[][] p = {{0.3}, {-2}, {0.1}};
        assertEquals(1 / 3.0, RegressionMetrics.classificationError(Nd4j.createFromArray(p), new int[] {1, -1, -1}), 1e-15);
        assertThrows(IllegalArgumentException.class,
                () -> RegressionMetrics.classificationError(Nd4j.createFromArray(p), new int[] {1, 0, 1}));
    }

    @Test
    void centredOneHotTargetsSumToZero() {
        double[][] y = Targets.oneHotCentred(new int[] {2, 0}, 3).toDoubleMatrix();
        assertArrayEquals(new double[] {-1 / 3.0, -1 / 3.0, 2 / 3.0}, y[0], 1e-15);
        assertArrayEquals(new double[] {2 / 3.0, -1 / 3.0, -1 / 3.0}, y[1], 1e-15);
    }
}
