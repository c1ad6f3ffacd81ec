package org.ntkexplorer.core.experiment;

import java.util.List;

/**
 * A row of dynamics.csv: the metrics of one probe-kernel snapshot of the network trained on n examples with a
 * seed, after {@code epoch} epochs ({@code step} steps). Written last for its snapshot, so on resume its presence
 * means the snapshot was taken whole.
 */
public record DynamicsRow(long seed, int n, int epoch, long step, double trainLoss, double testError,
                          double distanceToInit, double velocity, double ckaPrevious, double targetAlignment,
                          double effectiveRank, double spectrumSlope, double regressionTestError) {

    static final RowSchema<DynamicsRow> SCHEMA = new RowSchema<>() {
        @Override
        public String file() {
            return "dynamics.csv";
        }

        @Override
        public List<String> columns() {
            return List.of("seed", "n", "epoch", "step", "train_loss", "test_error", "distance_to_init", "velocity",
                    "cka_previous", "kernel_target_alignment", "effective_rank", "spectrum_slope",
                    "regression_test_error");
        }

        @Override
        public String[] cells(DynamicsRow r) {
            return new String[] {Long.toString(r.seed), Integer.toString(r.n), Integer.toString(r.epoch),
                    RowSchema.count(r.step), RowSchema.num(r.trainLoss), RowSchema.num(r.testError),
                    RowSchema.num(r.distanceToInit), RowSchema.num(r.velocity), RowSchema.num(r.ckaPrevious),
                    RowSchema.num(r.targetAlignment), RowSchema.num(r.effectiveRank), RowSchema.num(r.spectrumSlope),
                    RowSchema.num(r.regressionTestError)};
        }

        @Override
        public DynamicsRow parse(Cells c) {
            return new DynamicsRow(c.whole("seed"), c.integer("n"), c.integer("epoch"), c.wholeOrMinus1("step"),
                    c.number("train_loss"), c.number("test_error"), c.number("distance_to_init"),
                    c.number("velocity"), c.number("cka_previous"), c.number("kernel_target_alignment"),
                    c.number("effective_rank"), c.number("spectrum_slope"), c.number("regression_test_error"));
        }
    };

    static DynamicsRow of(ExperimentEvent.KernelSnapshot s, double trainLoss, double testError) {
        return new DynamicsRow(s.seed(), s.n(), s.epoch(), s.step(), trainLoss, testError, s.distanceToInit(),
                s.velocity(), s.ckaToPrevious(), s.targetAlignment(), s.effectiveRank(), s.spectrumSlope(),
                s.regressionTestError());
    }

    boolean sameUnit(UnitKey u) {
        return n == u.n() && seed == u.seed();
    }
}
