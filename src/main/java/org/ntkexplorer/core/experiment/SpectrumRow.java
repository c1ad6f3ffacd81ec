package org.ntkexplorer.core.experiment;

import java.util.List;

/**
 * A row of spectra.csv: one eigenvalue of K/n of a probe kernel. The infinite-width NTK on the same probe set has
 * {@code kernel} = {@link #INFINITE_NTK} and no epoch.
 *
 * @param epoch -1 for a kernel without one
 * @param step  -1 for a kernel without one (and in folders written before steps were recorded)
 */
public record SpectrumRow(long seed, int n, int epoch, long step, String kernel, int index, double eigenvalue) {
    static final String EMPIRICAL = "entk";
    static final String INFINITE_NTK = "infinite-ntk";

    static final RowSchema<SpectrumRow> SCHEMA = new RowSchema<>() {
        @Override
        public String file() {
            return "spectra.csv";
        }

        @Override
        public List<String> columns() {
            return List.of("seed", "n", "epoch", "step", "kernel", "index", "eigenvalue");
        }

        @Override
        public String[] cells(SpectrumRow r) {
            return new String[] {Long.toString(r.seed), Integer.toString(r.n), RowSchema.count(r.epoch),
                    RowSchema.count(r.step), r.kernel, Integer.toString(r.index), RowSchema.num(r.eigenvalue)};
        }

        @Override
        public SpectrumRow parse(Cells c) {
            if (c.text("kernel").isEmpty()) {
                throw new IllegalArgumentException("kernel is empty");
            }
            return new SpectrumRow(c.whole("seed"), c.integer("n"), (int) c.wholeOrMinus1("epoch"),
                    c.wholeOrMinus1("step"), c.text("kernel"), c.integer("index"), c.number("eigenvalue"));
        }
    };

    /** Rows for a whole spectrum, indices from 1. */
    static List<SpectrumRow> of(long seed, int n, int epoch, long step, String kernel, double[] eigenvalues) {
        List<SpectrumRow> rows = new java.util.ArrayList<>();
        for (int i = 0; i < eigenvalues.length; i++) {
            rows.add(new SpectrumRow(seed, n, epoch, step, kernel, i + 1, eigenvalues[i]));
        }
        return rows;
    }

    boolean sameUnit(UnitKey u) {
        return n == u.n() && seed == u.seed();
    }
}
