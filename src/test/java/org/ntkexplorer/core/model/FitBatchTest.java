package org.ntkexplorer.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.ntkexplorer.core.compute.ComputeExecutor;
import org.ntkexplorer.core.compute.NativeParallel;
import org.ntkexplorer.core.nn.ConvOps;

/**
 * {@link NtkNetwork#fitBatch} against DL4J's own {@code fit}: same parameters after the same steps, same reported
 * loss, for every optimiser and loss, with weight decay, in both parameterisations, for MLPs and Myrtle CNNs.
 */
class FitBatchTest {

    @AfterEach
    void nativeConvolutionsAgain() {
        ConvOps.forceGemm(false);
    }

    static Stream<Arguments> optimisersLossesAndNetworks() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (Optimizer o : Optimizer.values()) {
            for (LossKind l : LossKind.values()) {
                for (Parameterization p : Parameterization.values()) {
                    b.add(Arguments.of(o, l, p, Architecture.MLP));
                    b.add(Arguments.of(o, l, p, Architecture.MYRTLE5));
                }
            }
        }
        return b.build();
    }

    static NtkNetwork network(Architecture arch, Parameterization p, Activation act, DataType dt, TrainingConfig t) {
        NetworkSpec spec = arch == Architecture.MLP
                ? NetworkSpec.mlp(2, 12, act, p, 1.4, 0.3, 3, 2 * 8 * 8)
                : new NetworkSpec(arch, 0, 4, act, p, 1.4, 0.3, 3, new int[] {2, 8, 8});
        return NtkNetwork.create(spec, 7, dt, t);
    }

    static INDArray targets(int n, LossKind loss, long seed) {
        if (loss == LossKind.MSE) {
            return TestNetworks.inputs(n, 3, seed);
        }
        INDArray y = Nd4j.zeros(DataType.DOUBLE, n, 3);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, (i * 7 + seed) % 3, 1.0);
        }
        return y;
    }

    static double relativeError(INDArray actual, INDArray expected) {
        return Transforms.abs(actual.sub(expected)).maxNumber().doubleValue()
                / Transforms.abs(expected).maxNumber().doubleValue();
    }

    /** Three steps of each; returns {max relative parameter difference, max relative loss difference}. */
    static double[] stepBoth(Architecture arch, Optimizer o, LossKind l, Parameterization p, Activation act,
                             DataType dt) {
        TrainingConfig t = new TrainingConfig(o, o == Optimizer.ADAM ? 0.01 : 0.05, 0.9, 8, 1, 1e-3, l,
                LearningRateSchedule.CONSTANT);
        NtkNetwork fast = network(arch, p, act, dt, t);
        NtkNetwork reference = network(arch, p, act, dt, t);
        double lossError = 0;
        for (int step = 0; step < 3; step++) {
            INDArray x = TestNetworks.inputs(6, 2 * 8 * 8, 20 + step).castTo(dt);
            INDArray y = targets(6, l, step).castTo(dt);
            double lr = t.learningRate() * (1 + 0.5 * step);
            double fastLoss = fast.fitBatch(x, y, lr);
            reference.dl4j().setLearningRate(lr);
            reference.dl4j().fit(new DataSet(x, y));
            double referenceLoss = reference.dl4j().score();
            lossError = Math.max(lossError, Math.abs(fastLoss - referenceLoss) / Math.abs(referenceLoss));
        }
        return new double[] {relativeError(fast.dl4j().params(), reference.dl4j().params()), lossError};
    }

    @ParameterizedTest(name = "{3} {0} {1} {2}")
    @MethodSource("optimisersLossesAndNetworks")
    void stepsEqualDl4jInFloat64(Optimizer o, LossKind l, Parameterization p, Architecture arch) {
        double[] e = stepBoth(arch, o, l, p, Activation.RELU, DataType.DOUBLE);
        assertTrue(e[0] <= 1e-12, "parameters differ by " + e[0]);
        assertTrue(e[1] <= 1e-12, "loss differs by " + e[1]);
    }

    @ParameterizedTest(name = "{3} {0} {1} {2}")
    @MethodSource("optimisersLossesAndNetworks")
    void stepsEqualDl4jInFloat32(Optimizer o, LossKind l, Parameterization p, Architecture arch) {
        double[] e = stepBoth(arch, o, l, p, Activation.RELU, DataType.FLOAT);
        // Adam divides by √v, which magnifies the round-off of the smallest gradient components.
        assertTrue(e[0] <= 5e-5, "parameters differ by " + e[0]);
        assertTrue(e[1] <= 1e-5, "loss differs by " + e[1]);
    }

    @Test
    void everyActivationAndTheGemmRouteStepLikeDl4j() {
        for (boolean gemm : new boolean[] {false, true}) {
            ConvOps.forceGemm(gemm);
            for (Activation a : Activation.values()) {
                for (DataType dt : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
                    double[] e = stepBoth(Architecture.MYRTLE5, Optimizer.MOMENTUM, LossKind.MSE, Parameterization.NTK, a,
                            dt);
                    double tol = dt == DataType.DOUBLE ? 1e-12 : 5e-5;
                    assertTrue(e[0] <= tol && e[1] <= tol, a + " " + dt + " gemm=" + gemm + ": " + e[0] + ", " + e[1]);
                }
            }
        }
    }

    /** Batches large enough to be split across threads: the parts' summed gradients give DL4J's step. */
    @Test
    void batchesSplitAcrossThreadsStepLikeDl4j() {
        ComputeExecutor.setNativeThreads(3);
        try {
            assertEquals(3, NativeParallel.parts(40, 8));
            for (Architecture arch : new Architecture[] {Architecture.MLP, Architecture.MYRTLE5}) {
                for (DataType dt : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
                    TrainingConfig t = new TrainingConfig(Optimizer.MOMENTUM, 0.05, 0.9, 40, 1, 1e-3, LossKind.CROSS_ENTROPY,
                            LearningRateSchedule.CONSTANT);
                    NtkNetwork fast = network(arch, Parameterization.NTK, Activation.RELU, dt, t);
                    NtkNetwork reference = network(arch, Parameterization.NTK, Activation.RELU, dt, t);
                    INDArray x = TestNetworks.inputs(40, 2 * 8 * 8, 31).castTo(dt);
                    INDArray y = targets(40, LossKind.CROSS_ENTROPY, 1).castTo(dt);
                    for (int step = 0; step < 2; step++) {
                        double loss = fast.fitBatch(x, y, 0.05);
                        reference.dl4j().fit(new DataSet(x, y));
                        double tol = dt == DataType.DOUBLE ? 1e-12 : 5e-5;
                        assertEquals(reference.dl4j().score(), loss, tol * Math.abs(loss), arch + " " + dt);
                    }
                    double e = relativeError(fast.dl4j().params(), reference.dl4j().params());
                    assertTrue(e <= (dt == DataType.DOUBLE ? 1e-12 : 5e-5), arch + " " + dt + ": " + e);
                    INDArray test = TestNetworks.inputs(70, 2 * 8 * 8, 32).castTo(dt);
                    assertTrue(relativeError(fast.logits(test), reference.dl4jLogits(test)) <= (dt == DataType.DOUBLE
                            ? 1e-12 : 5e-5), arch + " " + dt + " logits");
                }
            }
        } finally {
            ComputeExecutor.setNativeThreads(Runtime.getRuntime().availableProcessors());
        }
    }

    @Test
    void logitsEqualDl4jForward() {
        for (Architecture arch : new Architecture[] {Architecture.MLP, Architecture.MYRTLE7}) {
            NtkNetwork net = network(arch, Parameterization.STANDARD, Activation.GELU, DataType.DOUBLE, TestNetworks.PLAIN);
            // More rows than one prediction chunk, so that the chunks are stitched together too.
            INDArray x = TestNetworks.inputs(300, 2 * 8 * 8, 3);
            assertTrue(relativeError(net.logits(x), net.dl4jLogits(x)) <= 1e-12, arch.id());
        }
    }

    /**
     * A network trained with the fast step gives the same test predictions as the same network (same seed) trained
     * by DL4J's {@code fit} on the same shuffled minibatches: float32, Myrtle-5, several epochs, cosine schedule.
     */
    @Test
    void trainedMyrtlePredictsLikeTheDl4jTrainedOne() {
        TrainingConfig t = new TrainingConfig(Optimizer.MOMENTUM, 0.05, 0.9, 8, 6, 1e-4, LossKind.MSE,
                LearningRateSchedule.COSINE);
        NtkNetwork fast = network(Architecture.MYRTLE5, Parameterization.NTK, Activation.RELU, DataType.FLOAT, t);
        NtkNetwork reference = network(Architecture.MYRTLE5, Parameterization.NTK, Activation.RELU, DataType.FLOAT, t);
        INDArray x = TestNetworks.inputs(40, 2 * 8 * 8, 1).castTo(DataType.FLOAT);
        INDArray y = targets(40, LossKind.MSE, 2).castTo(DataType.FLOAT);
        int batches = 5;
        int total = t.epochs() * batches;
        java.util.Random shuffle = new java.util.Random(5);
        double before = fast.dl4j().score(new DataSet(x, y), false);
        for (int it = 0; it < total; it++) {
            int[] rows = shuffle.ints(8, 0, 40).toArray();
            INDArray xb = Nd4j.pullRows(x, 1, rows);
            INDArray yb = Nd4j.pullRows(y, 1, rows);
            double lr = t.learningRate() * t.schedule().multiplier(it, total);
            fast.fitBatch(xb, yb, lr);
            reference.dl4j().setLearningRate(lr);
            reference.dl4j().fit(new DataSet(xb, yb));
        }
        INDArray test = TestNetworks.inputs(30, 2 * 8 * 8, 9).castTo(DataType.FLOAT);
        double e = relativeError(fast.logits(test), reference.dl4jLogits(test));
        assertTrue(e <= 1e-4, "test predictions differ by " + e);
        double after = fast.dl4j().score(new DataSet(x, y), false);
        assertTrue(after < 0.9 * before, "the network trained: training loss " + before + " → " + after);
        System.out.println("trained Myrtle-5: predictions differ by " + e + ", training loss " + before + " → " + after);
        assertEquals(total, fast.dl4j().getIterationCount());
    }
}
