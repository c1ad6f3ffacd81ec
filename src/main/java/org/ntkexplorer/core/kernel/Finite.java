package org.ntkexplorer.core.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Refuses NaN and infinite values before a kernel is written, decomposed or regressed on: LAPACK answers a NaN
 * with "did not converge" or a NaN factor, and a kernel.npy full of NaN looks like a result.
 */
public final class Finite {
    /** What usually puts NaN or Inf into a kernel, and what to do about it. */
    public static final String LIKELY_CAUSE = "Likely cause: NaN or infinite values in the input data, or a network "
            + "whose weights overflowed in training. Check the data with `datasets --describe`; if the data are "
            + "finite, lower the learning rate or σ_w, or use float64.";

    private Finite() {
    }

    /** Throws {@link NonFiniteException} naming {@code what} and the first bad entry unless every entry is finite. */
    public static void requireFinite(INDArray a, String what) {
        requireFinite(a, what, LIKELY_CAUSE);
    }

    /** As {@link #requireFinite(INDArray, String)} with the caller's own cause and advice. */
    public static void requireFinite(INDArray a, String what, String likelyCause) {
        if (a == null || a.isEmpty()) {
            return;
        }
        // Any NaN or ±Inf makes the sum non-finite, so one reduction clears the common case.
        if (Double.isFinite(a.sumNumber().doubleValue())) {
            return;
        }
        long rows = a.rank() <= 1 ? 1 : a.size(0);
        INDArray m = a.reshape('c', rows, a.length() / rows);
        double[] rowSums = m.sum(1).toDoubleVector();
        int affected = 0;
        String first = null;
        for (int r = 0; r < rowSums.length; r++) {
            if (Double.isFinite(rowSums[r])) {
                continue;
            }
            double[] row = m.getRow(r).toDoubleVector();
            int c = firstNonFinite(row);
            if (c < 0) {
                continue; // finite entries whose sum overflowed
            }
            affected++;
            if (first == null) {
                first = row[c] + " at " + (a.rank() <= 1 ? "entry " + c : "row " + r + ", column " + c);
            }
        }
        if (first != null) {
            String spread = affected > 1 ? "; " + affected + " of " + rowSums.length + " rows are affected" : "";
            throw new NonFiniteException(what + " holds non-finite values (" + first + spread + "). " + likelyCause);
        }
    }

    /** Index of the first NaN or infinite value, or −1 when all are finite. */
    public static int firstNonFinite(double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }

    /** Thrown instead of handing a non-finite matrix on; the message says what, where, why and what to do. */
    public static final class NonFiniteException extends ArithmeticException {
        private static final long serialVersionUID = 1L;

        public NonFiniteException(String message) {
            super(message);
        }
    }
}
