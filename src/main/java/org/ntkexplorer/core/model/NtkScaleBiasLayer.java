package org.ntkexplorer.core.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.factory.Nd4j;

/** Runtime of {@link NtkScaleBias}: forward z = s_w·u + s_b·b, backward ∂L/∂u = s_w·ε, ∂L/∂b = s_b·Σ ε. */
public class NtkScaleBiasLayer extends BaseLayer<NtkScaleBias> {
    private static final long serialVersionUID = 1L;

    public NtkScaleBiasLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        NtkScaleBias c = layerConf();
        INDArray in = input.castTo(dataType);
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, in.shape(), 'c');
        out.assign(in).muli(c.getWeightMultiplier());
        INDArray shift = getParam(NtkScaleBias.BIAS).mul(c.getBiasMultiplier());
        if (c.isConvolutional()) {
            INDArray s = shift.reshape(shift.length());
            Nd4j.getExecutioner().exec(new BroadcastAddOp(out, s, out, 1));
            java.lang.ref.Reference.reachabilityFence(s); // held by the op alone while native code reads it (FeaturePass)
        } else {
            out.addiRowVector(shift);
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        NtkScaleBias c = layerConf();
        INDArray gb = gradientViews.get(NtkScaleBias.BIAS);
        INDArray summed = c.isConvolutional() ? epsilon.sum(0, 2, 3) : epsilon.sum(0);
        gb.assign(summed.reshape(gb.shape()).muli(c.getBiasMultiplier()));
        Gradient g = new DefaultGradient();
        g.gradientForVariable().put(NtkScaleBias.BIAS, gb);
        INDArray epsOut = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, epsilon.dataType(), epsilon.shape(), 'c');
        epsOut.assign(epsilon).muli(c.getWeightMultiplier());
        return new Pair<>(g, epsOut);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public boolean hasBias() {
        return true;
    }
}
