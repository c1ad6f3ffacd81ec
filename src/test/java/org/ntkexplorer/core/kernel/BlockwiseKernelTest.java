package org.ntkexplorer.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntkexplorer.core.linalg.SpdBuffer;
import org.ntkexplorer.core.model.Activation;
import org.ntkexplorer.core.model.NtkNetwork;
import org.ntkexplorer.core.model.Parameterization;
import org.ntkexplorer.core.model.TestNetworks;

/** Kernels computed block by block (into the solver's buffer, or panel by panel) equal the dense ones. */
class BlockwiseKernelTest {

    @Test
    void empiricalNtkIntoTheBufferEqualsTheDenseKernel() {
        NtkNetwork net = TestNetworks.mlp(Activation.RELU, Parameterization.STANDARD, 11);
        INDArray x = TestNetworks.inputs(11, 5, 3);
        INDArray dense = EmpiricalNtk.of(net, Precision.FLOAT64).compute(x);
        try (SpdBuffer k = SpdBuffer.allocate(11)) {
            // 3-row blocks: diagonal blocks, blocks below it (written transposed) and a short last block.
            EmpiricalNtk.of(net, Precision.FLOAT64, 3, org.ntkexplorer.core.compute.TaskMonitor.NONE)
                    .computeInto(x, k);
            for (int i = 0; i < 11; i++) {
                for (int j = i; j < 11; j++) {
                    assertEquals(dense.getDouble(i, j), k.get(i, j), 1e-12 * Math.abs(dense.getDouble(i, j)) + 1e-14,
                            "(" + i + ", " + j + ")");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"RELU", "TANH", "ERF"})
    void panelsOfEveryHeightEqualTheEntryByEntryRecursion(Activation activation) {
        INDArray train = Nd4j.rand(DataType.DOUBLE, 13, 6).subi(0.5);
        INDArray test = Nd4j.rand(DataType.DOUBLE, 5, 6).subi(0.5);
        double sw = 1.4;
        double sb = 0.3;
        int depth = 2;
        DualActivation dual = DualActivation.of(activation, InfiniteMlpKernel.DEFAULT_QUADRATURE_ORDER);
        for (int values : new int[] {1, 26, 40, 1 << 20}) {
            InfiniteMlpKernel kernel = new InfiniteMlpKernel(activation, depth, sw, sb).withTablePoints(0)
                    .withPanelValues(values);
            KernelPair k = kernel.train(train);
            KernelPair c = kernel.cross(test, train);
            for (int i = 0; i < 13; i++) {
                for (int j = 0; j < 13; j++) {
                    double[] e = entry(train, i, train, j, dual, depth, sw, sb);
                    assertEquals(e[0], k.nngp().getDouble(i, j), 1e-11 * Math.abs(e[0]), "nngp " + i + "," + j);
                    assertEquals(e[1], k.ntk().getDouble(i, j), 1e-11 * Math.abs(e[1]), "ntk " + i + "," + j);
                }
            }
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 13; j++) {
                    double[] e = entry(test, i, train, j, dual, depth, sw, sb);
                    assertEquals(e[0], c.nngp().getDouble(i, j), 1e-11 * Math.abs(e[0]), "cross nngp");
                    assertEquals(e[1], c.ntk().getDouble(i, j), 1e-11 * Math.abs(e[1]), "cross ntk");
                }
            }
        }
    }

    /** The recursion of docs/science.md for one pair, straight from its definition. */
    private static double[] entry(INDArray a, int i, INDArray b, int j, DualActivation dual, int depth, double sw,
            double sb) {
        INDArray xi = a.getRow(i);
        INDArray xj = b.getRow(j);
        int d = (int) a.columns();
        double s11 = sw * sw * xi.mul(xi).sumNumber().doubleValue() / d + sb * sb;
        double s22 = sw * sw * xj.mul(xj).sumNumber().doubleValue() / d + sb * sb;
        // On the diagonal the variance itself, as the kernel takes it (see InfinitePanels).
        double s12 = a == b && i == j ? s11 : sw * sw * xi.mul(xj).sumNumber().doubleValue() / d + sb * sb;
        double theta = s12;
        double[] out = new double[2];
        double[] diag = new double[2];
        for (int l = 0; l < depth; l++) {
            dual.evaluate(s11, s12, s22, out);
            double t = out[0];
            double tDot = out[1];
            dual.evaluate(s11, s11, s11, diag);
            double n11 = sw * sw * diag[0] + sb * sb;
            dual.evaluate(s22, s22, s22, diag);
            double n22 = sw * sw * diag[0] + sb * sb;
            s12 = sw * sw * t + sb * sb;
            theta = s12 + sw * sw * tDot * theta;
            s11 = n11;
            s22 = n22;
        }
        return new double[] {s12, theta};
    }
}
