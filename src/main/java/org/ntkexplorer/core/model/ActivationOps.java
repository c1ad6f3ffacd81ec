package org.ntkexplorer.core.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Array forms of {@link Activation}, shared by the DL4J layers and the eNTK engine so that both evaluate
 * exactly the same φ and φ'. Each method returns a new array and leaves its argument untouched.
 */
public final class ActivationOps {
    private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);
    private static final double INV_SQRT_2 = 1.0 / Math.sqrt(2.0);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);

    private ActivationOps() {
    }

    public static INDArray apply(Activation a, INDArray z) {
        switch (a) {
            case RELU:
                return Transforms.relu(z, true);
            case TANH:
                return Transforms.tanh(z, true);
            case ERF:
                return erf(z);
            case GELU:
                return halfOnePlusErf(z).muli(z);
            default:
                throw new IllegalArgumentException(a.toString());
        }
    }

    public static INDArray derivative(Activation a, INDArray z) {
        switch (a) {
            case RELU:
                return Transforms.step(z, true);
            case TANH: {
                INDArray t = Transforms.tanh(z, true);
                return t.muli(t).rsubi(1.0);
            }
            case ERF:
                return Transforms.exp(z.mul(z).negi(), false).muli(TWO_OVER_SQRT_PI);
            case GELU: {
                INDArray pdf = Transforms.exp(z.mul(z).muli(-0.5), false).muli(INV_SQRT_2PI).muli(z);
                return halfOnePlusErf(z).addi(pdf);
            }
            default:
                throw new IllegalArgumentException(a.toString());
        }
    }

    private static INDArray erf(INDArray z) {
        INDArray out = Nd4j.createUninitialized(z.dataType(), z.shape(), z.ordering());
        Nd4j.exec(new Erf(z, out));
        return out;
    }

    /** Φ(z) = (1 + erf(z/√2))/2, the standard normal CDF. */
    private static INDArray halfOnePlusErf(INDArray z) {
        return erf(z.mul(INV_SQRT_2)).addi(1.0).muli(0.5);
    }
}
