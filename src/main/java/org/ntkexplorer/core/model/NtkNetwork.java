package org.ntkexplorer.core.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * A network of a {@link NetworkSpec} as a DL4J {@link MultiLayerNetwork}, with access to its parameters in
 * the product's own naming (W{k}, b{k} for the k-th trainable layer, W of shape (fan_in, fan_out) for dense
 * and (out, in, kh, kw) for conv layers).
 *
 * <p>Each trainable layer is built as a bias-free DL4J dense/conv layer followed by {@link NtkScaleBias}, so the
 * parameterisation's multipliers are part of the function. Not thread-safe: it belongs to one compute thread.
 */
public final class NtkNetwork {
    private final NetworkSpec spec;
    private final LayerPlan plan;
    private final MultiLayerNetwork net;
    private final LossKind loss;
    private final OutputTransform transform;
    private final List<String> weightKeys = new ArrayList<>();
    private final List<String> biasKeys = new ArrayList<>();
    private final int logitsLayerIndex;
    /** Rows per chunk of {@link #logits}: bounds the working arrays of a CNN forward pass to ~200 MB at width 32. */
    private static final int PREDICTION_CHUNK = 256;
    private TrainingStep step;

    private NtkNetwork(NetworkSpec spec, LayerPlan plan, MultiLayerNetwork net, LossKind loss, OutputTransform transform,
                       List<String> weightKeys, List<String> biasKeys, int logitsLayerIndex) {
        this.spec = spec;
        this.plan = plan;
        this.net = net;
        this.loss = loss;
        this.transform = transform;
        this.weightKeys.addAll(weightKeys);
        this.biasKeys.addAll(biasKeys);
        this.logitsLayerIndex = logitsLayerIndex;
    }

    /** A network at initialisation, weights drawn from {@code seed}, ready to train with {@code training}. */
    public static NtkNetwork create(NetworkSpec spec, long seed, DataType dataType, TrainingConfig training) {
        return create(spec, seed, dataType, training, OutputTransform.NONE);
    }

    /**
     * As {@link #create(NetworkSpec, long, DataType, TrainingConfig)}, trained through {@code transform}: when it is
     * centred, the training targets must carry f₀ beside y (see {@link CenteredLoss}).
     */
    public static NtkNetwork create(NetworkSpec spec, long seed, DataType dataType, TrainingConfig training,
                                    OutputTransform transform) {
        LayerPlan plan = LayerPlan.of(spec);
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(dataType)
                .weightInit(WeightInit.NORMAL)
                .updater(updater(training))
                .weightDecay(training.weightDecay())
                .weightDecayBias(training.weightDecay())
                .list();
        List<String> wKeys = new ArrayList<>();
        List<String> bKeys = new ArrayList<>();
        int idx = 0;
        for (PlannedLayer layer : plan.layers()) {
            idx = layer.addTo(list, idx, wKeys, bKeys);
        }
        int logitsIndex = idx - 1;
        list.layer(idx, loss(training.loss(), transform, spec.outputs()));
        int[] shape = spec.inputShape();
        list.setInputType(spec.architecture().isConvolutional()
                ? InputType.convolutionalFlat(shape[1], shape[2], shape[0])
                : InputType.feedForward(spec.inputDim()));
        MultiLayerConfiguration conf = list.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        NtkNetwork n = new NtkNetwork(spec, plan, net, training.loss(), transform, wKeys, bKeys, logitsIndex);
        n.initialise(seed);
        return n;
    }

    /**
     * Draws W and b from the spec's law (docs/science.md, §Initialisation): under NTK parameterisation the stored
     * values have unit variance and the multipliers carry the scale. From our own RNG, so values are
     * backend-independent; He-normal draws exactly the values it drew before init was a choice.
     */
    private void initialise(long seed) {
        Random rng = new Random(seed);
        boolean ntk = spec.parameterization() == Parameterization.NTK;
        Init law = spec.init();
        List<PlannedLayer> trainable = plan.trainableLayers();
        for (int k = 0; k < trainable.size(); k++) {
            PlannedLayer layer = trainable.get(k);
            int fanIn = layer.fanIn();
            fill(weight(k), rng, law, ntk ? 1 : law.weightStd(spec.sigmaW(), fanIn));
            fill(bias(k), rng, law, ntk ? 1 : spec.biasStd(fanIn));
        }
    }

    private static void fill(INDArray target, Random rng, Init law, double std) {
        double[] v = new double[(int) target.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = std * law.unitDraw(rng);
        }
        target.assign(Nd4j.create(v, target.shape(), 'c').castTo(target.dataType()));
    }

    private static IUpdater updater(TrainingConfig t) {
        switch (t.optimizer()) {
            case SGD:
                return new Sgd(t.learningRate());
            case MOMENTUM:
                return new Nesterovs(t.learningRate(), t.momentum());
            case ADAM:
                return new Adam(t.learningRate(), t.momentum() > 0 ? t.momentum() : Adam.DEFAULT_ADAM_BETA1_MEAN_DECAY,
                        Adam.DEFAULT_ADAM_BETA2_VAR_DECAY, Adam.DEFAULT_ADAM_EPSILON);
            default:
                throw new IllegalArgumentException(t.optimizer().toString());
        }
    }

    /** The loss layer; its size is set so that DL4J does not warn about a layer of size zero. */
    private static LossLayer loss(LossKind kind, OutputTransform transform, int outputs) {
        LossLayer.Builder b;
        if (transform.centered()) {
            b = new LossLayer.Builder(new CenteredLoss(kind, transform.scale())).activation(new ActivationIdentity());
        } else if (kind == LossKind.MSE) {
            b = new LossLayer.Builder(new LossMSE()).activation(new ActivationIdentity());
        } else {
            b = new LossLayer.Builder(new LossMCXENT()).activation(new ActivationSoftmax());
        }
        // The builder refuses sizes for a layer without parameters; the built configuration takes them.
        LossLayer layer = b.build();
        layer.setNIn(outputs);
        layer.setNOut(outputs);
        return layer;
    }

    static IActivation dl4jActivation(Activation a) {
        switch (a) {
            case RELU:
                return new ActivationReLU();
            case TANH:
                return new ActivationTanH();
            default:
                return new NtkActivation(a);
        }
    }

    public NetworkSpec spec() {
        return spec;
    }

    public LayerPlan plan() {
        return plan;
    }

    public LossKind loss() {
        return loss;
    }

    public OutputTransform transform() {
        return transform;
    }

    public MultiLayerNetwork dl4j() {
        return net;
    }

    public int trainableLayerCount() {
        return weightKeys.size();
    }

    /** Live view of W{k}: (fan_in, fan_out) for dense, (out, in, kh, kw) for conv. */
    public INDArray weight(int k) {
        return net.getParam(weightKeys.get(k));
    }

    /** Live view of b{k}, shape (1, units). */
    public INDArray bias(int k) {
        return net.getParam(biasKeys.get(k));
    }

    public String weightKey(int k) {
        return weightKeys.get(k);
    }

    public String biasKey(int k) {
        return biasKeys.get(k);
    }

    /** Copies of every parameter, as params.npz names them: W0, b0, W1, b1, … (b as a vector). */
    public Map<String, INDArray> parameters() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (int k = 0; k < weightKeys.size(); k++) {
            out.put("W" + k, weight(k).dup('c'));
            out.put("b" + k, bias(k).dup('c').reshape('c', new long[] {bias(k).length()}));
        }
        return out;
    }

    /** Replaces every parameter; shapes must match {@link #parameters()}. */
    public void setParameters(Map<String, INDArray> params) {
        for (int k = 0; k < weightKeys.size(); k++) {
            INDArray w = params.get("W" + k);
            INDArray b = params.get("b" + k);
            if (w == null || b == null) {
                throw new IllegalArgumentException("parameters lack W" + k + " or b" + k);
            }
            weight(k).assign(w.reshape(weight(k).shape()).castTo(weight(k).dataType()));
            bias(k).assign(b.reshape(bias(k).shape()).castTo(bias(k).dataType()));
        }
    }

    /** A copy of what training has changed, for a checkpoint. */
    public NetworkState state() {
        INDArray updater = net.getUpdater() == null ? null : net.getUpdater().getStateViewArray();
        return new NetworkState(net.params().dup(), updater == null ? null : updater.dup(), net.getIterationCount(),
                net.getEpochCount());
    }

    /** Puts a network back in a saved state; its shapes must be this network's. */
    public void restore(NetworkState s) {
        if (s.parameters().length() != net.numParams()) {
            throw new IllegalArgumentException("the saved state has " + s.parameters().length()
                    + " parameters, the network " + net.numParams());
        }
        net.params().assign(s.parameters().reshape(net.params().shape()).castTo(net.params().dataType()));
        INDArray updater = net.getUpdater().getStateViewArray();
        if (updater != null && s.updaterState() != null) {
            if (updater.length() != s.updaterState().length()) {
                throw new IllegalArgumentException("the saved optimiser state does not fit this network's optimiser");
            }
            updater.assign(s.updaterState().reshape(updater.shape()).castTo(updater.dataType()));
        }
        net.setIterationCount(s.iterationCount());
        net.setEpochCount(s.epochCount());
    }

    /**
     * f(x): the C logits (before any softmax), rows of {@code x} flattened per example in C×H×W order. Computed by
     * the same pass as {@link #fitBatch}, in chunks of rows; equal to DL4J's forward pass up to float rounding.
     */
    public INDArray logits(INDArray x) {
        TrainingStep s = step();
        INDArray f = s.logits(x, PREDICTION_CHUNK);
        s.release();
        return f;
    }

    /** f(x) from DL4J's own layers: the reference for {@link #logits}, and what the Jacobian oracle differentiates. */
    public INDArray dl4jLogits(INDArray x) {
        List<INDArray> acts = net.feedForwardToLayer(logitsLayerIndex, x.castTo(net.getLayerWiseConfigurations()
                .getDataType()), false);
        return acts.get(acts.size() - 1).dup();
    }

    /**
     * One optimiser step on the minibatch ({@code x}, {@code y}) at {@code learningRate}: the gradient from a direct
     * forward and backward pass (oneDNN convolutions where available), the update from DL4J's updater. Equal to
     * {@code dl4j().fit} on the same batch up to float rounding, and much faster for CNNs.
     *
     * @return the minibatch loss before the step, as DL4J's {@code score()} reports it (weight decay included)
     */
    public double fitBatch(INDArray x, INDArray y, double learningRate) {
        return step().fit(x, y, learningRate);
    }

    private TrainingStep step() {
        if (step == null) {
            step = new TrainingStep(this);
        }
        return step;
    }

    public long parameterCount() {
        return plan.parameterCount();
    }
}
