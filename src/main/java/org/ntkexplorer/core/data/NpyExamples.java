package org.ntkexplorer.core.data;

import org.ntkexplorer.core.io.NpyArray;
import org.ntkexplorer.core.io.NpyDtype;

/** Examples stored as rows of a NumPy array (first axis = example), any supported element type. */
final class NpyExamples extends StoredExamples {
    private final NpyArray x;
    private final long exampleLength;
    private final double rawMax;

    /** {@code shape} is the channels-first per-example shape; {@code channelsLast} says rows are stored H×W×C. */
    NpyExamples(NpyArray x, int[] shape, boolean channelsLast, int[] labels) {
        super(shape, channelsLast, labels);
        this.x = x;
        this.exampleLength = exampleLength();
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

    /** Flat index of the first NaN or infinite value, or −1; integer arrays cannot hold one. */
    static long firstNonFinite(NpyArray x) {
        if (x.dtype().isInteger()) {
            return -1;
        }
        long n = x.size();
        for (long i = 0; i < n; i++) {
            if (!Double.isFinite(x.getDouble(i))) {
                return i;
            }
        }
        return -1;
    }

    @Override
    double stored(int i, long k) {
        return x.getDouble(i * exampleLength + k);
    }

    @Override
    public double rawMax() {
        return rawMax;
    }
}
