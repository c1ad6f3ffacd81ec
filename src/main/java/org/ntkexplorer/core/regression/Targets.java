package org.ntkexplorer.core.regression;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntkexplorer.core.linalg.DoubleMatrices;

/** Regression targets from integer labels (docs/science.md, §Kernel regression). */
public final class Targets {
    private Targets() {
    }

    /** One-hot rows centred by subtracting 1/C, n×C DOUBLE: zero-mean targets need no bias term. */
    public static INDArray oneHotCentred(int[] labels, int numClasses) {
        if (numClasses < 2) {
            throw new IllegalArgumentException("One-hot targets need at least 2 classes, got " + numClasses);
        }
        double[] y = new double[labels.length * numClasses];
        java.util.Arrays.fill(y, -1.0 / numClasses);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("Label " + labels[i] + " outside 0.." + (numClasses - 1));
            }
            y[i * numClasses + labels[i]] += 1;
        }
        return DoubleMatrices.fromRowMajor(y, labels.length, numClasses);
    }
}
