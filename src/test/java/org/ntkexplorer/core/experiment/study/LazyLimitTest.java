package org.ntkexplorer.core.experiment.study;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntkexplorer.core.compute.TaskMonitor;
import org.ntkexplorer.core.data.DataSplit;
import org.ntkexplorer.core.data.DatasetRegistry;
import org.ntkexplorer.core.data.Layout;
import org.ntkexplorer.core.data.Preprocessing;
import org.ntkexplorer.core.data.SubsetRequest;
import org.ntkexplorer.core.data.Subsets;
import org.ntkexplorer.core.data.TargetEncoding;
import org.ntkexplorer.core.kernel.EmpiricalNtk;
import org.ntkexplorer.core.kernel.Precision;
import org.ntkexplorer.core.model.Activation;
import org.ntkexplorer.core.model.LearningRateSchedule;
import org.ntkexplorer.core.model.LossKind;
import org.ntkexplorer.core.model.NetworkSpec;
import org.ntkexplorer.core.model.NtkNetwork;
import org.ntkexplorer.core.model.Optimizer;
import org.ntkexplorer.core.model.OutputTransform;
import org.ntkexplorer.core.model.Parameterization;
import org.ntkexplorer.core.model.Trainer;
import org.ntkexplorer.core.model.TrainingConfig;
import org.ntkexplorer.core.regression.GradientFlow;
import org.ntkexplorer.core.experiment.run.NetworkUnit;
import org.ntkexplorer.core.experiment.run.PreparedSplit;
import org.ntkexplorer.core.experiment.spec.UnitKey;

/**
 * The lazy limit (docs/science.md, §Training protocol and §Richness): a network trained as h = α·(f − f₀), which
 * starts from the zero function as kernel regression does, with full-batch steps small enough to follow gradient
 * flow, predicts what its own eNTK at initialisation predicts. Two classes with ±1 targets and one output, so the
 * eNTK is the whole tangent kernel (no cross-logit terms).
 */
class LazyLimitTest {
    private static final int N = 12;
    private static final int WIDTH = 512;
    private static PreparedSplit train;
    private static PreparedSplit test;
    private static GradientFlow flow;
    private static double largestEigenvalue;

    @BeforeAll
    static void kernelAtInitialisation() {
        DataSplit s = Subsets.select(DatasetRegistry.open("fashion-mnist-sample"), new SubsetRequest(new int[] {0, 1},
                N, 40, 0, Preprocessing.STANDARDIZE_CHANNELS, Layout.FLAT, TargetEncoding.PLUS_MINUS_ONE));
        train = PreparedSplit.of(s.train(), DataType.DOUBLE);
        test = PreparedSplit.of(s.test(), DataType.DOUBLE);
        NtkNetwork net = NtkNetwork.create(spec(), 3, DataType.DOUBLE, TrainingConfig.sgdMomentum(0.1, N, 1));
        EmpiricalNtk ntk = EmpiricalNtk.of(net, Precision.FLOAT64, 0, TaskMonitor.NONE);
        flow = GradientFlow.of(ntk.compute(train.inputs()), ntk.compute(test.inputs(), train.inputs()),
                train.regressionTargets());
        double[] ev = flow.eigenvalues();
        largestEigenvalue = ev[ev.length - 1];
    }

    private static NetworkSpec spec() {
        return NetworkSpec.mlp(1, WIDTH, Activation.RELU, Parameterization.NTK, Math.sqrt(2), 0.1, 1, 784);
    }

    /**
     * Full-batch gradient descent on L(h)/α² with DL4J's MSE, L = mean (h − y)². Per step h moves by
     * −η·(2/n)·K·(h − y) on the training set, so {@code stepFraction} = η·(2/n)·λ_max sets how closely the steps
     * follow the flow; the returned pair is (test outputs h, flow time η·2/n·steps).
     */
    private static Object[] train(double richness, double stepFraction, int steps) {
        double rate = stepFraction * N / (2 * largestEigenvalue);
        TrainingConfig gd = new TrainingConfig(Optimizer.SGD, rate, 0, N, 0, 0, LossKind.MSE,
                LearningRateSchedule.CONSTANT);
        NtkNetwork net = NtkNetwork.create(spec(), 3, DataType.DOUBLE, gd, OutputTransform.centered(richness));
        NetworkUnit unit = new NetworkUnit(new UnitKey(N, WIDTH, 3, richness), net, train, test);
        Trainer t = new Trainer(net, gd, train.inputs(), unit.trainingTargets(), 3, steps);
        for (int i = 0; i < steps; i++) {
            t.step();
        }
        return new Object[] {unit.testOutputs(), rate * 2.0 / N * steps};
    }

    private static double relativeDifference(INDArray a, INDArray b) {
        return a.sub(b).norm2Number().doubleValue() / b.norm2Number().doubleValue();
    }

    @Test
    void aCentredWideNetworkTrainedLongWithASmallStepEqualsItsEntkRegression() {
        INDArray network = (INDArray) train(1, 0.5, 300)[0];
        INDArray regression = flow.predictTest(1, Double.POSITIVE_INFINITY);
        double diff = relativeDifference(network, regression);
        assertTrue(diff < 0.05, "centred network vs ridgeless eNTK regression: relative difference " + diff);
    }

    @Test
    void atLargeRichnessTheNetworkFollowsItsKernelsGradientFlow() {
        Object[] r = train(1000, 0.2, 200);
        INDArray predicted = flow.predictTest(1, (double) r[1]);
        double diff = relativeDifference((INDArray) r[0], predicted);
        assertTrue(diff < 0.02, "α = 1000 network vs eNTK gradient flow at the same time: relative difference " + diff);
    }
}
