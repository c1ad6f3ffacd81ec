package org.ntkexplorer.core.regression;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntkexplorer.core.linalg.DoubleMatrices;

/** Test loss and test error of predictions against targets or labels. */
public final class RegressionMetrics {
    private RegressionMetrics() {
    }

    /**
     * Mean squared error averaged over examples AND outputs: Σᵢ Σ_c (ŷ_ic − y_ic)² / (n·C). (Some papers sum over
     * outputs instead; multiply by C to get that.)
     */
    public static double mse(INDArray predictions, INDArray targets) {
        requireSameShape(predictions, targets);
        double[] p = DoubleMatrices.toRowMajor(predictions);
        double[] y = DoubleMatrices.toRowMajor(targets);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double e = p[i] - y[i];
            sum += e * e;
        }
        return sum / p.length;
    }

    /**
     * Fraction of misclassified examples. With C ≥ 2 outputs the predicted class is the argmax (first on ties) and
     * labels are class indices 0..C−1; with a single output the prediction is its sign (+1 for ≥ 0) and labels must
     * be ±1.
     */
    public static double classificationError(INDArray predictions, int[] labels) {
        DoubleMatrices.requireMatrix(predictions);
        int n = predictions.rows();
        int c = predictions.columns();
        if (labels.length != n) {
            throw new IllegalArgumentException(labels.length + " labels for " + n + " predictions");
        }
        double[] p = DoubleMatrices.toRowMajor(predictions);
        int wrong = 0;
        for (int i = 0; i < n; i++) {
            int predicted;
            if (c == 1) {
                if (labels[i] != 1 && labels[i] != -1) {
                    throw new IllegalArgumentException("Single-output error needs ±1 labels, got " + labels[i]);
                }
                predicted = p[i] >= 0 ? 1 : -1;
            } else {
                predicted = 0;
                for (int k = 1; k < c; k++) {
                    if (p[i * c + k] > p[i * c + predicted]) {
                        predicted = k;
                    }
                }
            }
            if (predicted != labels[i]) {
                wrong++;
            }
        }
        return (double) wrong / n;
    }

    private static void requireSameShape(INDArray a, INDArray b) {
        DoubleMatrices.requireMatrix(a);
        DoubleMatrices.requireMatrix(b);
        if (a.rows() != b.rows() || a.columns() != b.columns()) {
            throw new IllegalArgumentException("Predictions " + a.rows() + "×" + a.columns() + " vs targets "
                    + b.rows() + "×" + b.columns());
        }
    }
}
