package org.ntkexplorer.core.model;

import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One step of a network's forward pass, independent of DL4J. The same list drives the DL4J network, the
 * eNTK engine and the {@code layers} entry of model.json, so the three cannot disagree.
 *
 * <p>A layer is one object, as in neural-tangents' stax: each kind ({@link Dense}, {@link Conv}, {@link AvgPool},
 * {@link GlobalAvgPool}, one file each) carries its sizes (parameters, what a forward pass leaves behind,
 * multiply-adds, eNTK feature columns), its model.json entry, its DL4J build, its forward and backward pass
 * ({@link PlanPass}), its eNTK features ({@link FeaturePass}) and whether it has an infinite-width limit. The classes
 * that walk a plan call these methods and never ask for the kind, so a new kind is its own file plus the
 * {@link LayerPlan} that places it.
 */
public interface PlannedLayer {

    /** Whether the layer holds a weight W and bias b. */
    default boolean trainable() {
        return false;
    }

    /** Inputs each output of a trainable layer sums over (0 for pooling): what initialisation laws scale with. */
    default int fanIn() {
        return 0;
    }

    /** s_w of a trainable layer (0 for pooling). */
    default double weightMultiplier() {
        return 0;
    }

    /** s_b of a trainable layer (0 for pooling). */
    default double biasMultiplier() {
        return 0;
    }

    /** The activation after a trainable layer; null for the readout and for pooling. */
    default Activation activation() {
        return null;
    }

    /** Entries of W (0 without weights); a double, since the widths a refusal is for overflow a long. */
    default double weights() {
        return 0;
    }

    /** Entries of b. */
    default double biases() {
        return 0;
    }

    /**
     * Values one example leaves behind in a DL4J forward pass: a trainable layer is three DL4J layers (a bias-free
     * dense or convolution, the scale-and-bias layer, the activation), each with an output of its own.
     */
    double activationValues();

    /** The im2col buffer DL4J convolves through, values per example (0 but for convolutions). */
    default double im2colValues() {
        return 0;
    }

    /** Multiply-adds of the forward pass per example (0 for pooling, which adds only). */
    default double macs() {
        return 0;
    }

    /**
     * Columns of this layer's eNTK features per example: dense layers keep the factorised form (inputs and the C
     * backward signals, none for the readout), convolutions per-example gradients.
     */
    default double featureColumns(boolean readout, int logits) {
        return 0;
    }

    /**
     * The largest backward signal per example and logit the eNTK builds for this layer: with native convolutions
     * over max(in, out) channels, through im2col over max(fan-in, out) columns; 0 but for convolutions.
     */
    default double backwardSignalValues(boolean nativeConvolutions) {
        return 0;
    }

    /** Its model.json entry: type and shapes, with the multipliers of a trainable layer (names and laws are added). */
    Map<String, Object> describe();

    /**
     * Adds this layer's DL4J layers to {@code list} from index {@code index} on (a trainable layer as a bias-free
     * dense or convolution, {@link NtkScaleBias} and its activation), naming its parameters' keys.
     *
     * @return the index after the layers added
     */
    int addTo(NeuralNetConfiguration.ListBuilder list, int index, List<String> weightKeys, List<String> biasKeys);

    /**
     * This layer's step of the training pass: its output for input {@code a} (layer {@code li} of the plan,
     * trainable layer {@code k} if it holds parameters), keeping in {@code pass} what {@link #backward} needs.
     */
    INDArray forward(PlanPass pass, int li, int k, INDArray a);

    /**
     * Writes this layer's parameter gradients from the loss's gradient {@code delta} with respect to its output, and
     * returns the gradient with respect to its input (no need to form it for the first layer).
     */
    INDArray backward(PlanPass pass, int li, int k, INDArray delta);

    /** This layer's step of the eNTK's forward pass, keeping in {@code pass} what its backward step needs. */
    INDArray featureForward(FeaturePass pass, int li, int k, INDArray a);

    /**
     * This layer's step of the eNTK's backward pass: writes its feature matrices from the signal {@code delta} of
     * all C logits with respect to its output (null at the top: the logits themselves) and returns the signal with
     * respect to its input (null when no trainable layer below needs it).
     */
    INDArray featureBackward(FeaturePass pass, int li, int k, INDArray delta);

    /** Columns of each of its feature matrices (none for pooling), as {@link #featureBackward} writes them. */
    default long[] featureMatrixColumns(boolean readout, int logits) {
        return new long[0];
    }

    /** Hands its feature matrices (all examples' rows) to {@code sink} in the form its kernel takes. */
    default void addFeatures(INDArray[] matrices, int logits, FeatureSink sink) {
    }

    /** Forward and stacked backward flops per example of the eNTK features (the cost of producing, not pairing). */
    default double featureFlops(int logits) {
        return 0;
    }

    /**
     * Why this layer has no infinite-width kernel in NTK Explorer, or null when it has one: only dense layers carry
     * a recursion step ({@link #infiniteWidthStep}). The kernel jobs ask the plan; the spec's checks, which run
     * before the data's shape is known, still go by the architecture being convolutional.
     */
    default String infiniteWidthRefusal() {
        return describe().get("type") + " layers have no infinite-width recursion";
    }

    /**
     * The layer's map on kernels in the infinite-width limit, for a plan of {@code spec} (which holds the law the
     * layer's σ_w and σ_b come from). Only layers whose {@link #infiniteWidthRefusal} is null have one.
     */
    default InfiniteWidthStep infiniteWidthStep(NetworkSpec spec) {
        throw new UnsupportedOperationException(infiniteWidthRefusal());
    }
}
