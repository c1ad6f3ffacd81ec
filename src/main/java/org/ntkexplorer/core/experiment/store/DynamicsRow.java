package org.ntkexplorer.core.experiment.store;

import java.util.List;
import org.ntkexplorer.core.experiment.spec.UnitKey;

/**
 * A row of dynamics.csv: the metrics of one probe-kernel snapshot of the network trained on n examples with a
 * seed, after {@code epoch} epochs ({@code step} steps). Written last for its snapshot, so on resume its presence
 * means the snapshot was taken whole.
 */
public record DynamicsRow(long seed, int n, int epoch, long step, double trainLoss, double testError,
                          double distanceToInit, double velocity, double ckaPrevious, double targetAlignment,
                          double effectiveRank, double spectrumSlope, double regressionTestError) {

    private static final Column<DynamicsRow> SEED = Column.whole("seed", DynamicsRow::seed);
    private static final Column<DynamicsRow> N = Column.whole("n", DynamicsRow::n);
    private static final Column<DynamicsRow> EPOCH = Column.whole("epoch", DynamicsRow::epoch);
    private static final Column<DynamicsRow> STEP = Column.count("step", DynamicsRow::step);
    private static final Column<DynamicsRow> TRAIN_LOSS = Column.number("train_loss", DynamicsRow::trainLoss);
    private static final Column<DynamicsRow> TEST_ERROR = Column.number("test_error", DynamicsRow::testError);
    private static final Column<DynamicsRow> DISTANCE = Column.number("distance_to_init", DynamicsRow::distanceToInit);
    private static final Column<DynamicsRow> VELOCITY = Column.number("velocity", DynamicsRow::velocity);
    private static final Column<DynamicsRow> CKA = Column.number("cka_previous", DynamicsRow::ckaPrevious);
    private static final Column<DynamicsRow> ALIGNMENT = Column.number("kernel_target_alignment",
            DynamicsRow::targetAlignment);
    private static final Column<DynamicsRow> RANK = Column.number("effective_rank", DynamicsRow::effectiveRank);
    private static final Column<DynamicsRow> SLOPE = Column.number("spectrum_slope", DynamicsRow::spectrumSlope);
    private static final Column<DynamicsRow> REGRESSION = Column.number("regression_test_error",
            DynamicsRow::regressionTestError);

    public static final RowSchema<DynamicsRow> SCHEMA = RowSchema.of("dynamics.csv", List.of(SEED, N, EPOCH, STEP,
            TRAIN_LOSS, TEST_ERROR, DISTANCE, VELOCITY, CKA, ALIGNMENT, RANK, SLOPE, REGRESSION),
            c -> new DynamicsRow(c.whole(SEED), c.integer(N), c.integer(EPOCH), c.count(STEP), c.number(TRAIN_LOSS),
                    c.number(TEST_ERROR), c.number(DISTANCE), c.number(VELOCITY), c.number(CKA), c.number(ALIGNMENT),
                    c.number(RANK), c.number(SLOPE), c.number(REGRESSION)));

    public boolean sameUnit(UnitKey u) {
        return n == u.n() && seed == u.seed();
    }
}
