package org.ntkexplorer.core.model;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A DL4J activation that evaluates our {@link Activation} exactly (DL4J's own GELU is an approximation and it
 * has no erf), so the trained network and the kernel engine compute the same function.
 */
public class NtkActivation extends BaseActivationFunction {
    private static final long serialVersionUID = 1L;

    private Activation activation;

    public NtkActivation() {
        this(Activation.RELU);
    }

    public NtkActivation(Activation activation) {
        this.activation = activation;
    }

    public Activation getActivation() {
        return activation;
    }

    public void setActivation(Activation activation) {
        this.activation = activation;
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        // DL4J expects the activation to be applied in place.
        return in.assign(ActivationOps.apply(activation, in));
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        INDArray dz = ActivationOps.derivative(activation, in).muli(epsilon);
        return new Pair<>(dz, null);
    }

    @Override
    public String toString() {
        return activation.id();
    }
}
