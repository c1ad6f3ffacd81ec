package org.ntkexplorer.core.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small networks and inputs shared by the model and kernel tests. */
public final class TestNetworks {
    private TestNetworks() {
    }

    public static final TrainingConfig PLAIN = new TrainingConfig(Optimizer.SGD, 0.01, 0, 8, 1, 0, LossKind.MSE,
            LearningRateSchedule.CONSTANT);

    public static NtkNetwork mlp(Activation act, Parameterization p, long seed) {
        NetworkSpec spec = NetworkSpec.mlp(2, 12, act, p, 1.4, 0.3, 3, 5);
        return NtkNetwork.create(spec, seed, DataType.DOUBLE, PLAIN);
    }

    public static NtkNetwork myrtle(Activation act, Parameterization p, long seed) {
        NetworkSpec spec = new NetworkSpec(Architecture.MYRTLE5, 0, 3, act, p, 1.4, 0.3, 3, new int[] {2, 8, 8});
        return NtkNetwork.create(spec, seed, DataType.DOUBLE, PLAIN);
    }

    public static INDArray inputs(int n, int dim, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.DOUBLE, n, dim);
    }
}
