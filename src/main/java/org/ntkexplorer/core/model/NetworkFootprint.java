package org.ntkexplorer.core.model;

import java.util.ArrayList;
import java.util.List;

import org.ntkexplorer.core.compute.Footprint;
import org.ntkexplorer.core.compute.NativeParallel;

/**
 * What a network of a {@link NetworkSpec} will hold, estimated from its {@link LayerPlan} alone, so that a job can be
 * refused before DL4J allocates anything (a width of 10⁹ used to fail in native code after 40 s of retries).
 */
public final class NetworkFootprint {
    /**
     * A layer's weights are drawn into one Java double[] (see NtkNetwork's initialisation), so none may exceed what a
     * Java array holds.
     */
    static final long MAX_LAYER_WEIGHTS = Integer.MAX_VALUE - 8L;
    /** The largest part of a forward pass over a whole split (TrainingStep.logits): at most 128 rows. */
    public static final int EVALUATION_PART_ROWS = 128;

    private NetworkFootprint() {
    }

    /** Problems that no amount of memory solves; empty when the network can be built. */
    public static List<String> problems(NetworkSpec spec) {
        List<String> out = new ArrayList<>();
        double largest = largestLayerWeights(LayerPlan.of(spec));
        if (largest > MAX_LAYER_WEIGHTS) {
            out.add(String.format("width %d gives a layer of %.3g weights; one layer can hold at most %,d (a Java "
                    + "array), so use a smaller width", spec.width(), largest, MAX_LAYER_WEIGHTS));
        }
        return out;
    }

    /** A network used as it was initialised (the eNTK of the {@code kernel} command): parameters only. */
    public static Footprint atInitialisation(NetworkSpec spec, int bytesPerValue) {
        LayerPlan plan = LayerPlan.of(spec);
        double params = parameterCount(plan) * bytesPerValue;
        double largest = largestLayerWeights(plan);
        return Footprint.of("network parameters", params + largest * (8 + bytesPerValue), largest * 8);
    }

    /**
     * A network trained in minibatches of {@code batchSize} and evaluated on {@code evaluated} examples (the runner's
     * test and training error) in parts of at most 128 rows.
     */
    public static Footprint trained(NetworkSpec spec, int bytesPerValue, TrainingConfig training, int evaluated) {
        LayerPlan plan = LayerPlan.of(spec);
        double params = parameterCount(plan) * bytesPerValue;
        // Parameters, their gradients and the optimiser's state per parameter (Nesterov one, Adam two).
        int states = switch (training.optimizer()) {
            case SGD -> 0;
            case MOMENTUM -> 1;
            case ADAM -> 2;
        };
        double perExample = activationValuesPerExample(plan) * bytesPerValue;
        double im2col = convWorkingValuesPerExample(plan) * bytesPerValue;
        int batch = Math.min(training.batchSize(), Math.max(1, evaluated));
        double largest = largestLayerWeights(plan);
        return Footprint.of("network parameters, gradients and optimiser state", params * (2 + states)
                        + largest * (8 + bytesPerValue), largest * 8)
                // Backpropagation keeps the activations and an error signal of the same size for each layer.
                .plus(Footprint.of("training activations (batch size " + batch + ")",
                        batch * (2 * perExample + 2 * im2col), 0))
                // Errors and centring logits come from NtkNetwork.logits, which walks the set in parts of at most
                // EVALUATION_PART_ROWS rows, one part per compute thread at a time, each keeping its layers' outputs.
                .plus(Footprint.of("activations of the forward passes over parts of " + evaluated + " examples",
                        evaluationRows(evaluated) * (perExample + im2col), 0));
    }

    /** Rows held at once while the network is evaluated on {@code evaluated} examples. */
    static double evaluationRows(int evaluated) {
        // As TrainingStep.logits splits them: ceil(n / 128) parts of nearly equal size.
        long parts = Math.max(1, (evaluated + EVALUATION_PART_ROWS - 1) / EVALUATION_PART_ROWS);
        long rowsPerPart = (evaluated + parts - 1) / parts;
        return (double) Math.min(parts, NativeParallel.threads()) * rowsPerPart;
    }

    /** Parameters of the plan, in a double: a long overflows for the widths this is meant to refuse. */
    public static double parameterCount(LayerPlan plan) {
        double p = 0;
        for (PlannedLayer l : plan.layers()) {
            p += l.weights() + l.biases();
        }
        return p;
    }

    private static double largestLayerWeights(LayerPlan plan) {
        double max = 0;
        for (PlannedLayer l : plan.layers()) {
            max = Math.max(max, l.weights());
        }
        return max;
    }

    /** Values one example leaves behind in a forward pass: its input and each layer's outputs. */
    static double activationValuesPerExample(LayerPlan plan) {
        double v = plan.spec().inputDim();
        for (PlannedLayer l : plan.layers()) {
            v += l.activationValues();
        }
        return v;
    }

    /** DL4J convolves through an im2col buffer of fan-in × positions values per example; the largest counts. */
    static double convWorkingValuesPerExample(LayerPlan plan) {
        double max = 0;
        for (PlannedLayer l : plan.layers()) {
            max = Math.max(max, l.im2colValues());
        }
        return max;
    }
}
