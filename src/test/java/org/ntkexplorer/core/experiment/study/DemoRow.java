package org.ntkexplorer.core.experiment.study;

import java.util.List;
import org.ntkexplorer.core.experiment.store.Column;
import org.ntkexplorer.core.experiment.store.RowSchema;

/** A row of seed-spread.csv, the table of the demo study ({@link DemoStudy}): one seed's trained network. */
public record DemoRow(long seed, double testError, double testMse, long steps) {

    private static final Column<DemoRow> SEED = Column.whole("seed", DemoRow::seed);
    private static final Column<DemoRow> TEST_ERROR = Column.number("test_error", DemoRow::testError);
    private static final Column<DemoRow> TEST_MSE = Column.number("test_mse", DemoRow::testMse);
    private static final Column<DemoRow> STEPS = Column.count("steps", DemoRow::steps);

    static final RowSchema<DemoRow> SCHEMA = RowSchema.of("seed-spread.csv", List.of(SEED, TEST_ERROR, TEST_MSE,
            STEPS), c -> new DemoRow(c.whole(SEED), c.number(TEST_ERROR), c.number(TEST_MSE), c.count(STEPS)));
}
