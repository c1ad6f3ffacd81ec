package org.ntkexplorer.core.experiment;

import java.util.List;

/** A row of seed-spread.csv, the table of the demo study ({@link DemoStudy}): one seed's trained network. */
public record DemoRow(long seed, double testError, double testMse, long steps) {

    static final RowSchema<DemoRow> SCHEMA = new RowSchema<>() {
        @Override
        public String file() {
            return "seed-spread.csv";
        }

        @Override
        public List<String> columns() {
            return List.of("seed", "test_error", "test_mse", "steps");
        }

        @Override
        public String[] cells(DemoRow r) {
            return new String[] {Long.toString(r.seed), RowSchema.num(r.testError), RowSchema.num(r.testMse),
                    RowSchema.count(r.steps)};
        }

        @Override
        public DemoRow parse(Cells c) {
            return new DemoRow(c.whole("seed"), c.number("test_error"), c.number("test_mse"), c.wholeOrMinus1("steps"));
        }
    };
}
