package org.ntkexplorer.core.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntkexplorer.core.model.LayerPlan;
import org.ntkexplorer.core.model.NtkNetwork;

/**
 * A frozen copy of a network's parameters in the precision of a kernel computation, so that the kernel of one
 * moment of training is computed in float64 even when the network trains in float32, and training may go on.
 */
public final class NetworkSnapshot {
    private final LayerPlan plan;
    private final DataType dataType;
    private final List<INDArray> weights;
    private final List<INDArray> biases;

    private NetworkSnapshot(LayerPlan plan, DataType dataType, List<INDArray> weights, List<INDArray> biases) {
        this.plan = plan;
        this.dataType = dataType;
        this.weights = Collections.unmodifiableList(weights);
        this.biases = Collections.unmodifiableList(biases);
    }

    public static NetworkSnapshot of(NtkNetwork net, Precision precision) {
        List<INDArray> w = new ArrayList<>();
        List<INDArray> b = new ArrayList<>();
        DataType dt = precision.dataType();
        for (int k = 0; k < net.trainableLayerCount(); k++) {
            w.add(net.weight(k).castTo(dt).dup('c'));
            b.add(net.bias(k).castTo(dt).reshape(1, net.bias(k).length()).dup('c'));
        }
        return new NetworkSnapshot(net.plan(), dt, w, b);
    }

    public LayerPlan plan() {
        return plan;
    }

    public DataType dataType() {
        return dataType;
    }

    /** W of the k-th trainable layer: (fan_in, fan_out) dense, (out, in, kh, kw) conv. */
    public INDArray weight(int k) {
        return weights.get(k);
    }

    /** b of the k-th trainable layer as a (1, units) row. */
    public INDArray bias(int k) {
        return biases.get(k);
    }
}
