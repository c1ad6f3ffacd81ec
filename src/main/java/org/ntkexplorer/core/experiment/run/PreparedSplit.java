package org.ntkexplorer.core.experiment.run;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntkexplorer.core.data.Split;
import org.ntkexplorer.core.model.LossKind;

/** A split as ND4J arrays: inputs, the training targets for a loss, and the integer labels. */
public record PreparedSplit(INDArray inputs, INDArray regressionTargets, INDArray oneHot, int[] labels, int[] inputShape,
                     int outputs) {

    public static PreparedSplit of(Split s, DataType dt) {
        INDArray x = Nd4j.create(s.inputs(), new long[] {s.size(), s.inputDim()}, 'c').castTo(dt);
        INDArray y = Nd4j.create(s.targets(), new long[] {s.size(), s.outputs()}, 'c').castTo(dt);
        INDArray oneHot = null;
        if (s.labels() != null) {
            oneHot = Nd4j.zeros(dt, s.size(), s.outputs());
            for (int i = 0; i < s.size(); i++) {
                oneHot.putScalar(i, s.outputs() == 1 ? 0 : s.labels()[i], 1.0);
            }
        }
        return new PreparedSplit(x, y, oneHot, s.labels(), s.inputShape(), s.outputs());
    }

    public int size() {
        return (int) inputs.rows();
    }

    /** What the network is trained to fit under a loss: one-hot rows for cross-entropy, else the targets. */
    INDArray trainingTargets(LossKind loss) {
        if (loss == LossKind.CROSS_ENTROPY) {
            if (oneHot == null || outputs < 2) {
                throw new IllegalArgumentException("cross-entropy needs a classification dataset with at least two "
                        + "classes and one-hot targets; use loss mse");
            }
            return oneHot;
        }
        return regressionTargets;
    }

    /** The first {@code n} examples (the probe set of kernel dynamics). */
    public PreparedSplit head(int n) {
        int m = Math.min(n, size());
        int[] l = labels == null ? null : java.util.Arrays.copyOf(labels, m);
        return new PreparedSplit(inputs.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, m),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).dup(), regressionTargets.get(
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, m), org.nd4j.linalg.indexing.NDArrayIndex.all()).dup(),
                oneHot == null ? null : oneHot.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, m),
                        org.nd4j.linalg.indexing.NDArrayIndex.all()).dup(), l, inputShape, outputs);
    }
}
