package org.ntkexplorer.core.data;

import java.nio.file.Path;

import org.ntkexplorer.core.data.DatasetException.Problem;

/**
 * Every loader refuses NaN and infinite values when the data are opened: one such value makes every kernel entry of
 * its example NaN, and the failure would otherwise surface much later as an eigensolver or regression error. Uint8
 * data (IDX, CIFAR-10, uint8 arrays) cannot hold one, so only float arrays and generated data are checked.
 */
final class FiniteInputs {
    private FiniteInputs() {
    }

    /** Refuses generated values ({@code values}, {@code length} per example) unless all are finite. */
    static void require(double[] values, int length, String spec, String what) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new DatasetException(Problem.NON_FINITE, null, "dataset spec '" + spec + "': " + what + " hold "
                        + values[i] + " at example " + i / length + " (value " + i % length + " of that example); "
                        + "choose parameters that keep the data finite (a smaller separation, decay or size)");
            }
        }
    }

    static DatasetException notFinite(Path file, String array, long example, long index, double value) {
        return new DatasetException(Problem.NON_FINITE, file, array + " holds " + value + " at example " + example
                + " (value " + index + " of that example); every input must be a finite number, since one NaN or "
                + "infinite value makes every kernel entry of its example NaN. Fix or drop that example.");
    }
}
