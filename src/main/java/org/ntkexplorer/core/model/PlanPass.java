package org.ntkexplorer.core.model;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;
import org.ntkexplorer.core.nn.ArrayCache;
import org.ntkexplorer.core.nn.ConvOps;

/**
 * The forward and backward pass of a {@link LayerPlan} written with ND4J ops (oneDNN convolutions where the natives
 * have them) instead of DL4J's layers, whose strided im2col took half of a Myrtle training step. Each layer's
 * multipliers are folded into its weights and bias before use, z = x ⋆ (s_w·W) + s_b·b, which differs from
 * DL4J's s_w·(x ⋆ W) + s_b·b only by float rounding; the DL4J network stays the reference the tests compare with.
 * Working arrays are reused from call to call, so arrays it returns are only valid until the next call.
 *
 * <p>Each layer's own step is {@link PlannedLayer#forward} and {@link PlannedLayer#backward}; this class walks the
 * plan and holds what the steps share (working arrays, the layout, what the forward pass keeps for the backward).
 */
final class PlanPass {
    private final List<PlannedLayer> layers;
    private final int[] inputShape;
    private final boolean convolutional;
    private final ArrayCache cache = new ArrayCache();
    private final List<INDArray> layerInputs = new ArrayList<>();
    private final List<INDArray> preActivations = new ArrayList<>();
    /** Per trainable layer of the last forward pass: s_w·W for conv, W as stored for dense (the GEMMs apply s_w). */
    private final List<INDArray> layerWeights = new ArrayList<>();
    /** Whether this pass keeps images channels-last, which only the native convolutions take. */
    private boolean nhwc;
    private DataType dt;
    private int m;
    /** The parameters of the running forward pass, and the gradients of the running backward pass. */
    private List<INDArray> weights;
    private List<INDArray> biases;
    private List<INDArray> gradW;
    private List<INDArray> gradB;

    PlanPass(LayerPlan plan) {
        this.layers = plan.layers();
        this.inputShape = plan.spec().inputShape();
        this.convolutional = plan.spec().architecture().isConvolutional();
    }

    /**
     * The logits (m × outputs) of the rows of {@code x}, keeping what {@link #backward} needs.
     *
     * @param weights W{k} as the network stores them: (fan_in, fan_out) dense, (out, in, k, k) conv
     * @param biases  b{k}, any shape holding the units' values
     */
    INDArray forward(INDArray x, List<INDArray> weights, List<INDArray> biases) {
        dt = weights.get(0).dataType();
        m = (int) x.rows();
        INDArray a = x.dataType() == dt && !x.isView() && x.ordering() == 'c' ? x : x.castTo(dt).dup('c');
        nhwc = convolutional && ConvOps.nativeConvolutions(dt);
        if (convolutional) {
            a = a.reshape('c', m, inputShape[0], inputShape[1], inputShape[2]);
            if (nhwc) {
                a = inputShape[0] == 1 ? a.reshape('c', m, inputShape[1], inputShape[2], 1)
                        : cache.get("x", dt, m, inputShape[1], inputShape[2], inputShape[0]).assign(a.permute(0, 2, 3, 1));
            }
        }
        layerInputs.clear();
        preActivations.clear();
        layerWeights.clear();
        this.weights = weights;
        this.biases = biases;
        int k = 0;
        for (int li = 0; li < layers.size(); li++) {
            PlannedLayer layer = layers.get(li);
            layerInputs.add(a);
            preActivations.add(null);
            a = layer.forward(this, li, k, a);
            if (layer.trainable()) {
                k++;
            }
        }
        this.weights = null;
        this.biases = null;
        return a;
    }

    /**
     * Gradients of a loss summed over the examples of the last {@link #forward}, from its gradient with respect to
     * the logits, written into {@code gradW} and {@code gradB} (same shapes as the parameters, may be views).
     */
    void backward(INDArray dLogits, List<INDArray> gradW, List<INDArray> gradB) {
        dt = dLogits.dataType();
        m = (int) dLogits.rows();
        this.gradW = gradW;
        this.gradB = gradB;
        INDArray delta = dLogits;
        int k = layerWeights.size();
        for (int li = layers.size() - 1; li >= 0; li--) {
            PlannedLayer layer = layers.get(li);
            if (layer.trainable()) {
                k--;
            }
            delta = layer.backward(this, li, k, delta);
        }
        this.gradW = null;
        this.gradB = null;
    }

    // What a layer's step reads and keeps; only PlannedLayer implementations call these.

    ArrayCache cache() {
        return cache;
    }

    DataType dataType() {
        return dt;
    }

    /** Examples of the current pass. */
    int examples() {
        return m;
    }

    /** Whether images are channels-last in this pass. */
    boolean channelsLast() {
        return nhwc;
    }

    /** W{k} as stored, during {@link #forward}. */
    INDArray weight(int k) {
        return weights.get(k);
    }

    /** b{k} as stored, during {@link #forward}. */
    INDArray bias(int k) {
        return biases.get(k);
    }

    /** The weights layer k used in the forward pass (in order of trainable layers), for its backward step. */
    void keepWeight(INDArray w) {
        layerWeights.add(w);
    }

    INDArray keptWeight(int k) {
        return layerWeights.get(k);
    }

    void keepPreActivation(int li, INDArray z) {
        preActivations.set(li, z);
    }

    /** The input of layer {@code li} in the last forward pass. */
    INDArray input(int li) {
        return layerInputs.get(li);
    }

    /** Where the gradient of W{k} goes, during {@link #backward}. */
    INDArray weightGradient(int k) {
        return gradW.get(k);
    }

    /** Where the gradient of b{k} goes, during {@link #backward}. */
    INDArray biasGradient(int k) {
        return gradB.get(k);
    }

    /**
     * gw = s_w·aᵀg. DL4J keeps dense weights, and so their gradients, in 'f' order: the transpose of such an array is
     * a 'c' one, which the GEMM fills as gᵀa without a transposing copy.
     */
    void denseWeightGradient(INDArray a, INDArray g, double sw, INDArray gw, int k) {
        INDArray transposed = gw.transpose();
        if (transposed.ordering() == 'c' && transposed.elementWiseStride() == 1) {
            Nd4j.gemm(g, a, transposed, true, false, sw, 0.0);
        } else {
            INDArray tmp = cache.get("gw" + k, gw.dataType(), gw.shape());
            Nd4j.gemm(a, g, tmp, true, false, sw, 0.0);
            gw.assign(tmp);
        }
    }

    /** Lets go of the working arrays (after inference on a large set, say). */
    void release() {
        layerInputs.clear();
        preActivations.clear();
        layerWeights.clear();
        cache.clear();
    }

    INDArray activate(Activation act, INDArray z, int li) {
        INDArray out = cache.get("a" + li, z.dataType(), z.shape());
        if (act == Activation.RELU) {
            Nd4j.exec(new RectifiedLinear(z, out, 0.0));
        } else {
            out.assign(ActivationOps.apply(act, z));
        }
        return out;
    }

    /** The shape of a batch of images in this pass's layout. */
    long[] image(long m, long channels, long height, long width) {
        return nhwc ? new long[] {m, height, width, channels} : new long[] {m, channels, height, width};
    }

    /** δ ⊙ φ'(z) for the pre-activation z of layer {@code li}. */
    INDArray derivativeTimes(Activation act, int li, INDArray delta) {
        INDArray z = preActivations.get(li);
        INDArray out = cache.get("g" + li, z.dataType(), z.shape());
        if (act == Activation.RELU) {
            // Two passes: libnd4j's relu_bp took ten times as long as step and multiply together.
            Nd4j.exec(new Step(z, out, 0.0));
            out.muli(delta);
        } else {
            out.assign(ActivationOps.derivative(act, z)).muli(delta);
        }
        return out;
    }
}
