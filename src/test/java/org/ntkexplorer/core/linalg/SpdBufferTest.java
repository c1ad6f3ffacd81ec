package org.ntkexplorer.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class SpdBufferTest {

    @Test
    void choleskyOfTheUpperTriangleSolvesTheFullSystem() {
        int n = 37;
        Random rng = new Random(3);
        double[][] g = new double[n][n + 5];
        for (double[] row : g) {
            for (int k = 0; k < row.length; k++) {
                row[k] = rng.nextGaussian();
            }
        }
        double[][] a = new double[n][n];
        try (SpdBuffer k = SpdBuffer.allocate(n)) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    for (int t = 0; t < n + 5; t++) {
                        a[i][j] += g[i][t] * g[j][t];
                    }
                }
                // Only the upper triangle is written; below it the buffer keeps whatever was there.
                k.putRow(i, i, a[i], i, n - i);
            }
            assertEquals(0, k.choleskyInPlace());
            double[] b = new double[n * 2];
            for (int q = 0; q < b.length; q++) {
                b[q] = rng.nextGaussian();
            }
            double[] x = k.solve(b, 2);
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < 2; c++) {
                    double ax = 0;
                    for (int j = 0; j < n; j++) {
                        ax += a[i][j] * x[j * 2 + c];
                    }
                    assertEquals(b[i * 2 + c], ax, 1e-9);
                }
            }
        }
    }

    @Test
    void anIndefiniteMatrixReportsItsPivotAndNaNIsRefused() {
        try (SpdBuffer k = SpdBuffer.allocate(2)) {
            k.putRow(0, 0, new double[] {1, 2}, 0, 2);
            k.putRow(1, 1, new double[] {1}, 0, 1);
            assertEquals(2, k.choleskyInPlace());
        }
        try (SpdBuffer k = SpdBuffer.allocate(2)) {
            k.putRow(0, 0, new double[] {1, Double.NaN}, 0, 2);
            k.putRow(1, 1, new double[] {1}, 0, 1);
            ArithmeticException e = assertThrows(ArithmeticException.class, k::choleskyInPlace);
            assertTrue(e.getMessage().contains("row 0, column 1"), e.getMessage());
        }
    }
}
