package org.ntkexplorer.core.data;

import org.ntkexplorer.core.io.NpyArray;
import org.ntkexplorer.core.io.NpyDtype;

/** Examples stored as rows of a NumPy array (first axis = example), any supported element type. */
final class NpyExamples implements ExampleArray {
    private final NpyArray x;
    private final int[] shape;
    private final boolean channelsLast;
    private final int[] labels;
    private final double rawMax;

    /** {@code shape} is the channels-first per-example shape; {@code channelsLast} says rows are stored H×W×C. */
    NpyExamples(NpyArray x, int[] shape, boolean channelsLast, int[] labels) {
        this.x = x;
        this.shape = shape.clone();
        this.channelsLast = channelsLast && shape.length == 3 && shape[0] > 1;
        this.labels = labels;
        this.rawMax = x.dtype() == NpyDtype.UINT8 ? 255 : observedScale(x);
    }

    /** Float data already in [0,1] keep scale 1; anything larger is scaled by its own maximum. */
    private static double observedScale(NpyArray x) {
        double max = 0;
        long n = x.size();
        for (long i = 0; i < n; i++) {
            max = Math.max(max, Math.abs(x.getDouble(i)));
        }
        return max <= 1 ? 1 : max;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public int label(int i) {
        return labels[i];
    }

    @Override
    public void copyExample(int i, double[] dst, int off) {
        int n = exampleLength();
        long base = (long) i * n;
        if (!channelsLast) {
            for (int k = 0; k < n; k++) {
                dst[off + k] = x.getDouble(base + k);
            }
            return;
        }
        int channels = shape[0];
        int pixels = shape[1] * shape[2];
        for (int p = 0; p < pixels; p++) {
            for (int c = 0; c < channels; c++) {
                dst[off + c * pixels + p] = x.getDouble(base + (long) p * channels + c);
            }
        }
    }

    @Override
    public double rawMax() {
        return rawMax;
    }
}
