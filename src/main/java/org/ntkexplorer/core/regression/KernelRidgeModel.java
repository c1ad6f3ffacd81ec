package org.ntkexplorer.core.regression;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Dual coefficients α (n×C, DOUBLE) of a fitted kernel ridge regression and the ridge that produced them. */
public record KernelRidgeModel(INDArray alpha, double relativeRidge, double absoluteRidge) {

    /** Predictions K_test,train·α (n_test×C, DOUBLE). */
    public INDArray predict(INDArray kTestTrain) {
        if (kTestTrain.rank() != 2 || kTestTrain.columns() != alpha.rows()) {
            throw new IllegalArgumentException("Test kernel must have " + alpha.rows() + " columns (one per training "
                    + "example), got shape " + java.util.Arrays.toString(kTestTrain.shape()));
        }
        return kTestTrain.castTo(DataType.DOUBLE).mmul(alpha);
    }
}
