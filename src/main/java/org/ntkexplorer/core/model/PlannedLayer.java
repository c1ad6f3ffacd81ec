package org.ntkexplorer.core.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of a network's forward pass, independent of DL4J. The same list drives the DL4J network, the
 * eNTK engine and the {@code layers} entry of model.json, so the three cannot disagree.
 *
 * <p>Each kind answers for its own sizes (parameters, what a forward pass leaves behind, multiply-adds, eNTK
 * feature columns) and its model.json entry, so the estimates and the description have no per-kind branches. The
 * forward and backward passes ({@link PlanPass}), the DL4J build ({@link NtkNetwork}) and the eNTK features
 * (kernel.FeatureExtractor) still branch on the kind.
 */
public sealed interface PlannedLayer permits PlannedLayer.Dense, PlannedLayer.Conv, PlannedLayer.AvgPool,
        PlannedLayer.GlobalAvgPool {

    /** Whether the layer holds a weight W and bias b. */
    default boolean trainable() {
        return false;
    }

    /** Inputs each output of a trainable layer sums over (0 for pooling): what initialisation laws scale with. */
    default int fanIn() {
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
     * z = s_w·a·W + s_b·b with W of shape (fanIn, fanOut); {@code activation} is null for the readout.
     */
    record Dense(int fanIn, int fanOut, double weightMultiplier, double biasMultiplier, Activation activation)
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
    }

    /**
     * 3×3 (kernel×kernel) convolution, stride 1, zero padding {@code padding}, on C×H×W inputs; W stored as
     * (outChannels, inChannels, kernel, kernel).
     */
    record Conv(int inChannels, int outChannels, int kernel, int padding, int height, int width,
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
    }

    /** Non-overlapping size×size average pooling; trailing rows/columns that do not fill a window are dropped. */
    record AvgPool(int size, int channels, int height, int width) implements PlannedLayer {
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
    }

    /** Mean over all positions of each channel: C×H×W → C. */
    record GlobalAvgPool(int channels, int height, int width) implements PlannedLayer {
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
    }
}
