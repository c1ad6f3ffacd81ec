package org.ntkexplorer.core.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntkexplorer.core.nn.Pooling;

/** Non-overlapping size×size average pooling; trailing rows/columns that do not fill a window are dropped. */
public record AvgPool(int size, int channels, int height, int width) implements PlannedLayer {
    public int outHeight() {
        return height / size;
    }

    public int outWidth() {
        return width / size;
    }

    @Override
    public double activationValues() {
        return (double) channels * outHeight() * outWidth();
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", "avg_pool");
        e.put("window", new int[] {size, size});
        e.put("stride", new int[] {size, size});
        e.put("padding", new int[] {0, 0});
        e.put("inputShape", new int[] {channels, height, width});
        return e;
    }

    @Override
    public int addTo(NeuralNetConfiguration.ListBuilder list, int index, List<String> weightKeys,
                     List<String> biasKeys) {
        list.layer(index, new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(size, size)
                .stride(size, size).convolutionMode(ConvolutionMode.Truncate).build());
        return index + 1;
    }

    @Override
    public INDArray forward(PlanPass pass, int li, int k, INDArray a) {
        INDArray out = pass.cache().get("a" + li, pass.dataType(),
                pass.image(pass.examples(), channels, outHeight(), outWidth()));
        Pooling.average(a, size, pass.channelsLast(), out);
        return out;
    }

    @Override
    public INDArray backward(PlanPass pass, int li, int k, INDArray delta) {
        INDArray in = pass.input(li);
        INDArray below = pass.cache().get("d" + li, pass.dataType(), in.shape());
        Pooling.averageBackward(in, delta, size, pass.channelsLast(), below);
        return below;
    }

    @Override
    public INDArray featureForward(FeaturePass pass, int li, int k, INDArray a) {
        INDArray pooled = pass.cache().get("a" + li, pass.dataType(), pass.examples(), channels, outHeight(),
                outWidth());
        Pooling.average(a, size, false, pooled);
        return pooled;
    }

    @Override
    public INDArray featureBackward(FeaturePass pass, int li, int k, INDArray delta) {
        INDArray below = pass.signalBelow(li, (long) pass.examples() * pass.logits(), channels, height, width);
        // Average pooling's gradient reads only the shape of its input argument, so the output stands in.
        Pooling.averageBackward(below, delta, size, false, below);
        return below;
    }
}
