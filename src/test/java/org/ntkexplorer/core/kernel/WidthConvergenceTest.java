package org.ntkexplorer.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntkexplorer.core.model.Activation;
import org.ntkexplorer.core.model.NetworkSpec;
import org.ntkexplorer.core.model.NtkNetwork;
import org.ntkexplorer.core.model.Parameterization;
import org.ntkexplorer.core.model.TestNetworks;

/** The eNTK at init nears the infinite NTK, error ∝ width^(−1/2) (docs/science.md, §Infinite-width kernels). */
@Tag("slow")
class WidthConvergenceTest {

    @Test
    void empiricalNtkConvergesToInfiniteNtkAtRateMinusOneHalf() {
        int n = 16;
        int d = 12;
        int depth = 2;
        double sigmaW = Math.sqrt(2);
        double sigmaB = 0.1;
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.randn(DataType.DOUBLE, n, d);
        x.diviColumnVector(x.norm2(1).reshape(n, 1)).muli(Math.sqrt(d));
        INDArray theta = new InfiniteMlpKernel(Activation.RELU, depth, sigmaW, sigmaB).train(x).ntk();
        double thetaNorm = theta.norm2Number().doubleValue();

        SimpleRegression fit = new SimpleRegression();
        int[] widths = {64, 128, 256, 512, 1024, 2048, 4096};
        int seeds = 4;
        for (int width : widths) {
            double meanSq = 0;
            for (int s = 0; s < seeds; s++) {
                NetworkSpec spec = NetworkSpec.mlp(depth, width, Activation.RELU, Parameterization.NTK, sigmaW, sigmaB,
                        1, d);
                NtkNetwork net = NtkNetwork.create(spec, 1000L * width + s, DataType.DOUBLE, TestNetworks.PLAIN);
                INDArray k = EmpiricalNtk.of(net, Precision.FLOAT64).compute(x);
                double rel = k.sub(theta).norm2Number().doubleValue() / thetaNorm;
                meanSq += rel * rel / seeds;
            }
            fit.addData(Math.log(width), 0.5 * Math.log(meanSq));
        }
        double slope = fit.getSlope();
        System.out.printf("eNTK -> infinite NTK: slope %.3f, R^2 %.3f over widths 64..4096%n", slope, fit.getRSquare());
        assertEquals(-0.5, slope, 0.15, "log-log slope of relative error against width");
        assertTrue(fit.getRSquare() > 0.9, "R² " + fit.getRSquare());
    }
}
