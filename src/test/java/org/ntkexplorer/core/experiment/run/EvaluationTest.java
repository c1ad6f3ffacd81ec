package org.ntkexplorer.core.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntkexplorer.core.model.LossKind;

/** A cross-entropy network's figures, against values worked out by hand. */
class EvaluationTest {
    private static PreparedSplit twoExamples() {
        INDArray oneHot = Nd4j.createFromArray(new double[][] {{1, 0, 0}, {0, 1, 0}});
        INDArray centred = oneHot.sub(1.0 / 3);
        return new PreparedSplit(Nd4j.zeros(DataType.DOUBLE, 2, 1), centred, oneHot, new int[] {0, 1}, new int[] {1},
                3);
    }

    @Test
    void testMseIsOnSoftmaxProbabilitiesAndTheLossIsTheCrossEntropy() {
        INDArray logits = Nd4j.createFromArray(new double[][] {{5, 0, 0}, {0, 0, 5}});
        Evaluation e = Evaluation.ofNetwork(logits, twoExamples(), LossKind.CROSS_ENTROPY);
        double big = Math.exp(5) / (Math.exp(5) + 2);
        double small = 1 / (Math.exp(5) + 2);
        // Example 0: (big−1)², small², small²; example 1: small², (small−1)², big²; the mean of the six.
        double mse = ((big - 1) * (big - 1) + 3 * small * small + (small - 1) * (small - 1) + big * big) / 6;
        assertEquals(mse, e.mse(), 1e-12);
        assertEquals(0.5, e.error(), 0);
        assertEquals((-Math.log(big) - Math.log(small)) / 2, e.loss(), 1e-12);
    }

    @Test
    void theCrossEntropyStaysFiniteWhenAProbabilityUnderflows() {
        INDArray logits = Nd4j.createFromArray(new double[][] {{2000, 0, 0}, {0, 1000, 0}});
        Evaluation e = Evaluation.ofNetwork(logits, twoExamples(), LossKind.CROSS_ENTROPY);
        assertEquals(0, e.loss(), 1e-12);
        assertEquals(0, e.error(), 0);
    }
}
