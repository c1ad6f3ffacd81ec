package org.ntkexplorer.core.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastCopyOp;
import org.nd4j.linalg.factory.Nd4j;

/** Mean over all positions of each channel: C×H×W → C. */
public record GlobalAvgPool(int channels, int height, int width) implements PlannedLayer {
    @Override
    public double activationValues() {
        return channels;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", "global_avg_pool");
        e.put("inputShape", new int[] {channels, height, width});
        return e;
    }

    @Override
    public int addTo(NeuralNetConfiguration.ListBuilder list, int index, List<String> weightKeys,
                     List<String> biasKeys) {
        list.layer(index, new GlobalPoolingLayer.Builder(PoolingType.AVG).build());
        return index + 1;
    }

    @Override
    public INDArray forward(PlanPass pass, int li, int k, INDArray a) {
        return pass.channelsLast() ? a.mean(1, 2) : a.mean(2, 3);
    }

    @Override
    public INDArray backward(PlanPass pass, int li, int k, INDArray delta) {
        INDArray below = pass.cache().get("d" + li, pass.dataType(), pass.input(li).shape());
        INDArray share = delta.div((double) height * width);
        Nd4j.getExecutioner().exec(new BroadcastCopyOp(below, share, below, 0, pass.channelsLast() ? 3 : 1));
        java.lang.ref.Reference.reachabilityFence(share); // held by the op alone while native code reads it (FeaturePass)
        return below;
    }

    @Override
    public INDArray featureForward(FeaturePass pass, int li, int k, INDArray a) {
        return a.mean(2, 3);
    }

    @Override
    public INDArray featureBackward(FeaturePass pass, int li, int k, INDArray delta) {
        INDArray below = pass.signalBelow(li, delta.rows(), channels, height, width);
        INDArray share = delta.div((double) height * width);
        Nd4j.getExecutioner().exec(new BroadcastCopyOp(below, share, below, 0, 1));
        java.lang.ref.Reference.reachabilityFence(share); // held by the op alone while native code reads it (FeaturePass)
        return below;
    }
}
