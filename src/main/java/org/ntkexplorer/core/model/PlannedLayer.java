package org.ntkexplorer.core.model;

/**
 * One step of a network's forward pass, independent of DL4J. The same list drives the DL4J network, the
 * eNTK engine and the {@code layers} entry of model.json, so the three cannot disagree.
 */
public sealed interface PlannedLayer permits PlannedLayer.Dense, PlannedLayer.Conv, PlannedLayer.AvgPool,
        PlannedLayer.GlobalAvgPool {

    /** Whether the layer holds a weight W and bias b. */
    default boolean trainable() {
        return false;
    }

    /**
     * z = s_w·a·W + s_b·b with W of shape (fanIn, fanOut); {@code activation} is null for the readout.
     */
    record Dense(int fanIn, int fanOut, double weightMultiplier, double biasMultiplier, Activation activation)
            implements PlannedLayer {
        @Override
        public boolean trainable() {
            return true;
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

        public int fanIn() {
            return inChannels * kernel * kernel;
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
    }

    /** Mean over all positions of each channel: C×H×W → C. */
    record GlobalAvgPool(int channels, int height, int width) implements PlannedLayer {
    }
}
