package org.ntkexplorer.core.experiment.store;

import java.util.List;
import org.ntkexplorer.core.experiment.spec.UnitKey;

/**
 * A row of training.csv: the training curve of one network, measured on its whole training and test sets at each
 * evaluation (every few epochs and at the end), so a reopened run can draw every network's curves.
 *
 * @param testLoss the test MSE (on softmax probabilities for a cross-entropy network)
 */
public record TrainingRow(int n, int width, long seed, double richness, long step, int epoch, double trainLoss,
                          double trainError, double testLoss, double testError) {

    private static final Column<TrainingRow> N = Column.whole("n", TrainingRow::n);
    private static final Column<TrainingRow> WIDTH = Column.whole("width", TrainingRow::width);
    private static final Column<TrainingRow> SEED = Column.whole("seed", TrainingRow::seed);
    private static final Column<TrainingRow> RICHNESS = Column.number("richness", TrainingRow::richness);
    private static final Column<TrainingRow> STEP = Column.whole("step", TrainingRow::step);
    private static final Column<TrainingRow> EPOCH = Column.whole("epoch", TrainingRow::epoch);
    private static final Column<TrainingRow> TRAIN_LOSS = Column.number("train_loss", TrainingRow::trainLoss);
    private static final Column<TrainingRow> TRAIN_ERROR = Column.number("train_error", TrainingRow::trainError);
    private static final Column<TrainingRow> TEST_MSE = Column.number("test_mse", TrainingRow::testLoss);
    private static final Column<TrainingRow> TEST_ERROR = Column.number("test_error", TrainingRow::testError);

    public static final RowSchema<TrainingRow> SCHEMA = RowSchema.of("training.csv", List.of(N, WIDTH, SEED, RICHNESS, STEP,
            EPOCH, TRAIN_LOSS, TRAIN_ERROR, TEST_MSE, TEST_ERROR), c -> new TrainingRow(c.integer(N), c.integer(WIDTH),
                    c.whole(SEED), c.number(RICHNESS), c.whole(STEP), c.integer(EPOCH), c.number(TRAIN_LOSS),
                    c.number(TRAIN_ERROR), c.number(TEST_MSE), c.number(TEST_ERROR)));

    public UnitKey unit() {
        return new UnitKey(n, width, seed, richness);
    }
}
