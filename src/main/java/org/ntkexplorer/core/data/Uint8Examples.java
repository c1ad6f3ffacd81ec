package org.ntkexplorer.core.data;

import java.nio.ByteBuffer;

/**
 * Unsigned-byte examples laid out as fixed-size records in a buffer (IDX pixels, CIFAR records after their
 * label byte, uint8 NumPy arrays).
 */
final class Uint8Examples extends StoredExamples {
    private final ByteBuffer data;
    private final int recordBytes;
    private final int recordOffset;

    /** {@code shape} is the channels-first shape handed out, whatever the stored order. */
    Uint8Examples(ByteBuffer data, int recordBytes, int recordOffset, int[] shape, boolean channelsLast, int[] labels) {
        super(shape, channelsLast, labels);
        this.data = data;
        this.recordBytes = recordBytes;
        this.recordOffset = recordOffset;
    }

    @Override
    double stored(int i, long k) {
        return data.get(Math.toIntExact((long) i * recordBytes + recordOffset + k)) & 0xff;
    }

    @Override
    public double rawMax() {
        return 255;
    }
}
