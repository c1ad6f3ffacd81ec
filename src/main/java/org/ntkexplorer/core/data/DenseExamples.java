package org.ntkexplorer.core.data;

/** Vector examples held in memory (the synthetic datasets), with labels or regression targets. */
final class DenseExamples implements ExampleArray {
    private final double[] inputs;
    private final int dim;
    private final int[] labels;
    private final double[] targets;
    private final int outputs;

    private DenseExamples(double[] inputs, int dim, int[] labels, double[] targets, int outputs) {
        this.inputs = inputs;
        this.dim = dim;
        this.labels = labels;
        this.targets = targets;
        this.outputs = outputs;
    }

    static DenseExamples labelled(double[] inputs, int dim, int[] labels) {
        return new DenseExamples(inputs, dim, labels, null, 0);
    }

    static DenseExamples withTargets(double[] inputs, int dim, double[] targets, int outputs) {
        return new DenseExamples(inputs, dim, null, targets, outputs);
    }

    @Override
    public int size() {
        return inputs.length / dim;
    }

    @Override
    public int[] shape() {
        return new int[] {dim};
    }

    @Override
    public int label(int i) {
        if (labels == null) {
            throw new IllegalStateException("a regression dataset has targets, not class labels");
        }
        return labels[i];
    }

    @Override
    public void copyExample(int i, double[] dst, int off) {
        System.arraycopy(inputs, i * dim, dst, off, dim);
    }

    /** Synthetic inputs are used as generated: no rescaling. */
    @Override
    public double rawMax() {
        return 1;
    }

    @Override
    public void copyTarget(int i, double[] dst, int off) {
        if (targets == null) {
            ExampleArray.super.copyTarget(i, dst, off);
        }
        System.arraycopy(targets, i * outputs, dst, off, outputs);
    }
}
