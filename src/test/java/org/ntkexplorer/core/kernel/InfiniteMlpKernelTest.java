package org.ntkexplorer.core.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntkexplorer.core.model.Activation;
import org.ntkexplorer.core.model.Architecture;
import org.ntkexplorer.core.model.NetworkSpec;
import org.ntkexplorer.core.model.Parameterization;

class InfiniteMlpKernelTest {

    @ParameterizedTest
    @EnumSource(Activation.class)
    void kernelsAreSymmetricAndPositiveSemidefinite(Activation activation) {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 30, 7).subi(0.5);
        KernelPair k = new InfiniteMlpKernel(activation, 3, 1.4, 0.3).withQuadratureOrder(32).train(x);
        for (INDArray m : new INDArray[] {k.nngp(), k.ntk()}) {
            double[][] a = m.toDoubleMatrix();
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a.length; j++) {
                    assertEquals(a[i][j], a[j][i], 0, "symmetric");
                }
            }
            double[] eig = new EigenDecomposition(new Array2DRowRealMatrix(a)).getRealEigenvalues();
            double max = java.util.Arrays.stream(eig).max().getAsDouble();
            double min = java.util.Arrays.stream(eig).min().getAsDouble();
            assertTrue(min >= -1e-9 * max, activation + " min eigenvalue " + min + " vs max " + max);
        }
    }

    @Test
    void aPlanWithALayerWithoutARecursionIsRefusedWithThatLayersReason() {
        NetworkSpec myrtle = new NetworkSpec(Architecture.MYRTLE5, 0, 8, Activation.RELU, Parameterization.NTK, 1.4, 0.1,
                10, new int[] {1, 28, 28});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InfiniteMlpKernel.of(myrtle));
        assertTrue(e.getMessage().contains("conv2d layers have no infinite-width recursion"), e.getMessage());
        NetworkSpec mlp = NetworkSpec.mlp(2, 8, Activation.RELU, Parameterization.NTK, 1.4, 0.1, 10, 5);
        assertEquals(2, InfiniteMlpKernel.of(mlp).depth());
    }

    @Test
    void aCancelStopsTheComputationPartWay() {
        java.util.concurrent.atomic.AtomicInteger checks = new java.util.concurrent.atomic.AtomicInteger();
        org.ntkexplorer.core.compute.TaskMonitor cancelAfterTenRows = new org.ntkexplorer.core.compute.TaskMonitor() {
            @Override
            public boolean isCancelled() {
                return checks.incrementAndGet() > 10;
            }
        };
        INDArray x = Nd4j.rand(DataType.DOUBLE, 400, 5);
        InfiniteMlpKernel k = new InfiniteMlpKernel(Activation.TANH, 2, 1.4, 0.1).withMonitor(cancelAfterTenRows);
        assertThrows(org.ntkexplorer.core.compute.CancelledException.class, () -> k.train(x));
        assertTrue(checks.get() < 400, "stopped after " + checks.get() + " of 400 rows");
    }

    @Test
    void depthZeroIsTheScaledLinearKernel() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 12, 5);
        KernelPair k = new InfiniteMlpKernel(Activation.TANH, 0, 1.5, 0.2).train(x);
        INDArray linear = x.mmul(x.transpose()).muli(1.5 * 1.5 / 5).addi(0.04);
        assertArrayEquals(flat(linear), flat(k.nngp()), 1e-12);
        assertArrayEquals(flat(linear), flat(k.ntk()), 1e-12);
    }

    @Test
    void reluWithHeScalingHasKnownDiagonal() {
        // |x|² = d, σ_w² = 2, σ_b = 0: every Σ^l(x,x) = 2, Ṫ = 1/2 on the diagonal, so Θ^{L+1}(x,x) = 2(L+1).
        int d = 6;
        INDArray x = unitRows(9, d, 5).muli(Math.sqrt(d));
        for (int depth = 0; depth <= 4; depth++) {
            KernelPair k = new InfiniteMlpKernel(Activation.RELU, depth, Math.sqrt(2), 0).train(x);
            for (int i = 0; i < 9; i++) {
                assertEquals(2.0, k.nngp().getDouble(i, i), 1e-12);
                assertEquals(2.0 * (depth + 1), k.ntk().getDouble(i, i), 1e-12);
            }
        }
    }

    @Test
    void oneHiddenReluLayerMatchesHandComputedEntry() {
        INDArray x = Nd4j.createFromArray(new double[][] {{1, 0}, {1, 1}});
        double sw = 1.3;
        double sb = 0.4;
        KernelPair k = new InfiniteMlpKernel(Activation.RELU, 1, sw, sb).train(x);
        double s11 = sw * sw * 1 / 2 + sb * sb;
        double s22 = sw * sw * 2 / 2 + sb * sb;
        double s12 = sw * sw * 1 / 2 + sb * sb;
        double norm = Math.sqrt(s11 * s22);
        double theta = Math.acos(s12 / norm);
        double t = norm * (Math.sin(theta) + (Math.PI - theta) * Math.cos(theta)) / (2 * Math.PI);
        double tDot = (Math.PI - theta) / (2 * Math.PI);
        double nngp = sw * sw * t + sb * sb;
        assertEquals(nngp, k.nngp().getDouble(0, 1), 1e-14);
        assertEquals(nngp + sw * sw * tDot * s12, k.ntk().getDouble(0, 1), 1e-14);
    }

    @Test
    void crossBlockAgreesWithTrainBlockAndFloatInputsAreAccepted() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 10, 4);
        INDArray xTest = Nd4j.rand(DataType.DOUBLE, 3, 4);
        InfiniteMlpKernel kernel = new InfiniteMlpKernel(Activation.GELU, 2, 1.2, 0.1).withQuadratureOrder(32);
        KernelBlocks blocks = kernel.compute(x, xTest);
        KernelPair joint = kernel.train(Nd4j.concat(0, x, xTest));
        INDArray expected = joint.ntk().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(10, 13),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 10));
        assertArrayEquals(flat(expected.dup()), flat(blocks.testTrain().ntk()), 1e-12);
        assertArrayEquals(new long[] {3, 10}, blocks.testTrain().nngp().shape());
        KernelPair fromFloat = kernel.train(x.castTo(DataType.FLOAT));
        assertArrayEquals(flat(blocks.train().ntk()), flat(fromFloat.ntk()), 1e-5);
    }

    @Test
    void tabulatedPathMatchesDirectQuadratureOnUnitNormInputs() {
        INDArray x = unitRows(70, 8, 11);
        InfiniteMlpKernel tanh = new InfiniteMlpKernel(Activation.TANH, 3, 1.5, 0.1).withQuadratureOrder(32);
        KernelPair direct = tanh.withTablePoints(0).train(x);
        KernelPair tabulated = tanh.withTablePoints(1025).train(x);
        double[] a = flat(direct.ntk());
        double[] b = flat(tabulated.ntk());
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.abs(a[i]));
        }
        assertTrue(worst < 1e-7, "relative table error " + worst);
        assertTrue(worst > 0, "with 2485 entries > 1025 points the table path must have been taken");
    }

    @Test
    void threadCountDoesNotChangeTheResult() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 25, 3);
        InfiniteMlpKernel k = new InfiniteMlpKernel(Activation.RELU, 2, 1.1, 0.2);
        assertArrayEquals(flat(k.withThreads(1).train(x).ntk()),
                flat(k.withThreads(3).train(x).ntk()), 0);
    }

    @Test
    void rejectsInvalidConfiguration() {
        assertThrows(IllegalArgumentException.class, () -> new InfiniteMlpKernel(Activation.RELU, -1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new InfiniteMlpKernel(Activation.RELU, 1, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new InfiniteMlpKernel(Activation.TANH, 1, 1, 0).withQuadratureOrder(7));
        InfiniteMlpKernel k = new InfiniteMlpKernel(Activation.RELU, 1, 1, 0);
        assertThrows(IllegalArgumentException.class,
                () -> k.cross(Nd4j.rand(DataType.DOUBLE, 2, 3), Nd4j.rand(DataType.DOUBLE, 2, 4)));
    }

    static double[] flat(INDArray m) {
        return Nd4j.toFlattened('c', m).toDoubleVector();
    }

    static INDArray unitRows(int n, int d, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.DOUBLE, n, d);
        return x.diviColumnVector(x.norm2(1).reshape(n, 1));
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void theLayersStepsGiveTheBitsOfTheKernelBuiltFromSigmas(Activation act) {
        // Under He-normal init every layer's σ_b² is σ_b², so the recursion the plan's Dense layers carry must give
        // exactly the kernel built from σ_w and σ_b alone: the same operations in the same order.
        NetworkSpec spec = NetworkSpec.mlp(3, 16, act, Parameterization.NTK, 1.3, 0.2, 2, 7);
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 9, 7);
        KernelPair fromPlan = InfiniteMlpKernel.of(spec).train(x);
        KernelPair fromSigmas = new InfiniteMlpKernel(act, 3, spec.sigmaW(), spec.sigmaB()).train(x);
        assertArrayEquals(fromSigmas.ntk().data().asDouble(), fromPlan.ntk().data().asDouble(), 0.0);
        assertArrayEquals(fromSigmas.nngp().data().asDouble(), fromPlan.nngp().data().asDouble(), 0.0);
    }
}
