package org.ntkexplorer.core.experiment;

import java.util.List;

/**
 * A row of training.csv: the training curve of one network, measured on its whole training and test sets at each
 * evaluation (every few epochs and at the end), so a reopened run can draw every network's curves.
 *
 * @param testLoss the test MSE (on softmax probabilities for a cross-entropy network)
 */
public record TrainingRow(int n, int width, long seed, double richness, long step, int epoch, double trainLoss,
                          double trainError, double testLoss, double testError) {

    static final RowSchema<TrainingRow> SCHEMA = new RowSchema<>() {
        @Override
        public String file() {
            return "training.csv";
        }

        @Override
        public List<String> columns() {
            return List.of("n", "width", "seed", "richness", "step", "epoch", "train_loss", "train_error", "test_mse",
                    "test_error");
        }

        @Override
        public String[] cells(TrainingRow r) {
            return new String[] {Integer.toString(r.n), Integer.toString(r.width), Long.toString(r.seed),
                    RowSchema.num(r.richness), Long.toString(r.step), Integer.toString(r.epoch),
                    RowSchema.num(r.trainLoss), RowSchema.num(r.trainError), RowSchema.num(r.testLoss),
                    RowSchema.num(r.testError)};
        }

        @Override
        public TrainingRow parse(Cells c) {
            return new TrainingRow(c.integer("n"), c.integer("width"), c.whole("seed"), c.number("richness"),
                    c.whole("step"), c.integer("epoch"), c.number("train_loss"), c.number("train_error"),
                    c.number("test_mse"), c.number("test_error"));
        }
    };

    UnitKey unit() {
        return new UnitKey(n, width, seed, richness);
    }
}
