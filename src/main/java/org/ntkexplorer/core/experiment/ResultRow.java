package org.ntkexplorer.core.experiment;

import java.util.List;

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

    static final RowSchema<ResultRow> SCHEMA = new RowSchema<>() {
        @Override
        public String file() {
            return "results.csv";
        }

        /** One row per learner of a unit: a repeated one would be counted twice in the fit. */
        @Override
        public Object key(ResultRow r) {
            return java.util.List.of(r.learner(), r.n(), r.seed(), r.richness());
        }

        @Override
        public List<String> columns() {
            return List.of("learner", "n", "seed", "richness", "test_error", "test_mse", "train_loss", "train_error",
                    "steps", "epochs", "converged", "kernel_movement", "kernel_target_alignment", "stable_lr", "seconds");
        }

        @Override
        public String[] cells(ResultRow r) {
            return new String[] {r.learner.id(), Integer.toString(r.n), Long.toString(r.seed), RowSchema.num(r.richness),
                    RowSchema.num(r.testError), RowSchema.num(r.testMse), RowSchema.num(r.trainLoss),
                    RowSchema.num(r.trainError), RowSchema.count(r.steps), RowSchema.count(r.epochs),
                    RowSchema.flag(r.converged), RowSchema.num(r.kernelMovement), RowSchema.num(r.targetAlignment),
                    RowSchema.num(r.stableRate), String.format(java.util.Locale.ROOT, "%.3f", r.seconds)};
        }

        @Override
        public ResultRow parse(Cells c) {
            return new ResultRow(Learner.fromId(c.text("learner")), c.integer("n"), c.whole("seed"),
                    c.number("richness"), c.number("test_error"), c.number("test_mse"), c.number("train_loss"),
                    c.number("train_error"), c.wholeOrMinus1("steps"), c.wholeOrMinus1("epochs"), c.flag("converged"),
                    c.number("kernel_movement"), c.number("kernel_target_alignment"), c.number("stable_lr"),
                    c.number("seconds"));
        }
    };

    /** A row with only test figures (a kernel learner's, or a network's whose training is not of interest). */
    public static ResultRow ofTest(Learner l, int n, long seed, double testError, double testMse) {
        return new ResultRow(l, n, seed, Double.NaN, testError, testMse, Double.NaN, Double.NaN, -1, -1, null,
                Double.NaN, Double.NaN, 0);
    }

    /** A kernel learner's row: no training columns. */
    static ResultRow kernel(Learner l, int n, long seed, double richness, Evaluation e, double seconds) {
        return new ResultRow(l, n, seed, richness, e.error(), e.mse(), Double.NaN, Double.NaN, -1, -1, null,
                Double.NaN, Double.NaN, seconds);
    }

    boolean sameUnit(UnitKey u) {
        // Double.compare, as UnitKey's own equals: NaN (no richness) matches NaN.
        return n == u.n() && seed == u.seed() && Double.compare(richness, u.richness()) == 0;
    }
}
