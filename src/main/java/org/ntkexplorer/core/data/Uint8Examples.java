package org.ntkexplorer.core.data;

import java.nio.ByteBuffer;

/**
 * Unsigned-byte examples laid out as fixed-size records in a buffer (IDX pixels, CIFAR records after their
 * label byte, uint8 NumPy arrays). Channels-last records (H×W×C) are reordered to C×H×W when copied out.
 */
final class Uint8Examples implements ExampleArray {
    private final ByteBuffer data;
    private final int recordBytes;
    private final int recordOffset;
    private final int[] shape;
    private final boolean channelsLast;
    private final int[] labels;

    /** {@code shape} is the channels-first shape handed out, whatever the stored order. */
    Uint8Examples(ByteBuffer data, int recordBytes, int recordOffset, int[] shape, boolean channelsLast, int[] labels) {
        this.data = data;
        this.recordBytes = recordBytes;
        this.recordOffset = recordOffset;
        this.shape = shape.clone();
        this.channelsLast = channelsLast && shape.length == 3 && shape[0] > 1;
        this.labels = labels;
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
        long base = (long) i * recordBytes + recordOffset;
        int n = exampleLength();
        if (!channelsLast) {
            for (int k = 0; k < n; k++) {
                dst[off + k] = data.get(Math.toIntExact(base + k)) & 0xff;
            }
            return;
        }
        int channels = shape[0];
        int pixels = shape[1] * shape[2];
        for (int p = 0; p < pixels; p++) {
            for (int c = 0; c < channels; c++) {
                dst[off + c * pixels + p] = data.get(Math.toIntExact(base + (long) p * channels + c)) & 0xff;
            }
        }
    }

    @Override
    public double rawMax() {
        return 255;
    }
}
