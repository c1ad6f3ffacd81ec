package org.ntkexplorer.core.model;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastCopyOp;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;
import org.ntkexplorer.core.nn.ArrayCache;
import org.ntkexplorer.core.nn.ConvOps;
import org.ntkexplorer.core.nn.Pooling;

/**
 * The forward and backward pass of a {@link LayerPlan} written with ND4J ops (oneDNN convolutions where the natives
 * have them) instead of DL4J's layers, whose strided im2col took half of a Myrtle training step. Each layer's
 * multipliers are folded into its weights and bias before use, z = x ⋆ (s_w·W) + s_b·b, which differs from
 * DL4J's s_w·(x ⋆ W) + s_b·b only by float rounding; the DL4J network stays the reference the tests compare with.
 * Working arrays are reused from call to call, so arrays it returns are only valid until the next call.
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
        DataType dt = weights.get(0).dataType();
        int m = (int) x.rows();
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
        int k = 0;
        for (int li = 0; li < layers.size(); li++) {
            PlannedLayer layer = layers.get(li);
            layerInputs.add(a);
            INDArray z = null;
            if (layer instanceof PlannedLayer.Dense d) {
                // The GEMM applies s_w itself, so dense weights are used as stored, without a scaled copy.
                layerWeights.add(weights.get(k));
                z = cache.get("z" + li, dt, m, d.fanOut());
                Nd4j.gemm(a, weights.get(k), z, false, false, d.weightMultiplier(), 0.0);
                z.addiRowVector(biases.get(k).reshape(1, d.fanOut()).mul(d.biasMultiplier()));
                a = d.activation() == null ? z : activate(d.activation(), z, li);
                k++;
            } else if (layer instanceof PlannedLayer.Conv c) {
                INDArray w = cache.get("w" + k, dt, c.outChannels(), c.inChannels(), c.kernel(), c.kernel())
                        .assign(weights.get(k)).muli(c.weightMultiplier());
                layerWeights.add(w);
                INDArray b = cache.get("b" + k, dt, c.outChannels()).assign(biases.get(k).reshape(c.outChannels()))
                        .muli(c.biasMultiplier());
                z = cache.get("z" + li, dt, image(m, c.outChannels(), c.height(), c.width()));
                ConvOps.forward(a, w, b, c.padding(), nhwc, z, cache);
                a = activate(c.activation(), z, li);
                k++;
            } else if (layer instanceof PlannedLayer.AvgPool p) {
                INDArray out = cache.get("a" + li, dt, image(m, p.channels(), p.outHeight(), p.outWidth()));
                Pooling.average(a, p.size(), nhwc, out);
                a = out;
            } else if (layer instanceof PlannedLayer.GlobalAvgPool) {
                a = nhwc ? a.mean(1, 2) : a.mean(2, 3);
            }
            preActivations.add(z);
        }
        return a;
    }

    /**
     * Gradients of a loss summed over the examples of the last {@link #forward}, from its gradient with respect to
     * the logits, written into {@code gradW} and {@code gradB} (same shapes as the parameters, may be views).
     */
    void backward(INDArray dLogits, List<INDArray> gradW, List<INDArray> gradB) {
        DataType dt = dLogits.dataType();
        INDArray delta = dLogits;
        int m = (int) dLogits.rows();
        int k = layerWeights.size();
        for (int li = layers.size() - 1; li >= 0; li--) {
            PlannedLayer layer = layers.get(li);
            INDArray in = layerInputs.get(li);
            if (layer instanceof PlannedLayer.Dense d) {
                k--;
                INDArray g = d.activation() == null ? delta : derivativeTimes(d.activation(), li, delta);
                denseWeightGradient(in, g, d.weightMultiplier(), gradW.get(k), k);
                gradB.get(k).assign(g.sum(0).muli(d.biasMultiplier()).reshape(gradB.get(k).shape()));
                if (li > 0) {
                    INDArray below = cache.get("d" + li, dt, m, d.fanIn());
                    Nd4j.gemm(g, layerWeights.get(k), below, false, true, d.weightMultiplier(), 0.0);
                    delta = below;
                }
            } else if (layer instanceof PlannedLayer.Conv c) {
                k--;
                INDArray g = derivativeTimes(c.activation(), li, delta);
                INDArray below = li > 0 ? cache.get("d" + li, dt, in.shape()) : null;
                INDArray gb = cache.get("gb" + k, dt, c.outChannels());
                INDArray gw = gradW.get(k);
                ConvOps.backward(in, layerWeights.get(k), g, c.padding(), nhwc, below, gw, gb, cache);
                gw.muli(c.weightMultiplier());
                gradB.get(k).assign(gb.muli(c.biasMultiplier()).reshape(gradB.get(k).shape()));
                delta = below;
            } else if (layer instanceof PlannedLayer.AvgPool p) {
                INDArray below = cache.get("d" + li, dt, in.shape());
                Pooling.averageBackward(in, delta, p.size(), nhwc, below);
                delta = below;
            } else if (layer instanceof PlannedLayer.GlobalAvgPool gp) {
                INDArray below = cache.get("d" + li, dt, in.shape());
                INDArray share = delta.div((double) gp.height() * gp.width());
                Nd4j.getExecutioner().exec(new BroadcastCopyOp(below, share, below, 0, nhwc ? 3 : 1));
                delta = below;
            }
        }
    }

    /**
     * gw = s_w·aᵀg. DL4J keeps dense weights, and so their gradients, in 'f' order: the transpose of such an array is
     * a 'c' one, which the GEMM fills as gᵀa without a transposing copy.
     */
    private void denseWeightGradient(INDArray a, INDArray g, double sw, INDArray gw, int k) {
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

    private INDArray activate(Activation act, INDArray z, int li) {
        INDArray out = cache.get("a" + li, z.dataType(), z.shape());
        if (act == Activation.RELU) {
            Nd4j.exec(new RectifiedLinear(z, out, 0.0));
        } else {
            out.assign(ActivationOps.apply(act, z));
        }
        return out;
    }

    /** The shape of a batch of images in this pass's layout. */
    private long[] image(long m, long channels, long height, long width) {
        return nhwc ? new long[] {m, height, width, channels} : new long[] {m, channels, height, width};
    }

    /** δ ⊙ φ'(z) for the pre-activation z of layer {@code li}. */
    private INDArray derivativeTimes(Activation act, int li, INDArray delta) {
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
