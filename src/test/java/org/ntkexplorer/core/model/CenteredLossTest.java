package org.ntkexplorer.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

class CenteredLossTest {
    private static final int B = 6;
    private static final int C = 4;

    private static INDArray oneHot() {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, B, C);
        for (int i = 0; i < B; i++) {
            y.putScalar(i, (i * 3) % C, 1);
        }
        return y;
    }

    private static void assertClose(INDArray expected, INDArray actual) {
        assertEquals(0, expected.sub(actual).norm2Number().doubleValue(), 1e-12 * (1 + expected.norm2Number().doubleValue()));
    }

    /** Uncentred and unscaled, the loss is DL4J's own MSE and softmax cross-entropy, score and gradient. */
    @ParameterizedTest
    @EnumSource(LossKind.class)
    void withoutCentringOrScaleItIsDl4jsLoss(LossKind kind) {
        INDArray z = TestNetworks.inputs(B, C, 5);
        INDArray y = kind == LossKind.MSE ? TestNetworks.inputs(B, C, 6) : oneHot();
        INDArray labels = Nd4j.hstack(y, Nd4j.zeros(DataType.DOUBLE, B, C));
        ILossFunction dl4j = kind == LossKind.MSE ? new LossMSE() : new LossMCXENT();
        var act = kind == LossKind.MSE ? new ActivationIdentity() : new ActivationSoftmax();
        CenteredLoss ours = new CenteredLoss(kind, 1);
        assertEquals(dl4j.computeScore(y, z.dup(), act, null, true),
                ours.computeScore(labels, z.dup(), new ActivationIdentity(), null, true), 1e-12);
        assertClose(dl4j.computeGradient(y, z.dup(), act, null),
                ours.computeGradient(labels, z.dup(), new ActivationIdentity(), null));
    }

    /** With f₀ and α: the loss of h = α(z − f₀) over α², whose gradient is (1/α)·∂L/∂h, checked by differences. */
    @ParameterizedTest
    @EnumSource(LossKind.class)
    void centredAndScaledGradientMatchesFiniteDifferences(LossKind kind) {
        double alpha = 7;
        INDArray z = TestNetworks.inputs(B, C, 8);
        INDArray f0 = TestNetworks.inputs(B, C, 9);
        INDArray y = kind == LossKind.MSE ? TestNetworks.inputs(B, C, 10) : oneHot();
        INDArray labels = Nd4j.hstack(y, f0);
        CenteredLoss loss = new CenteredLoss(kind, alpha);
        INDArray grad = loss.computeGradient(labels, z.dup(), new ActivationIdentity(), null);
        double eps = 1e-6;
        for (int i = 0; i < B; i++) {
            for (int c = 0; c < C; c++) {
                INDArray up = z.dup();
                up.putScalar(i, c, z.getDouble(i, c) + eps);
                INDArray down = z.dup();
                down.putScalar(i, c, z.getDouble(i, c) - eps);
                double numeric = (loss.computeScore(labels, up, new ActivationIdentity(), null, false)
                        - loss.computeScore(labels, down, new ActivationIdentity(), null, false)) / (2 * eps);
                assertEquals(numeric, grad.getDouble(i, c), 1e-7);
            }
        }
    }

    @Test
    void theScoreIsTheLossOfTheCentredOutputOverAlphaSquared() {
        double alpha = 3;
        INDArray z = TestNetworks.inputs(B, C, 11);
        INDArray f0 = TestNetworks.inputs(B, C, 12);
        INDArray y = TestNetworks.inputs(B, C, 13);
        INDArray h = z.sub(f0).muli(alpha);
        double mse = h.sub(y).muli(h.sub(y)).sumNumber().doubleValue() / (B * C);
        double score = new CenteredLoss(LossKind.MSE, alpha).computeScore(Nd4j.hstack(y, f0), z, new ActivationIdentity(),
                null, true);
        assertEquals(mse / (alpha * alpha), score, 1e-12);
    }

    /** At a lazy α in float32 a wrong class's probability underflows; the cross-entropy must stay finite and exact. */
    @Test
    void crossEntropyStaysFiniteWhenProbabilitiesUnderflow() {
        double alpha = 1000;
        INDArray y = oneHot().castTo(DataType.FLOAT);
        INDArray f0 = Nd4j.zeros(DataType.FLOAT, B, C);
        INDArray z = TestNetworks.inputs(B, C, 21).castTo(DataType.FLOAT);
        double score = new CenteredLoss(LossKind.CROSS_ENTROPY, alpha).computeScore(Nd4j.hstack(y, f0), z,
                new ActivationIdentity(), null, true);
        // The same loss in double precision, by log-sum-exp: logits of order α differ by far more than float32's
        // exp can hold.
        INDArray h = z.castTo(DataType.DOUBLE).muli(alpha);
        double expected = 0;
        for (int i = 0; i < B; i++) {
            double max = h.getRow(i).maxNumber().doubleValue();
            double lse = max + Math.log(org.nd4j.linalg.ops.transforms.Transforms.exp(h.getRow(i).sub(max), true)
                    .sumNumber().doubleValue());
            expected += lse - h.getDouble(i, (i * 3) % C);
        }
        expected /= B * alpha * alpha;
        assertEquals(expected, score, 1e-4 * Math.abs(expected));
    }
}
