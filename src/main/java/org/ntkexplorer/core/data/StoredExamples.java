package org.ntkexplorer.core.data;

/**
 * Examples kept in a flat store of fixed-length records, in stored order. Channels-last records (H×W×C) are
 * reordered to the C×H×W order every caller expects when copied out; the store itself is never converted.
 */
abstract class StoredExamples implements ExampleArray {
    private final int[] shape;
    private final boolean channelsLast;
    private final int[] labels;

    /** {@code shape} is the channels-first shape handed out, whatever the stored order. */
    StoredExamples(int[] shape, boolean channelsLast, int[] labels) {
        this.shape = shape.clone();
        this.channelsLast = channelsLast && shape.length == 3 && shape[0] > 1;
        this.labels = labels;
    }

    /** Value k (in stored order) of example i. */
    abstract double stored(int i, long k);

    @Override
    public final int size() {
        return labels.length;
    }

    @Override
    public final int[] shape() {
        return shape.clone();
    }

    @Override
    public final int label(int i) {
        return labels[i];
    }

    @Override
    public final void copyExample(int i, double[] dst, int off) {
        int n = exampleLength();
        if (!channelsLast) {
            for (int k = 0; k < n; k++) {
                dst[off + k] = stored(i, k);
            }
            return;
        }
        int channels = shape[0];
        int pixels = shape[1] * shape[2];
        for (int p = 0; p < pixels; p++) {
            for (int c = 0; c < channels; c++) {
                dst[off + c * pixels + p] = stored(i, (long) p * channels + c);
            }
        }
    }
}
