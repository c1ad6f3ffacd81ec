package org.ntkexplorer.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.ntkexplorer.core.linalg.SymmetricLapack;

/**
 * The power iteration against the top eigenvalue of the explicitly formed Gauss–Newton matrix, and the stability
 * bound (docs/science.md, §Largest stable learning rate) on the linearised network: gradient descent with the
 * Jacobian held fixed converges at 0.95× the bound and diverges at 1.05×, for plain, Nesterov and heavy-ball steps.
 */
class SharpnessEstimatorTest {
    private static final int N = 20;

    /**
     * J (n·C × P) of the network's logits, by central differences on each parameter: an oracle that shares no code
     * with the estimator's backward pass (the forward pass equals DL4J's own, FitBatchTest).
     */
    static INDArray jacobian(NtkNetwork net, INDArray x) {
        INDArray params = net.dl4j().params();
        int p = (int) params.length();
        int c = net.spec().outputs();
        int n = (int) x.rows();
        INDArray j = Nd4j.zeros(DataType.DOUBLE, (long) n * c, p);
        double h = 1e-6;
        for (int k = 0; k < p; k++) {
            double v = params.getDouble(k);
            params.putScalar(k, v + h);
            INDArray plus = net.logits(x).castTo(DataType.DOUBLE);
            params.putScalar(k, v - h);
            INDArray minus = net.logits(x).castTo(DataType.DOUBLE);
            params.putScalar(k, v);
            j.getColumn(k).assign(plus.subi(minus).divi(2 * h).dup('c').reshape(new long[] {(long) n * c, 1}));
        }
        return j;
    }

    /** The top eigenvalue of a symmetric matrix. */
    static double top(INDArray m) {
        int n = (int) m.rows();
        double[] w = SymmetricLapack.eigenInPlace(m.dup('c').data().asDouble(), n, false);
        return w[n - 1];
    }

    /** (2/(nC))·J·Jᵀ, the MSE Gauss–Newton matrix's non-zero part in function space. */
    static INDArray functionSpaceMse(INDArray j, int n, int c) {
        return j.mmul(j.transpose()).muli(2.0 / ((double) n * c));
    }

    @Test
    void powerIterationMatchesTheExplicitGaussNewtonMatrixForMse() {
        for (Parameterization p : Parameterization.values()) {
            NtkNetwork net = TestNetworks.mlp(Activation.TANH, p, 3);
            INDArray x = TestNetworks.inputs(N, 5, 11);
            double exact = top(functionSpaceMse(jacobian(net, x), N, 3));
            SharpnessEstimator.Estimate e = new SharpnessEstimator(net).estimate(x, 1000, 0);
            assertEquals(exact, e.lambdaMax(), 1e-4 * exact, p + ": " + e);
            assertEquals(N, e.examples());
        }
    }

    @Test
    void powerIterationMatchesTheExplicitGaussNewtonMatrixOfAMyrtleNetwork() {
        NtkNetwork net = TestNetworks.myrtle(Activation.RELU, Parameterization.NTK, 5);
        INDArray x = TestNetworks.inputs(6, 2 * 8 * 8, 12);
        double exact = top(functionSpaceMse(jacobian(net, x), 6, 3));
        double estimate = new SharpnessEstimator(net).estimate(x, 1000, 0).lambdaMax();
        assertEquals(exact, estimate, 1e-4 * exact);
    }

    @Test
    void powerIterationMatchesTheExplicitGaussNewtonMatrixForCrossEntropy() {
        NetworkSpec spec = NetworkSpec.mlp(2, 12, Activation.TANH, Parameterization.NTK, 1.4, 0.3, 3, 5);
        TrainingConfig xent = new TrainingConfig(Optimizer.SGD, 0.01, 0, 8, 1, 0, LossKind.CROSS_ENTROPY,
                LearningRateSchedule.CONSTANT);
        NtkNetwork net = NtkNetwork.create(spec, 4, DataType.DOUBLE, xent);
        INDArray x = TestNetworks.inputs(N, 5, 13);
        INDArray j = jacobian(net, x);
        INDArray p = Transforms.softmax(net.dl4jLogits(x).castTo(DataType.DOUBLE), true);
        // Block-diagonal output Hessian: diag(p_i) − p_i·p_iᵀ per example, divided by n (the loss is a mean).
        INDArray h = Nd4j.zeros(DataType.DOUBLE, N * 3, N * 3);
        for (int i = 0; i < N; i++) {
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    double v = (a == b ? p.getDouble(i, a) : 0) - p.getDouble(i, a) * p.getDouble(i, b);
                    h.putScalar(i * 3 + a, i * 3 + b, v / N);
                }
            }
        }
        INDArray gn = j.transpose().mmul(h).mmul(j);
        double exact = top(gn.add(gn.transpose()).divi(2));
        double estimate = new SharpnessEstimator(net).estimate(x, 1000, 0).lambdaMax();
        assertEquals(exact, estimate, 1e-4 * exact);
    }

    /**
     * Gradient descent on the linearised network, f = f₀ + J·(θ − θ₀), with the MSE loss: the residual r follows
     * r ← r − η·A·r for A = (2/(nC))·J·Jᵀ, Nesterov and heavy-ball momentum as DL4J and the textbook write them.
     *
     * @return the loss after {@code steps} steps over the loss at the start
     */
    static double linearisedLossRatio(INDArray a, INDArray r0, double lr, Optimizer o, double beta, boolean heavyBall,
                                      int steps) {
        INDArray r = r0.dup();
        INDArray v = Nd4j.zerosLike(r);
        double start = r.norm2Number().doubleValue();
        for (int t = 0; t < steps && r.norm2Number().doubleValue() < 1e12 * start; t++) {
            INDArray g = a.mmul(r);
            if (o == Optimizer.SGD) {
                r.subi(g.muli(lr));
            } else if (heavyBall) {
                // v ← βv − ηg; θ ← θ + v (in function space, J maps θ-steps to r-steps).
                v.muli(beta).subi(g.muli(lr));
                r.addi(v);
            } else {
                // DL4J's Nesterovs: v' = βv − ηg; step = −βv + (1 + β)v'.
                INDArray vPrev = v.dup();
                v.muli(beta).subi(g.muli(lr));
                r.addi(v.mul(1 + beta).subi(vPrev.muli(beta)));
            }
        }
        double end = r.norm2Number().doubleValue();
        return (end * end) / (start * start);
    }

    @Test
    void theLinearisedNetworkConvergesJustBelowTheBoundAndDivergesJustAbove() {
        NtkNetwork net = TestNetworks.mlp(Activation.RELU, Parameterization.NTK, 9);
        INDArray x = TestNetworks.inputs(N, 5, 14);
        INDArray a = functionSpaceMse(jacobian(net, x), N, 3);
        INDArray r0 = TestNetworks.inputs(1, N * 3, 15).reshape(N * 3, 1);
        double lambda = new SharpnessEstimator(net).estimate(x, 1000, 0).lambdaMax();
        double beta = 0.9;
        double[][] cases = {
            {StableRate.bound(lambda, Optimizer.SGD, 0, 0), 0},
            {StableRate.bound(lambda, Optimizer.MOMENTUM, beta, 0), 1},
            {StableRate.heavyBall(lambda, beta), 2},
        };
        for (double[] c : cases) {
            Optimizer o = c[1] == 0 ? Optimizer.SGD : Optimizer.MOMENTUM;
            boolean heavy = c[1] == 2;
            double below = linearisedLossRatio(a, r0, 0.95 * c[0], o, beta, heavy, 3000);
            double above = linearisedLossRatio(a, r0, 1.05 * c[0], o, beta, heavy, 3000);
            assertTrue(below < 1, "case " + c[1] + " at 0.95× the bound: loss ratio " + below);
            assertTrue(!(above <= 1e6), "case " + c[1] + " at 1.05× the bound: loss ratio " + above);
        }
    }

    @Test
    void weightDecayAddsToTheCurvature() {
        assertEquals(2 / 5.0, StableRate.bound(4, Optimizer.SGD, 0, 1), 1e-12);
        assertEquals(2 * 1.9 / (2.8 * 4), StableRate.bound(4, Optimizer.MOMENTUM, 0.9, 0), 1e-12);
        assertTrue(Double.isNaN(StableRate.bound(4, Optimizer.ADAM, 0.9, 0)));
    }
}
