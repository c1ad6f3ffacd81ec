package org.ntkexplorer.core.experiment;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntkexplorer.core.regression.RegressionMetrics;

/** Test figures of a set of predictions: MSE against the split's targets and, for classes, the error rate. */
record Evaluation(double mse, double error) {

    static Evaluation of(INDArray predictions, PreparedSplit split) {
        INDArray p = predictions.castTo(DataType.DOUBLE);
        double mse = RegressionMetrics.mse(p, split.regressionTargets().castTo(DataType.DOUBLE));
        double error = split.labels() == null ? Double.NaN : RegressionMetrics.classificationError(p, split.labels());
        return new Evaluation(mse, error);
    }

    /** Fails the run with a readable reason when training has diverged. */
    static void requireFinite(double value, String what) {
        if (!Double.isFinite(value)) {
            throw new DivergedException(what + " became " + value + ": training diverged. Lower the learning rate "
                    + "or use a smaller σ_w.");
        }
    }
}
