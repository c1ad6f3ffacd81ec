package org.ntkexplorer.core.experiment.store;

import java.util.List;
import org.ntkexplorer.core.experiment.spec.Learner;
import org.ntkexplorer.core.experiment.spec.UnitKey;

/**
 * A row of results.csv: one learner at one training-set size and seed (and richness, in a richness study). The
 * training columns (steps to converged) and the kernel columns are filled for network rows only.
 *
 * @param trainLoss        the network's training loss on its whole training set at the end
 * @param trainError       its training error at the end
 * @param steps            optimisation steps taken (-1 when not a network)
 * @param epochs           passes over the training set, the last possibly partial (-1 when not a network)
 * @param converged        whether the stopping rule was met; null without a rule
 * @param kernelMovement   distance between the probe kernel at initialisation and at the end
 * @param targetAlignment  kernel–target alignment of the probe kernel at the end
 * @param stableRate       the largest stable learning rate estimated at initialisation (docs/science.md, §Largest
 *                         stable learning rate); NaN for kernels, Adam, and files written before it was recorded
 */
public record ResultRow(Learner learner, int n, long seed, double richness, double testError, double testMse,
                        double trainLoss, double trainError, long steps, long epochs, Boolean converged,
                        double kernelMovement, double targetAlignment, double stableRate, double seconds) {

    /** A row without a stable-rate estimate. */
    public ResultRow(Learner learner, int n, long seed, double richness, double testError, double testMse,
                     double trainLoss, double trainError, long steps, long epochs, Boolean converged,
                     double kernelMovement, double targetAlignment, double seconds) {
        this(learner, n, seed, richness, testError, testMse, trainLoss, trainError, steps, epochs, converged,
                kernelMovement, targetAlignment, Double.NaN, seconds);
    }

    private static final Column<ResultRow> LEARNER = Column.text("learner", r -> r.learner.id());
    private static final Column<ResultRow> N = Column.whole("n", ResultRow::n);
    private static final Column<ResultRow> SEED = Column.whole("seed", ResultRow::seed);
    private static final Column<ResultRow> RICHNESS = Column.number("richness", ResultRow::richness);
    private static final Column<ResultRow> TEST_ERROR = Column.number("test_error", ResultRow::testError);
    private static final Column<ResultRow> TEST_MSE = Column.number("test_mse", ResultRow::testMse);
    private static final Column<ResultRow> TRAIN_LOSS = Column.number("train_loss", ResultRow::trainLoss);
    private static final Column<ResultRow> TRAIN_ERROR = Column.number("train_error", ResultRow::trainError);
    private static final Column<ResultRow> STEPS = Column.count("steps", ResultRow::steps);
    private static final Column<ResultRow> EPOCHS = Column.count("epochs", ResultRow::epochs);
    private static final Column<ResultRow> CONVERGED = Column.flag("converged", ResultRow::converged);
    private static final Column<ResultRow> MOVEMENT = Column.number("kernel_movement", ResultRow::kernelMovement);
    private static final Column<ResultRow> ALIGNMENT = Column.number("kernel_target_alignment",
            ResultRow::targetAlignment);
    private static final Column<ResultRow> STABLE_LR = Column.number("stable_lr", ResultRow::stableRate);
    private static final Column<ResultRow> SECONDS = Column.seconds("seconds", ResultRow::seconds);

    /** Keyed by (learner, n, seed, richness): a repeated row would be counted twice in the fit. */
    public static final RowSchema<ResultRow> SCHEMA = RowSchema.of("results.csv", List.of(LEARNER, N, SEED, RICHNESS,
            TEST_ERROR, TEST_MSE, TRAIN_LOSS, TRAIN_ERROR, STEPS, EPOCHS, CONVERGED, MOVEMENT, ALIGNMENT, STABLE_LR,
            SECONDS), c -> new ResultRow(Learner.fromId(c.text(LEARNER)), c.integer(N), c.whole(SEED),
                    c.number(RICHNESS), c.number(TEST_ERROR), c.number(TEST_MSE), c.number(TRAIN_LOSS),
                    c.number(TRAIN_ERROR), c.count(STEPS), c.count(EPOCHS), c.flag(CONVERGED), c.number(MOVEMENT),
                    c.number(ALIGNMENT), c.number(STABLE_LR), c.number(SECONDS)),
            r -> List.of(r.learner(), r.n(), r.seed(), r.richness()));

    /** A row with only test figures (a kernel learner's, or a network's whose training is not of interest). */
    public static ResultRow ofTest(Learner l, int n, long seed, double testError, double testMse) {
        return new ResultRow(l, n, seed, Double.NaN, testError, testMse, Double.NaN, Double.NaN, -1, -1, null,
                Double.NaN, Double.NaN, 0);
    }

    public boolean sameUnit(UnitKey u) {
        // Double.compare, as UnitKey's own equals: NaN (no richness) matches NaN.
        return n == u.n() && seed == u.seed() && Double.compare(richness, u.richness()) == 0;
    }
}
