package org.ntkexplorer.core.experiment.store;

import java.util.List;

/** A row of width.csv: one width of a width sweep at one seed, with how its network was trained. */
public record WidthRow(int width, long seed, double distanceToInfinite, double kernelMovement, double testError,
                       double testMse, long steps, Boolean converged) {

    private static final Column<WidthRow> WIDTH = Column.whole("width", WidthRow::width);
    private static final Column<WidthRow> SEED = Column.whole("seed", WidthRow::seed);
    private static final Column<WidthRow> DISTANCE = Column.number("distance_to_infinite", WidthRow::distanceToInfinite);
    private static final Column<WidthRow> MOVEMENT = Column.number("kernel_movement", WidthRow::kernelMovement);
    private static final Column<WidthRow> TEST_ERROR = Column.number("test_error", WidthRow::testError);
    private static final Column<WidthRow> TEST_MSE = Column.number("test_mse", WidthRow::testMse);
    private static final Column<WidthRow> STEPS = Column.count("steps", WidthRow::steps);
    private static final Column<WidthRow> CONVERGED = Column.flag("converged", WidthRow::converged);

    public static final RowSchema<WidthRow> SCHEMA = RowSchema.of("width.csv", List.of(WIDTH, SEED, DISTANCE, MOVEMENT,
            TEST_ERROR, TEST_MSE, STEPS, CONVERGED), c -> new WidthRow(c.integer(WIDTH), c.whole(SEED),
                    c.number(DISTANCE), c.number(MOVEMENT), c.number(TEST_ERROR), c.number(TEST_MSE), c.count(STEPS),
                    c.flag(CONVERGED)));
}
