package org.ntkexplorer.core.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.ntkexplorer.core.compute.TaskMonitor;
import org.nd4j.linalg.api.buffer.DataType;
import org.ntkexplorer.core.model.Activation;
import org.ntkexplorer.core.model.Architecture;
import org.ntkexplorer.core.model.NetworkSpec;
import org.ntkexplorer.core.model.NtkNetwork;
import org.ntkexplorer.core.model.Parameterization;
import org.ntkexplorer.core.model.TestNetworks;
import org.ntkexplorer.core.nn.ConvOps;

import java.util.stream.Stream;

class EmpiricalNtkTest {

    static Stream<Arguments> everyActivationAndParameterization() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (Activation a : Activation.values()) {
            for (Parameterization p : Parameterization.values()) {
                b.add(Arguments.of(a, p));
            }
        }
        return b.build();
    }

    static double maxRelativeError(INDArray actual, INDArray expected) {
        double scale = Transforms.abs(expected).maxNumber().doubleValue();
        return Transforms.abs(actual.sub(expected)).maxNumber().doubleValue() / scale;
    }

    @ParameterizedTest(name = "mlp {0} {1}")
    @MethodSource("everyActivationAndParameterization")
    void mlpFastPathEqualsOracle(Activation act, Parameterization p) {
        NtkNetwork net = TestNetworks.mlp(act, p, 11);
        INDArray x = TestNetworks.inputs(7, 5, 3);
        INDArray x2 = TestNetworks.inputs(4, 5, 4);
        INDArray fast = EmpiricalNtk.of(net, Precision.FLOAT64).compute(x);
        INDArray oracle = JacobianNtk.of(net, Precision.FLOAT64).compute(x, null, TaskMonitor.NONE);
        assertTrue(maxRelativeError(fast, oracle) <= 1e-9, "train block rel. error " + maxRelativeError(fast, oracle));
        INDArray cross = EmpiricalNtk.of(net, Precision.FLOAT64).compute(x2, x);
        INDArray crossOracle = JacobianNtk.of(net, Precision.FLOAT64).compute(x2, x, TaskMonitor.NONE);
        assertArrayEquals(new long[] {4, 7}, cross.shape());
        assertTrue(maxRelativeError(cross, crossOracle) <= 1e-9, "cross block " + maxRelativeError(cross, crossOracle));
    }

    @ParameterizedTest(name = "myrtle5 {0} {1}")
    @MethodSource("everyActivationAndParameterization")
    void cnnFastPathEqualsOracle(Activation act, Parameterization p) {
        NtkNetwork net = TestNetworks.myrtle(act, p, 5);
        INDArray x = TestNetworks.inputs(5, 2 * 8 * 8, 6);
        INDArray fast = EmpiricalNtk.of(net, Precision.FLOAT64).compute(x);
        INDArray oracle = JacobianNtk.of(net, Precision.FLOAT64).compute(x, null, TaskMonitor.NONE);
        assertTrue(maxRelativeError(fast, oracle) <= 1e-9, "rel. error " + maxRelativeError(fast, oracle));
    }

    static Stream<Arguments> everyMyrtleAndParameterization() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (Architecture a : new Architecture[] {Architecture.MYRTLE5, Architecture.MYRTLE7, Architecture.MYRTLE10}) {
            for (Parameterization p : Parameterization.values()) {
                b.add(Arguments.of(a, p));
            }
        }
        return b.build();
    }

    static NtkNetwork myrtle(Architecture arch, Parameterization p, DataType dt, long seed) {
        NetworkSpec spec = new NetworkSpec(arch, 0, 3, Activation.RELU, p, 1.4, 0.3, 3, new int[] {2, 8, 8});
        return NtkNetwork.create(spec, seed, dt, TestNetworks.PLAIN);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyMyrtleAndParameterization")
    void everyMyrtleDepthEqualsOracle(Architecture arch, Parameterization p) {
        NtkNetwork net = myrtle(arch, p, DataType.DOUBLE, 3);
        INDArray x = TestNetworks.inputs(4, 2 * 8 * 8, 6);
        INDArray x2 = TestNetworks.inputs(2, 2 * 8 * 8, 7);
        INDArray fast = EmpiricalNtk.of(net, Precision.FLOAT64).compute(x);
        INDArray oracle = JacobianNtk.of(net, Precision.FLOAT64).compute(x, null, TaskMonitor.NONE);
        assertTrue(maxRelativeError(fast, oracle) <= 1e-9, "rel. error " + maxRelativeError(fast, oracle));
        INDArray cross = EmpiricalNtk.of(net, Precision.FLOAT64).compute(x2, x);
        INDArray crossOracle = JacobianNtk.of(net, Precision.FLOAT64).compute(x2, x, TaskMonitor.NONE);
        assertTrue(maxRelativeError(cross, crossOracle) <= 1e-9, "cross block " + maxRelativeError(cross, crossOracle));
    }

    /** float32 takes oneDNN's convolutions where the natives have them; both routes agree with the float64 oracle. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyMyrtleAndParameterization")
    void float32CnnKernelAgreesWithOracleOnBothConvolutionRoutes(Architecture arch, Parameterization p) {
        NtkNetwork net = myrtle(arch, p, DataType.FLOAT, 4);
        INDArray x = TestNetworks.inputs(4, 2 * 8 * 8, 8);
        INDArray oracle = JacobianNtk.of(net, Precision.FLOAT64).compute(x, null, TaskMonitor.NONE);
        INDArray nativeRoute = EmpiricalNtk.of(net, Precision.FLOAT32).compute(x).castTo(DataType.DOUBLE);
        ConvOps.forceGemm(true);
        try {
            INDArray gemmRoute = EmpiricalNtk.of(net, Precision.FLOAT32).compute(x).castTo(DataType.DOUBLE);
            assertTrue(maxRelativeError(gemmRoute, oracle) <= 1e-5, "GEMM route " + maxRelativeError(gemmRoute, oracle));
        } finally {
            ConvOps.forceGemm(false);
        }
        assertTrue(maxRelativeError(nativeRoute, oracle) <= 1e-5, "native " + maxRelativeError(nativeRoute, oracle));
    }

    /** 10×10 images pool to 5×5 and then 2×2, dropping a row and a column, as DL4J's truncating pooling does. */
    @Test
    void oddImageSizesEqualOracle() {
        NetworkSpec spec = new NetworkSpec(Architecture.MYRTLE5, 0, 3, Activation.RELU, Parameterization.NTK, 1.4, 0.3, 3,
                new int[] {2, 10, 10});
        for (DataType dt : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            NtkNetwork net = NtkNetwork.create(spec, 2, dt, TestNetworks.PLAIN);
            INDArray x = TestNetworks.inputs(4, 2 * 10 * 10, 3);
            INDArray oracle = JacobianNtk.of(net, Precision.FLOAT64).compute(x, null, TaskMonitor.NONE);
            Precision precision = dt == DataType.DOUBLE ? Precision.FLOAT64 : Precision.FLOAT32;
            INDArray fast = EmpiricalNtk.of(net, precision).compute(x).castTo(DataType.DOUBLE);
            double tol = dt == DataType.DOUBLE ? 1e-9 : 1e-5;
            assertTrue(maxRelativeError(fast, oracle) <= tol, dt + " " + maxRelativeError(fast, oracle));
            INDArray f = net.logits(x);
            assertTrue(maxRelativeError(f.castTo(DataType.DOUBLE), net.dl4jLogits(x).castTo(DataType.DOUBLE)) <= tol / 10,
                    dt + " logits");
        }
    }

    @Test
    void blockingDoesNotChangeTheKernel() {
        NtkNetwork net = TestNetworks.mlp(Activation.TANH, Parameterization.NTK, 2);
        INDArray x = TestNetworks.inputs(23, 5, 9);
        INDArray whole = EmpiricalNtk.of(net, Precision.FLOAT64, 0, TaskMonitor.NONE).compute(x);
        INDArray blocked = EmpiricalNtk.of(net, Precision.FLOAT64, 5, TaskMonitor.NONE).compute(x);
        assertTrue(maxRelativeError(blocked, whole) <= 1e-12);
        assertTrue(maxRelativeError(whole, whole.transpose()) <= 1e-15, "symmetric");
    }

    @Test
    void cnnChunkedAndBlockedMatchesUnblocked() {
        NtkNetwork net = TestNetworks.myrtle(Activation.RELU, Parameterization.NTK, 8);
        INDArray x = TestNetworks.inputs(9, 2 * 8 * 8, 1);
        INDArray whole = EmpiricalNtk.of(net, Precision.FLOAT64).compute(x);
        // 2 conv examples per chunk (the largest per-example buffer is C·H·W·fanIn·8 bytes).
        EmpiricalNtk chunked = EmpiricalNtk.withChunkBytes(net, Precision.FLOAT64, 4, 2L * 3 * 64 * 27 * 8);
        assertEquals(2, chunked.chunkRows());
        INDArray blocked = chunked.compute(x);
        assertTrue(maxRelativeError(blocked, whole) <= 1e-12);
    }

    @Test
    void float32AgreesWithFloat64() {
        NtkNetwork net = TestNetworks.mlp(Activation.GELU, Parameterization.STANDARD, 4);
        INDArray x = TestNetworks.inputs(10, 5, 2);
        INDArray k64 = EmpiricalNtk.of(net, Precision.FLOAT64).compute(x);
        INDArray k32 = EmpiricalNtk.of(net, Precision.FLOAT32).compute(x);
        assertEquals(org.nd4j.linalg.api.buffer.DataType.FLOAT, k32.dataType());
        assertTrue(maxRelativeError(k32.castTo(k64.dataType()), k64) < 1e-4);
    }

    @Test
    void oracleJacobianEqualsCentralFiniteDifferences() {
        for (NtkNetwork net : new NtkNetwork[] {TestNetworks.mlp(Activation.ERF, Parameterization.NTK, 1),
                TestNetworks.myrtle(Activation.TANH, Parameterization.STANDARD, 1)}) {
            int dim = net.spec().inputDim();
            INDArray x = TestNetworks.inputs(2, dim, 12);
            JacobianNtk oracle = JacobianNtk.of(net, Precision.FLOAT64);
            INDArray jac = oracle.jacobian(x, TaskMonitor.NONE);
            INDArray fd = FiniteDifferences.jacobian(oracle.twin(), x, 1e-6, 7);
            jac = FiniteDifferences.everyNthColumn(jac, 7);
            assertTrue(maxRelativeError(jac, fd) < 1e-6, net.spec().architecture() + " " + maxRelativeError(jac, fd));
        }
    }

    @Test
    void cancellationStopsTheComputation() {
        NtkNetwork net = TestNetworks.mlp(Activation.RELU, Parameterization.NTK, 1);
        INDArray x = TestNetworks.inputs(40, 5, 1);
        TaskMonitor cancelled = new TaskMonitor() {
            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        assertThrows(org.ntkexplorer.core.compute.CancelledException.class,
                () -> EmpiricalNtk.of(net, Precision.FLOAT64, 8, cancelled).compute(x));
    }

    @Test
    void impossibleRequestIsRefusedWithItsEstimate() {
        NtkNetwork net = TestNetworks.mlp(Activation.RELU, Parameterization.NTK, 1);
        EmpiricalNtk ntk = EmpiricalNtk.of(net, Precision.FLOAT64);
        long estimate = ntk.estimateBytes(2_000_000, 2_000_000);
        assertTrue(estimate > 8L * 2_000_000 * 2_000_000 - 1);
        INDArray tiny = TestNetworks.inputs(1, 5, 1);
        // A cross kernel with two million columns cannot fit; it must be refused before any allocation.
        INDArray many = org.nd4j.linalg.factory.Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 1, 5)
                .repeat(0, 2_000_000);
        var ex = assertThrows(org.ntkexplorer.core.compute.InsufficientMemoryException.class,
                () -> ntk.compute(many, many));
        assertTrue(ex.getMessage().contains("GiB"), ex.getMessage());
        assertEquals(1, tiny.rows());
    }
}
