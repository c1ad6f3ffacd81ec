package org.ntkexplorer.core.data;

/**
 * One side (train or test) of a drawn subset, ready for a network or a kernel. Arrays are handed out
 * without copying because they can hold hundreds of megabytes; callers must not modify them.
 */
public final class Split {
    private final int[] inputShape;
    private final double[] inputs;
    private final int[] labels;
    private final int[] classIds;
    private final double[] targets;
    private final int outputs;
    private final int[] sourceIndices;

    Split(int[] inputShape, double[] inputs, int[] labels, int[] classIds, double[] targets, int outputs, int[] sourceIndices) {
        this.inputShape = inputShape.clone();
        this.inputs = inputs;
        this.labels = labels;
        this.classIds = classIds;
        this.targets = targets;
        this.outputs = outputs;
        this.sourceIndices = sourceIndices;
    }

    public int size() {
        return sourceIndices.length;
    }

    /** {d} for the FLAT layout, {C,H,W} for IMAGE. */
    public int[] inputShape() {
        return inputShape.clone();
    }

    public int inputDim() {
        int n = 1;
        for (int s : inputShape) {
            n *= s;
        }
        return n;
    }

    /** Row-major size() × inputDim(). */
    public double[] inputs() {
        return inputs;
    }

    /** Labels re-indexed 0..k−1 in the order of the requested classes; null for regression. */
    public int[] labels() {
        return labels;
    }

    /** Original dataset class id of each re-indexed class; null for regression. */
    public int[] classIds() {
        return classIds == null ? null : classIds.clone();
    }

    /** Row-major size() × outputs(). */
    public double[] targets() {
        return targets;
    }

    public int outputs() {
        return outputs;
    }

    /** Index of each example in the part of the dataset it came from, so a subset can be reproduced elsewhere. */
    public int[] sourceIndices() {
        return sourceIndices.clone();
    }
}
