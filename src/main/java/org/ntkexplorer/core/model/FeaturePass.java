package org.ntkexplorer.core.model;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.ntkexplorer.core.nn.ArrayCache;

/**
 * The eNTK's pass over one chunk of examples: a forward pass, then one backward pass carrying all C logits at once
 * (rows ordered example-major, logit-minor), each trainable layer writing its feature matrices into the chunk's rows.
 * Each layer's own step is {@link PlannedLayer#featureForward} and {@link PlannedLayer#featureBackward}; this class
 * walks the plan and holds what the steps share. It lives beside the layers, not with the kernels, because the layers
 * call it and the kernel package sits above the model.
 */
public final class FeaturePass {
    private final DataType dt;
    private final int logits;
    private final List<INDArray> scaledWeights;
    private final IntFunction<INDArray> biases;
    private final List<INDArray[]> matrices;
    private final ArrayCache cache;
    private final List<INDArray> layerInputs = new ArrayList<>();
    private final List<INDArray> preActivations = new ArrayList<>();
    private int m;
    private int r0;
    private int last;

    /**
     * @param scaledWeights s_w·W{k} of each trainable layer
     * @param biases        b{k} as stored
     * @param matrices      per trainable layer, its feature matrices over all examples (columns as
     *                      {@link PlannedLayer#featureMatrixColumns})
     * @param cache         the working arrays of the thread that runs this pass
     */
    public FeaturePass(DataType dt, int logits, List<INDArray> scaledWeights, IntFunction<INDArray> biases,
                       List<INDArray[]> matrices, ArrayCache cache) {
        this.dt = dt;
        this.logits = logits;
        this.scaledWeights = scaledWeights;
        this.biases = biases;
        this.matrices = matrices;
        this.cache = cache;
    }

    /**
     * Writes the features of the examples in {@code a} (cast to the pass's type, in the plan's input shape) into rows
     * {@code firstRow}… of the feature matrices.
     */
    public void run(List<PlannedLayer> layers, INDArray a, int firstRow) {
        m = (int) a.size(0);
        r0 = firstRow;
        last = layers.size() - 1;
        layerInputs.clear();
        preActivations.clear();
        int k = 0;
        for (int li = 0; li < layers.size(); li++) {
            PlannedLayer layer = layers.get(li);
            layerInputs.add(a);
            preActivations.add(null);
            a = layer.featureForward(this, li, k, a);
            if (layer.trainable()) {
                k++;
            }
        }
        // From the readout down; null stands for the logits' signal with respect to themselves.
        INDArray delta = null;
        for (int li = last; li >= 0; li--) {
            PlannedLayer layer = layers.get(li);
            if (layer.trainable()) {
                k--;
            }
            delta = layer.featureBackward(this, li, k, delta);
        }
        layerInputs.clear();
        preActivations.clear();
    }

    // What a layer's step reads and keeps.

    public ArrayCache cache() {
        return cache;
    }

    public DataType dataType() {
        return dt;
    }

    public int logits() {
        return logits;
    }

    /** Examples of this chunk. */
    public int examples() {
        return m;
    }

    /** s_w·W{k}. */
    public INDArray scaledWeight(int k) {
        return scaledWeights.get(k);
    }

    /** b{k} as stored. */
    public INDArray bias(int k) {
        return biases.apply(k);
    }

    /** The input of layer {@code li}; a layer may replace it with what its backward step needs instead. */
    public INDArray input(int li) {
        return layerInputs.get(li);
    }

    public void keepInput(int li, INDArray input) {
        layerInputs.set(li, input);
    }

    public INDArray preActivation(int li) {
        return preActivations.get(li);
    }

    public void keepPreActivation(int li, INDArray z) {
        preActivations.set(li, z);
    }

    /** The feature matrices of trainable layer k. */
    public INDArray[] features(int k) {
        return matrices.get(k);
    }

    /** The row of the feature matrices that holds this chunk's first example. */
    public int firstRow() {
        return r0;
    }

    /** This chunk's rows of a feature matrix. */
    public INDArray rows(INDArray featureMatrix) {
        return featureMatrix.get(interval(r0, r0 + m), all());
    }

    /**
     * A buffer for the signal below layer {@code li}: it is written while the one above is read, so neighbouring
     * layers take two buffers alternately.
     */
    public INDArray signalBelow(int li, long... shape) {
        return cache.get("delta" + ((last - 1 - li) & 1), dt, shape);
    }

    /** G = δ ⊙ φ'(z), with δ holding C rows per example and z one row per example; δ is overwritten. */
    public INDArray timesDerivative(INDArray delta, Activation act, INDArray z) {
        INDArray dphi = ActivationOps.derivative(act, z).reshape('c', new long[] {m, z.length() / m});
        long[] shape = delta.shape();
        INDArray d3 = delta.reshape('c', new long[] {m, logits, delta.length() / ((long) m * logits)});
        Nd4j.getExecutioner().exec(new BroadcastMulOp(d3, dphi, d3, 0, 2));
        // Only the op holds φ'(z) while native code reads it: without a later use the collector may free its
        // buffer mid-op (two crashes of a 60,000-example eNTK, SEGV_MAPERR in this broadcast, with malloc_trim
        // returning freed pages).
        java.lang.ref.Reference.reachabilityFence(dphi);
        return d3.reshape('c', shape);
    }
}
