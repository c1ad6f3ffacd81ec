package org.ntkexplorer.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NtkNetworkTest {

    /** The forward pass written out by hand in plain Java, multipliers included (docs/science.md, §Conventions). */
    private static double[] handForward(NtkNetwork net, double[] x) {
        double[] a = x;
        Map<String, INDArray> p = net.parameters();
        var layers = net.plan().trainableLayers();
        for (int k = 0; k < layers.size(); k++) {
            Dense d = (Dense) layers.get(k);
            INDArray w = p.get("W" + k);
            INDArray b = p.get("b" + k);
            double[] z = new double[d.fanOut()];
            for (int j = 0; j < d.fanOut(); j++) {
                double s = 0;
                for (int i = 0; i < d.fanIn(); i++) {
                    s += a[i] * w.getDouble(i, j);
                }
                z[j] = d.weightMultiplier() * s + d.biasMultiplier() * b.getDouble(j);
                if (d.activation() != null) {
                    z[j] = d.activation().apply(z[j]);
                }
            }
            a = z;
        }
        return a;
    }

    @ParameterizedTest
    @EnumSource(Parameterization.class)
    void forwardPassCarriesTheMultipliers(Parameterization p) {
        NtkNetwork net = TestNetworks.mlp(Activation.ERF, p, 3);
        INDArray x = TestNetworks.inputs(3, 5, 1);
        INDArray f = net.logits(x);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(handForward(net, x.getRow(i).toDoubleVector()), f.getRow(i).toDoubleVector(), 1e-12);
        }
        double sw = net.plan().trainableLayers().get(0) instanceof Dense d ? d.weightMultiplier() : 0;
        assertEquals(p == Parameterization.NTK ? 1.4 / Math.sqrt(5) : 1.0, sw, 1e-15);
    }

    @Test
    void initialisationFollowsTheParameterisation() {
        NetworkSpec ntk = NetworkSpec.mlp(1, 4000, Activation.RELU, Parameterization.NTK, 2.0, 0.5, 2, 100);
        NetworkSpec std = NetworkSpec.mlp(1, 4000, Activation.RELU, Parameterization.STANDARD, 2.0, 0.5, 2, 100);
        NtkNetwork a = NtkNetwork.create(ntk, 1, DataType.DOUBLE, TestNetworks.PLAIN);
        NtkNetwork b = NtkNetwork.create(std, 1, DataType.DOUBLE, TestNetworks.PLAIN);
        assertEquals(1.0, a.weight(0).stdNumber().doubleValue(), 0.01);
        assertEquals(1.0, a.bias(0).stdNumber().doubleValue(), 0.05);
        assertEquals(2.0 / Math.sqrt(100), b.weight(0).stdNumber().doubleValue(), 0.002);
        assertEquals(0.5, b.bias(0).stdNumber().doubleValue(), 0.03);
    }

    /** DL4J's gradient of the training loss equals central finite differences: the multipliers act in backward. */
    @ParameterizedTest
    @EnumSource(Parameterization.class)
    void backwardPassMatchesFiniteDifferences(Parameterization p) {
        for (NtkNetwork net : new NtkNetwork[] {TestNetworks.mlp(Activation.TANH, p, 4),
                TestNetworks.myrtle(Activation.GELU, p, 4)}) {
            MultiLayerNetwork dl = net.dl4j();
            INDArray x = TestNetworks.inputs(3, net.spec().inputDim(), 2);
            INDArray y = TestNetworks.inputs(3, 3, 5);
            dl.setInput(x);
            dl.setLabels(y);
            dl.computeGradientAndScore();
            double h = 1e-6;
            for (int k = 0; k < net.trainableLayerCount(); k++) {
                for (String key : new String[] {net.weightKey(k), net.biasKey(k)}) {
                    INDArray param = dl.getParam(key);
                    INDArray grad = dl.gradient().getGradientFor(key).dup();
                    for (long e = 0; e < param.length(); e += Math.max(1, param.length() / 5)) {
                        // Subscripts, not linear indices: DL4J keeps weight views in 'f' order.
                        long[] at = org.nd4j.linalg.api.shape.Shape.ind2subC(param.shape(), e);
                        double v = param.getDouble(at);
                        param.putScalar(at, v + h);
                        double plus = dl.score(new org.nd4j.linalg.dataset.DataSet(x, y), false);
                        param.putScalar(at, v - h);
                        double minus = dl.score(new org.nd4j.linalg.dataset.DataSet(x, y), false);
                        param.putScalar(at, v);
                        // DL4J's raw gradient is summed over the minibatch, its score averaged.
                        double fd = x.rows() * (plus - minus) / (2 * h);
                        assertEquals(fd, grad.getDouble(at), 1e-6 * Math.max(1, Math.abs(fd)),
                                net.spec().architecture() + " " + key + "[" + e + "]");
                    }
                }
            }
        }
    }

    @Test
    void trainingIsDeterministicForASeedAndLowersTheLoss() {
        double[][] finals = new double[2][];
        double first = 0;
        double last = 0;
        for (int run = 0; run < 2; run++) {
            NtkNetwork net = NtkNetwork.create(NetworkSpec.mlp(2, 64, Activation.RELU, Parameterization.NTK, 1.4, 0.1,
                    3, 5), 9, DataType.FLOAT, new TrainingConfig(Optimizer.MOMENTUM, 0.5, 0.9, 16, 10, 1e-4,
                    LossKind.MSE, LearningRateSchedule.COSINE));
            INDArray x = TestNetworks.inputs(96, 5, 1).castTo(DataType.FLOAT);
            INDArray y = Nd4j.createFromArray(new float[96 * 3]).reshape(96, 3);
            for (int i = 0; i < 96; i++) {
                y.putScalar(i, (int) (Math.abs(x.getDouble(i, 0) * 7)) % 3, 1.0);
            }
            Trainer t = new Trainer(net, net.spec() == null ? null : new TrainingConfig(Optimizer.MOMENTUM, 0.5, 0.9,
                    16, 10, 1e-4, LossKind.MSE, LearningRateSchedule.COSINE), x, y, 42);
            first = t.trainEpoch();
            for (int e = 1; e < 10; e++) {
                last = t.trainEpoch();
            }
            finals[run] = net.dl4j().params().toDoubleVector();
        }
        assertArrayEquals(finals[0], finals[1], 0.0, "same seed, same parameters");
        assertTrue(last < 0.7 * first, "loss went from " + first + " to " + last);
    }

    @Test
    void differentSeedsGiveDifferentNetworks() {
        NtkNetwork a = TestNetworks.mlp(Activation.RELU, Parameterization.NTK, 1);
        NtkNetwork b = TestNetworks.mlp(Activation.RELU, Parameterization.NTK, 2);
        assertNotEquals(a.weight(0).getDouble(0), b.weight(0).getDouble(0));
    }

    @Test
    void impossibleSettingsAreRejectedWithEveryProblem() {
        var ex = assertThrows(IllegalArgumentException.class,
                () -> NetworkSpec.mlp(0, 0, Activation.RELU, Parameterization.NTK, -1, 0, 1, 5));
        assertTrue(ex.getMessage().contains("width") && ex.getMessage().contains("depth")
                && ex.getMessage().contains("sigmaW"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new NetworkSpec(Architecture.MYRTLE5, 0, 8, Activation.RELU,
                Parameterization.NTK, 1, 0, 10, new int[] {784}));
        assertThrows(IllegalArgumentException.class, () -> new TrainingConfig(Optimizer.SGD, 0, 0, 0, 1, 0,
                LossKind.MSE, LearningRateSchedule.CONSTANT));
    }

    @Test
    void myrtleLayoutMatchesTheFamily() {
        NetworkSpec s = new NetworkSpec(Architecture.MYRTLE7, 0, 16, Activation.RELU, Parameterization.NTK, 1.4, 0,
                10, new int[] {1, 28, 28});
        LayerPlan plan = LayerPlan.of(s);
        assertEquals(7, plan.trainableLayers().size());
        assertTrue(plan.layers().get(plan.layers().size() - 2) instanceof GlobalAvgPool g
                && g.height() == 7 && g.width() == 7);
    }
}
