package org.ntkexplorer.core.model;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * The loss of the centred, scaled network h = s·(z − f₀), divided by s² (docs/science.md, §Training protocol).
 * DL4J's loss layer sees only z, the logits, so each label row carries the targets and f₀(x) side by side:
 * labels = [y | f₀], 2C columns. Scores and gradients follow DL4J's own losses exactly when s = 1 and f₀ = 0
 * (MSE as DL4J's LossMSE, Σ_c (h_c − y_c)²/C; cross-entropy as softmax + LossMCXENT), which the tests check.
 */
public class CenteredLoss implements ILossFunction {
    private static final long serialVersionUID = 1L;

    private LossKind kind = LossKind.MSE;
    private double scale = 1;

    public CenteredLoss() {
    }

    public CenteredLoss(LossKind kind, double scale) {
        this.kind = kind;
        this.scale = scale;
    }

    public LossKind getKind() {
        return kind;
    }

    public void setKind(LossKind kind) {
        this.kind = kind;
    }

    public double getScale() {
        return scale;
    }

    public void setScale(double scale) {
        this.scale = scale;
    }

    private static INDArray half(INDArray labels, int which) {
        long c = labels.columns() / 2;
        return labels.get(NDArrayIndex.all(), NDArrayIndex.interval(which * c, (which + 1) * c));
    }

    private INDArray h(INDArray labels, INDArray preOutput, IActivation activation) {
        INDArray z = activation.getActivation(preOutput.dup(), true);
        return z.subi(half(labels, 1).castTo(z.dataType())).muli(scale);
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask) {
        INDArray h = h(labels, preOutput, activation);
        INDArray y = half(labels, 0).castTo(h.dataType());
        INDArray perExample;
        if (kind == LossKind.MSE) {
            INDArray d = h.subi(y);
            perExample = d.mul(d).sum(true, 1).divi(h.columns());
        } else {
            // log-softmax as h − max − log Σ exp(h − max): log(softmax) gives −∞ (and 0·−∞ = NaN) once a large α
            // drives a probability below float32's range.
            INDArray shifted = h.subColumnVector(h.max(true, 1));
            INDArray logSoftmax = shifted.subColumnVector(Transforms.log(Transforms.exp(shifted, true).sum(true, 1),
                    false));
            perExample = logSoftmax.muli(y).sum(true, 1).negi();
        }
        perExample.divi(scale * scale);
        if (mask != null) {
            perExample.muli(mask.reshape(perExample.shape()));
        }
        return perExample;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask,
                               boolean average) {
        double sum = computeScoreArray(labels, preOutput, activation, mask).sumNumber().doubleValue();
        return average ? sum / preOutput.rows() : sum;
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask) {
        INDArray h = h(labels, preOutput, activation);
        INDArray y = half(labels, 0).castTo(h.dataType());
        INDArray dLdh;
        if (kind == LossKind.MSE) {
            dLdh = h.subi(y).muli(2.0 / h.columns());
        } else {
            dLdh = Transforms.softmax(h, true).subi(y);
        }
        // d(L(h)/s²)/dz = (1/s²)·s·dL/dh.
        dLdh.divi(scale);
        INDArray grad = activation.backprop(preOutput.dup(), dLdh).getFirst();
        if (mask != null) {
            grad.muliColumnVector(mask.reshape(mask.length(), 1).castTo(grad.dataType()));
        }
        return grad;
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activation,
                                                          INDArray mask, boolean average) {
        return Pair.of(computeScore(labels, preOutput, activation, mask, average),
                computeGradient(labels, preOutput, activation, mask));
    }

    @Override
    public String name() {
        return "centered-" + kind.id() + "(scale " + scale + ")";
    }

    @Override
    public String toString() {
        return name();
    }
}
