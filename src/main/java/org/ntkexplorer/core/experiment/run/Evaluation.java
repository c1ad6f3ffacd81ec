package org.ntkexplorer.core.experiment.run;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.ntkexplorer.core.model.LossKind;
import org.ntkexplorer.core.regression.RegressionMetrics;
import org.ntkexplorer.core.experiment.spec.Learner;
import org.ntkexplorer.core.experiment.store.ResultRow;

/**
 * Figures of a set of predictions on a split (docs/science.md, §Training protocol): the error rate (argmax, for every
 * learner), the MSE against the split's targets, and the loss the predictions were trained under.
 *
 * @param mse  mean over examples and outputs of the squared error: raw outputs against the centred one-hot targets
 *             for kernels and MSE networks, softmax probabilities against one-hot targets for cross-entropy
 *             networks (so it lies in [0, 2/C] there)
 * @param loss the training loss on this split (MSE as above, or the mean cross-entropy); NaN for kernel regression
 */
public record Evaluation(double mse, double error, double loss) {

    /** Kernel-regression predictions, regressed on the split's targets. */
    public static Evaluation of(INDArray predictions, PreparedSplit split) {
        INDArray p = predictions.castTo(DataType.DOUBLE);
        double mse = RegressionMetrics.mse(p, split.regressionTargets().castTo(DataType.DOUBLE));
        return new Evaluation(mse, error(p, split), Double.NaN);
    }

    /** A network's outputs under the loss it was trained with. */
    static Evaluation ofNetwork(INDArray outputs, PreparedSplit split, LossKind loss) {
        INDArray h = outputs.castTo(DataType.DOUBLE);
        requireFiniteOutputs(h);
        if (loss == LossKind.CROSS_ENTROPY) {
            INDArray oneHot = split.oneHot().castTo(DataType.DOUBLE);
            INDArray probabilities = Transforms.softmax(h, true);
            double mse = RegressionMetrics.mse(probabilities, oneHot);
            // log-softmax by log-sum-exp: log of an underflowed probability would be −∞, and 0·−∞ NaN.
            INDArray shifted = h.subColumnVector(h.max(true, 1));
            INDArray logSoftmax = shifted.subColumnVector(Transforms.log(Transforms.exp(shifted, true).sum(true, 1),
                    false));
            double xent = -logSoftmax.muli(oneHot).sumNumber().doubleValue() / h.rows();
            return new Evaluation(mse, error(h, split), xent);
        }
        double mse = RegressionMetrics.mse(h, split.regressionTargets().castTo(DataType.DOUBLE));
        return new Evaluation(mse, error(h, split), mse);
    }

    /** A kernel learner's row of results.csv with these test figures: no training columns. */
    ResultRow kernelRow(Learner l, int n, long seed, double seconds) {
        return new ResultRow(l, n, seed, Double.NaN, error, mse, Double.NaN, Double.NaN, -1, -1, null, Double.NaN,
                Double.NaN, seconds);
    }

    private static double error(INDArray p, PreparedSplit split) {
        return split.labels() == null ? Double.NaN : RegressionMetrics.classificationError(p, split.labels());
    }

    private static void requireFiniteOutputs(INDArray h) {
        if (!Double.isFinite(h.sumNumber().doubleValue()) || !Double.isFinite(h.norm2Number().doubleValue())) {
            throw new DivergedException("the network's outputs are no longer finite numbers: training diverged. "
                    + "Lower the learning rate or use a smaller σ_w.");
        }
    }

    /** Fails the run with a readable reason when training has diverged. */
    static void requireFinite(double value, String what) {
        if (!Double.isFinite(value)) {
            throw new DivergedException(what + " became " + value + ": training diverged. Lower the learning rate "
                    + "or use a smaller σ_w.");
        }
    }
}
