package org.ntkexplorer.core.model;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.factory.Nd4j;
import org.ntkexplorer.core.nn.ArrayCache;
import org.ntkexplorer.core.nn.ConvOps;

/**
 * 3×3 (kernel×kernel) convolution, stride 1, zero padding {@code padding}, on C×H×W inputs; W stored as
 * (outChannels, inChannels, kernel, kernel). Its eNTK feature is per-example weight and bias gradients.
 */
public record Conv(int inChannels, int outChannels, int kernel, int padding, int height, int width,
                   double weightMultiplier, double biasMultiplier, Activation activation) implements PlannedLayer {
    @Override
    public boolean trainable() {
        return true;
    }

    @Override
    public int fanIn() {
        return inChannels * kernel * kernel;
    }

    @Override
    public double weights() {
        return (double) fanIn() * outChannels;
    }

    @Override
    public double biases() {
        return outChannels;
    }

    @Override
    public double activationValues() {
        return 3.0 * outChannels * height * width;
    }

    @Override
    public double im2colValues() {
        return (double) fanIn() * height * width;
    }

    @Override
    public double macs() {
        return (double) height * width * fanIn() * outChannels;
    }

    @Override
    public double featureColumns(boolean readout, int logits) {
        return (double) logits * outChannels * (fanIn() + 1);
    }

    @Override
    public double backwardSignalValues(boolean nativeConvolutions) {
        int channels = nativeConvolutions ? Math.max(inChannels, outChannels) : Math.max(fanIn(), outChannels);
        return (double) height * width * channels;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", "conv2d");
        e.put("weightShape", new int[] {outChannels, inChannels, kernel, kernel});
        e.put("biasShape", new int[] {outChannels});
        e.put("stride", new int[] {1, 1});
        e.put("padding", new int[] {padding, padding});
        e.put("inputShape", new int[] {inChannels, height, width});
        e.put("weightMultiplier", weightMultiplier);
        e.put("biasMultiplier", biasMultiplier);
        return e;
    }

    @Override
    public int addTo(NeuralNetConfiguration.ListBuilder list, int index, List<String> weightKeys,
                     List<String> biasKeys) {
        int idx = index;
        list.layer(idx, new ConvolutionLayer.Builder(kernel, kernel).stride(1, 1)
                .padding(padding, padding).convolutionMode(ConvolutionMode.Truncate)
                .nIn(inChannels).nOut(outChannels).hasBias(false)
                .activation(new ActivationIdentity()).build());
        weightKeys.add(idx + "_W");
        idx++;
        list.layer(idx, new NtkScaleBias(weightMultiplier, biasMultiplier, outChannels, true));
        biasKeys.add(idx + "_" + NtkScaleBias.BIAS);
        idx++;
        list.layer(idx++, new ActivationLayer.Builder().activation(NtkNetwork.dl4jActivation(activation)).build());
        return idx;
    }

    @Override
    public INDArray forward(PlanPass pass, int li, int k, INDArray a) {
        DataType dt = pass.dataType();
        ArrayCache cache = pass.cache();
        INDArray w = cache.get("w" + k, dt, outChannels, inChannels, kernel, kernel)
                .assign(pass.weight(k)).muli(weightMultiplier);
        pass.keepWeight(w);
        INDArray b = cache.get("b" + k, dt, outChannels).assign(pass.bias(k).reshape(outChannels))
                .muli(biasMultiplier);
        INDArray z = cache.get("z" + li, dt, pass.image(pass.examples(), outChannels, height, width));
        ConvOps.forward(a, w, b, padding, pass.channelsLast(), z, cache);
        pass.keepPreActivation(li, z);
        return pass.activate(activation, z, li);
    }

    @Override
    public INDArray backward(PlanPass pass, int li, int k, INDArray delta) {
        DataType dt = pass.dataType();
        ArrayCache cache = pass.cache();
        INDArray in = pass.input(li);
        INDArray g = pass.derivativeTimes(activation, li, delta);
        INDArray below = li > 0 ? cache.get("d" + li, dt, in.shape()) : null;
        INDArray gb = cache.get("gb" + k, dt, outChannels);
        INDArray gw = pass.weightGradient(k);
        ConvOps.backward(in, pass.keptWeight(k), g, padding, pass.channelsLast(), below, gw, gb, cache);
        gw.muli(weightMultiplier);
        INDArray gradB = pass.biasGradient(k);
        gradB.assign(gb.muli(biasMultiplier).reshape(gradB.shape()));
        return below;
    }

    @Override
    public INDArray featureForward(FeaturePass pass, int li, int k, INDArray a) {
        DataType dt = pass.dataType();
        ArrayCache cache = pass.cache();
        int m = pass.examples();
        INDArray cols = ConvOps.im2col(a, kernel, padding,
                cache.get("cols" + li, dt, m, inChannels, kernel, kernel, height, width));
        // The backward step forms per-example gradients from the columns, not from the input.
        pass.keepInput(li, cols);
        INDArray z = cache.get("z" + li, dt, m, outChannels, height, width);
        if (ConvOps.nativeConvolutions(dt)) {
            INDArray b = cache.get("b" + k, dt, outChannels).assign(pass.bias(k).reshape(outChannels))
                    .muli(biasMultiplier);
            ConvOps.forward(a, pass.scaledWeight(k), b, padding, false, z, cache);
        } else {
            convFromColumns(pass, cols, k, z);
        }
        pass.keepPreActivation(li, z);
        return cache.get("a" + li, dt, z.shape()).assign(ActivationOps.apply(activation, z));
    }

    /** z (m, cout, H, W) = s_w·W ⋆ a + s_b·b from the im2col columns of a, one GEMM per example. */
    private void convFromColumns(FeaturePass pass, INDArray cols, int k, INDArray z) {
        long m = cols.size(0);
        long positions = (long) height * width;
        INDArray w = pass.cache().get("w" + k, pass.dataType(), m, outChannels, fanIn());
        w.assign(pass.scaledWeight(k).reshape('c', 1, outChannels, fanIn()).broadcast(m, outChannels, fanIn()));
        INDArray z3 = z.reshape('c', m, outChannels, positions);
        Nd4j.matmul(w, cols.reshape('c', m, fanIn(), positions), z3, false, false, false);
        INDArray bias = pass.bias(k).reshape('c', new long[] {outChannels}).mul(biasMultiplier);
        Nd4j.getExecutioner().exec(new BroadcastAddOp(z3, bias, z3, 1));
        java.lang.ref.Reference.reachabilityFence(bias); // held by the op alone while native code reads it (FeaturePass)
    }

    @Override
    public INDArray featureBackward(FeaturePass pass, int li, int k, INDArray delta) {
        INDArray g = pass.timesDerivative(delta, activation, pass.preActivation(li));
        perExampleGradients(pass, pass.input(li), g, pass.features(k));
        if (k == 0) {
            return null;
        }
        INDArray below = pass.signalBelow(li, (long) pass.examples() * pass.logits(), inChannels, height, width);
        ConvOps.inputGradient(g, pass.scaledWeight(k), padding, below, pass.cache());
        return below;
    }

    /**
     * Per example, the gradient of every logit w.r.t. W and b, into this chunk's rows of {@code out}: s_w·Gᵢ·colsᵢᵀ
     * (C·cout × fanIn) in out[0], s_b·Σ_positions Gᵢ (C·cout) in out[1].
     */
    private void perExampleGradients(FeaturePass pass, INDArray cols, INDArray g, INDArray[] out) {
        int m = pass.examples();
        int positions = height * width;
        long cc = (long) pass.logits() * outChannels;
        // Rows of g are example-major, logit-minor, so (m·C, cout, H, W) is (m, C·cout, H·W) without copying.
        INDArray g3 = g.reshape('c', m, cc, positions);
        INDArray c3 = cols.reshape('c', m, fanIn(), positions);
        // One 2-D GEMM per example into its feature row: measured 1.2-5x the rate of one batched matmul.
        for (int i = 0; i < m; i++) {
            INDArray row = out[0].get(point(pass.firstRow() + i), all()).reshape('c', cc, fanIn());
            Nd4j.gemm(g3.get(point(i), all(), all()), c3.get(point(i), all(), all()), row, false, true,
                    weightMultiplier, 0.0);
        }
        pass.rows(out[1]).assign(g3.sum(2).muli(biasMultiplier));
    }

    @Override
    public long[] featureMatrixColumns(boolean readout, int logits) {
        return new long[] {(long) logits * outChannels * fanIn(), (long) logits * outChannels};
    }

    @Override
    public void addFeatures(INDArray[] matrices, int logits, FeatureSink sink) {
        sink.gradients(matrices[0]);
        sink.gradients(matrices[1]);
    }

    @Override
    public double featureFlops(int logits) {
        double positions = (double) height * width;
        // forward GEMM, backward-to-input GEMM and the per-example weight-gradient GEMM
        return 2.0 * positions * fanIn() * outChannels * (1 + 2.0 * logits);
    }
}
