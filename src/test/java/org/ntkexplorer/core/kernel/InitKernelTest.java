package org.ntkexplorer.core.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntkexplorer.core.model.Activation;
import org.ntkexplorer.core.model.Init;
import org.ntkexplorer.core.model.NetworkSpec;
import org.ntkexplorer.core.model.NtkNetwork;
import org.ntkexplorer.core.model.Parameterization;
import org.ntkexplorer.core.model.TestNetworks;

/**
 * The infinite-width kernel of a spec follows its initialisation law (docs/science.md, §Initialisation): the eNTK
 * of wide NTK-parameterised networks drawn from the law, averaged over seeds, is close to it, and further from the
 * kernel of the other laws' variances.
 */
class InitKernelTest {
    private static final int D = 3;
    private static final int WIDTH = 1024;
    private static final int DEPTH = 2;

    @ParameterizedTest
    @EnumSource(Init.class)
    void averageEntkAtLargeWidthMatchesTheLawsKernel(Init law) {
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 6, D);
        NetworkSpec spec = NetworkSpec.mlp(DEPTH, WIDTH, Activation.RELU, Parameterization.NTK, Math.sqrt(2), 0.1, 1, D)
                .withInit(law);
        INDArray theta = InfiniteMlpKernel.of(spec).train(x).ntk();
        int seeds = 4;
        INDArray mean = Nd4j.zeros(DataType.DOUBLE, 6, 6);
        for (int s = 0; s < seeds; s++) {
            NtkNetwork net = NtkNetwork.create(spec, 100 + s, DataType.DOUBLE, TestNetworks.PLAIN);
            mean.addi(EmpiricalNtk.of(net, Precision.FLOAT64).compute(x).div(seeds));
        }
        double err = relative(mean, theta);
        System.out.printf("init %s: eNTK mean vs its kernel %.4f%n", law.id(), err);
        assertTrue(err < 0.05, law + ": relative distance " + err);
        for (Init other : Init.values()) {
            if (other != law) {
                double away = relative(mean, InfiniteMlpKernel.of(spec.withInit(other)).train(x).ntk());
                System.out.printf("init %s: eNTK mean vs %s's kernel %.4f%n", law.id(), other.id(), away);
                assertTrue(away > 3 * err, law + " is closer to " + other + "'s kernel: " + away + " vs " + err);
            }
        }
        if (law == Init.PYTORCH) {
            // One σ_b for every layer (here the he default's 0.1) is not PyTorch's first-layer bias 1/(3·d).
            double flat = relative(mean, new InfiniteMlpKernel(Activation.RELU, DEPTH, spec.sigmaW(), 0.1).train(x).ntk());
            System.out.printf("init pytorch: eNTK mean vs one σ_b = 0.1 %.4f%n", flat);
            assertTrue(flat > 3 * err, "the per-layer bias variance is visible: " + flat + " vs " + err);
        }
    }

    private static double relative(INDArray a, INDArray b) {
        return a.sub(b).norm2Number().doubleValue() / b.norm2Number().doubleValue();
    }
}
