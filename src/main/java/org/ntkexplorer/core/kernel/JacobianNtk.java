package org.ntkexplorer.core.kernel;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntkexplorer.core.compute.TaskMonitor;
import org.ntkexplorer.core.model.LearningRateSchedule;
import org.ntkexplorer.core.model.LossKind;
import org.ntkexplorer.core.model.NtkNetwork;
import org.ntkexplorer.core.model.Optimizer;
import org.ntkexplorer.core.model.TrainingConfig;

/**
 * The naive eNTK K = J·Jᵀ/C from DL4J's own backpropagation, one example and one logit at a time. Slow
 * (O(n·C) backward passes, O(n·C·P) memory) and kept as the independent oracle for {@link EmpiricalNtk}.
 *
 * <p>The per-logit gradient comes from DL4J's MSE loss: with labels y = f(x) − (C/2)·e_c the loss gradient
 * with respect to the logits is exactly e_c, so the parameter gradient is ∂f_c(x)/∂θ.
 */
public final class JacobianNtk {
    private final NtkNetwork twin;
    private final int logits;

    private JacobianNtk(NtkNetwork twin) {
        this.twin = twin;
        this.logits = twin.spec().outputs();
    }

    /** A twin of {@code net} (same function and parameters, MSE loss, no weight decay) in {@code precision}. */
    public static JacobianNtk of(NtkNetwork net, Precision precision) {
        TrainingConfig plain = new TrainingConfig(Optimizer.SGD, 1e-3, 0, 1, 0, 0, LossKind.MSE,
                LearningRateSchedule.CONSTANT);
        NtkNetwork twin = NtkNetwork.create(net.spec(), 0, precision.dataType(), plain);
        twin.setParameters(net.parameters());
        return new JacobianNtk(twin);
    }

    /** J: row (i·C + c) is ∂f_c(x_i)/∂θ, parameters ordered W0, b0, W1, b1, … */
    public INDArray jacobian(INDArray x, TaskMonitor monitor) {
        MultiLayerNetwork net = twin.dl4j();
        int n = (int) x.rows();
        long p = twin.parameterCount();
        var dt = net.getLayerWiseConfigurations().getDataType();
        INDArray jac = Nd4j.create(dt, (long) n * logits, p);
        INDArray xs = x.castTo(dt);
        for (int i = 0; i < n; i++) {
            monitor.checkCancelled();
            INDArray xi = xs.getRow(i, true);
            INDArray f = twin.dl4jLogits(xi);
            for (int c = 0; c < logits; c++) {
                INDArray y = f.dup();
                y.putScalar(0, c, f.getDouble(0, c) - logits / 2.0);
                net.setInput(xi);
                net.setLabels(y);
                net.computeGradientAndScore();
                Gradient g = net.gradient();
                INDArray[] pieces = new INDArray[2 * twin.trainableLayerCount()];
                for (int k = 0; k < twin.trainableLayerCount(); k++) {
                    pieces[2 * k] = Nd4j.toFlattened('c', g.getGradientFor(twin.weightKey(k)));
                    pieces[2 * k + 1] = Nd4j.toFlattened('c', g.getGradientFor(twin.biasKey(k)));
                }
                jac.putRow((long) i * logits + c, Nd4j.concat(0, pieces));
            }
            monitor.progress((i + 1.0) / n, "Jacobian (oracle)");
        }
        return jac;
    }

    /** K(x1, x2) = (1/C) Σ_c J_c(x1) J_c(x2)ᵀ; x2 null for the symmetric kernel of x1. */
    public INDArray compute(INDArray x1, INDArray x2, TaskMonitor monitor) {
        INDArray j1 = jacobian(x1, monitor);
        INDArray j2 = x2 == null ? j1 : jacobian(x2, monitor);
        int n1 = (int) x1.rows();
        int n2 = x2 == null ? n1 : (int) x2.rows();
        long p = j1.columns();
        // Rows are example-major, logit-minor, so (n·C)×P reshapes to n×(C·P) and one GEMM sums over logits.
        INDArray a = j1.reshape('c', new long[] {n1, (long) logits * p});
        INDArray b = j2.reshape('c', new long[] {n2, (long) logits * p});
        return a.mmul(b.transpose()).divi(logits);
    }

    public NtkNetwork twin() {
        return twin;
    }
}
