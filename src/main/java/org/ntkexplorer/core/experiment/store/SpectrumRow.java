package org.ntkexplorer.core.experiment.store;

import java.util.List;
import org.ntkexplorer.core.experiment.spec.UnitKey;

/**
 * A row of spectra.csv: one eigenvalue of K/n of a probe kernel. The infinite-width NTK on the same probe set has
 * {@code kernel} = {@link #INFINITE_NTK} and no epoch.
 *
 * @param epoch -1 for a kernel without one
 * @param step  -1 for a kernel without one (and in folders written before steps were recorded)
 */
public record SpectrumRow(long seed, int n, int epoch, long step, String kernel, int index, double eigenvalue) {
    public static final String EMPIRICAL = "entk";
    public static final String INFINITE_NTK = "infinite-ntk";

    private static final Column<SpectrumRow> SEED = Column.whole("seed", SpectrumRow::seed);
    private static final Column<SpectrumRow> N = Column.whole("n", SpectrumRow::n);
    private static final Column<SpectrumRow> EPOCH = Column.count("epoch", SpectrumRow::epoch);
    private static final Column<SpectrumRow> STEP = Column.count("step", SpectrumRow::step);
    private static final Column<SpectrumRow> KERNEL = Column.text("kernel", SpectrumRow::kernel);
    private static final Column<SpectrumRow> INDEX = Column.whole("index", SpectrumRow::index);
    private static final Column<SpectrumRow> EIGENVALUE = Column.number("eigenvalue", SpectrumRow::eigenvalue);

    public static final RowSchema<SpectrumRow> SCHEMA = RowSchema.of("spectra.csv", List.of(SEED, N, EPOCH, STEP, KERNEL,
            INDEX, EIGENVALUE), c -> {
                if (c.text(KERNEL).isEmpty()) {
                    throw new IllegalArgumentException("kernel is empty");
                }
                return new SpectrumRow(c.whole(SEED), c.integer(N), (int) c.count(EPOCH), c.count(STEP),
                        c.text(KERNEL), c.integer(INDEX), c.number(EIGENVALUE));
            });

    /** Rows for a whole spectrum, indices from 1. */
    public static List<SpectrumRow> of(long seed, int n, int epoch, long step, String kernel, double[] eigenvalues) {
        List<SpectrumRow> rows = new java.util.ArrayList<>();
        for (int i = 0; i < eigenvalues.length; i++) {
            rows.add(new SpectrumRow(seed, n, epoch, step, kernel, i + 1, eigenvalues[i]));
        }
        return rows;
    }

    public boolean sameUnit(UnitKey u) {
        return n == u.n() && seed == u.seed();
    }
}
