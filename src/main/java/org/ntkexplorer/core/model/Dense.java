package org.ntkexplorer.core.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * z = s_w·a·W + s_b·b with W of shape (fanIn, fanOut); {@code activation} is null for the readout. The one kind with
 * an infinite-width limit, its {@link InfiniteWidthStep} (Σ^{l+1} = σ_w²·T + σ_b², Θ^{l+1} = Σ^{l+1} + σ_w²·Ṫ·Θ^l).
 */
public record Dense(int fanIn, int fanOut, double weightMultiplier, double biasMultiplier, Activation activation)
        implements PlannedLayer {
    @Override
    public boolean trainable() {
        return true;
    }

    @Override
    public double weights() {
        return (double) fanIn * fanOut;
    }

    @Override
    public double biases() {
        return fanOut;
    }

    @Override
    public double activationValues() {
        return (activation == null ? 2.0 : 3.0) * fanOut;
    }

    @Override
    public double macs() {
        return weights();
    }

    @Override
    public double featureColumns(boolean readout, int logits) {
        return fanIn + (readout ? 0 : (double) logits * fanOut);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", "dense");
        e.put("weightShape", new int[] {fanIn, fanOut});
        e.put("biasShape", new int[] {fanOut});
        e.put("weightMultiplier", weightMultiplier);
        e.put("biasMultiplier", biasMultiplier);
        return e;
    }

    @Override
    public int addTo(NeuralNetConfiguration.ListBuilder list, int index, List<String> weightKeys,
                     List<String> biasKeys) {
        int idx = index;
        list.layer(idx, new DenseLayer.Builder().nIn(fanIn).nOut(fanOut).hasBias(false)
                .activation(new ActivationIdentity()).build());
        weightKeys.add(idx + "_W");
        idx++;
        list.layer(idx, new NtkScaleBias(weightMultiplier, biasMultiplier, fanOut, false));
        biasKeys.add(idx + "_" + NtkScaleBias.BIAS);
        idx++;
        if (activation != null) {
            list.layer(idx++, new ActivationLayer.Builder().activation(NtkNetwork.dl4jActivation(activation)).build());
        }
        return idx;
    }

    @Override
    public INDArray forward(PlanPass pass, int li, int k, INDArray a) {
        // The GEMM applies s_w itself, so dense weights are used as stored, without a scaled copy.
        pass.keepWeight(pass.weight(k));
        INDArray z = pass.cache().get("z" + li, pass.dataType(), pass.examples(), fanOut);
        Nd4j.gemm(a, pass.weight(k), z, false, false, weightMultiplier, 0.0);
        z.addiRowVector(pass.bias(k).reshape(1, fanOut).mul(biasMultiplier));
        pass.keepPreActivation(li, z);
        return activation == null ? z : pass.activate(activation, z, li);
    }

    @Override
    public INDArray backward(PlanPass pass, int li, int k, INDArray delta) {
        INDArray g = activation == null ? delta : pass.derivativeTimes(activation, li, delta);
        pass.denseWeightGradient(pass.input(li), g, weightMultiplier, pass.weightGradient(k), k);
        INDArray gb = pass.biasGradient(k);
        gb.assign(g.sum(0).muli(biasMultiplier).reshape(gb.shape()));
        if (li == 0) {
            return delta;
        }
        INDArray below = pass.cache().get("d" + li, pass.dataType(), pass.examples(), fanIn);
        Nd4j.gemm(g, pass.keptWeight(k), below, false, true, weightMultiplier, 0.0);
        return below;
    }

    @Override
    public INDArray featureForward(FeaturePass pass, int li, int k, INDArray a) {
        int m = pass.examples();
        INDArray z = pass.cache().get("z" + li, pass.dataType(), m, fanOut);
        Nd4j.gemm(a, pass.scaledWeight(k), z, false, false, 1.0, 0.0);
        z.addiRowVector(pass.bias(k).mul(biasMultiplier));
        pass.keepPreActivation(li, z);
        return activation == null ? z : pass.cache().get("a" + li, pass.dataType(), m, fanOut)
                .assign(ActivationOps.apply(activation, z));
    }

    @Override
    public INDArray featureBackward(FeaturePass pass, int li, int k, INDArray delta) {
        INDArray[] out = pass.features(k);
        pass.rows(out[0]).assign(pass.input(li));
        if (delta == null) {
            // The readout: each logit's signal with respect to itself is 1, so its feature is its inputs alone, and
            // the signal below is s_w·Wᵀ for every example.
            return k == 0 ? null : Nd4j.tile(pass.scaledWeight(k).transpose(), pass.examples(), 1);
        }
        INDArray g = pass.timesDerivative(delta, activation, pass.preActivation(li));
        pass.rows(out[1]).assign(g.reshape('c', pass.examples(), (long) pass.logits() * fanOut));
        return k == 0 ? null : g.mmul(pass.scaledWeight(k).transpose());
    }

    @Override
    public long[] featureMatrixColumns(boolean readout, int logits) {
        return readout ? new long[] {fanIn} : new long[] {fanIn, (long) logits * fanOut};
    }

    @Override
    public void addFeatures(INDArray[] matrices, int logits, FeatureSink sink) {
        sink.factored(matrices[0], matrices.length > 1 ? matrices[1] : null, weightMultiplier * weightMultiplier,
                biasMultiplier * biasMultiplier);
    }

    @Override
    public double featureFlops(int logits) {
        return 2.0 * fanIn * fanOut * (1 + logits);
    }

    @Override
    public String infiniteWidthRefusal() {
        return null;
    }

    /** σ_w² and σ_b² of the spec's law at this layer's fan-in, whatever the parameterisation's multipliers. */
    @Override
    public InfiniteWidthStep infiniteWidthStep(NetworkSpec spec) {
        double sigmaW = spec.sigmaW();
        double biasStd = spec.biasStd(fanIn);
        return new InfiniteWidthStep(sigmaW * sigmaW, biasStd * biasStd, activation);
    }
}
