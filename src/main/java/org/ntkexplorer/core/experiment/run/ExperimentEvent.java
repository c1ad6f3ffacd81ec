package org.ntkexplorer.core.experiment.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.ntkexplorer.core.scaling.PowerLawFitResult;
import org.ntkexplorer.core.experiment.analysis.Claims;
import org.ntkexplorer.core.experiment.analysis.RichnessTable;
import org.ntkexplorer.core.experiment.spec.Learner;
import org.ntkexplorer.core.experiment.spec.Study;
import org.ntkexplorer.core.experiment.spec.UnitKey;
import org.ntkexplorer.core.experiment.store.DynamicsRow;
import org.ntkexplorer.core.experiment.store.FitEntry;
import org.ntkexplorer.core.experiment.store.FitKey;
import org.ntkexplorer.core.experiment.store.KernelPicture;
import org.ntkexplorer.core.experiment.store.Metric;
import org.ntkexplorer.core.experiment.store.ResultRow;
import org.ntkexplorer.core.experiment.store.SpikeRow;
import org.ntkexplorer.core.experiment.store.WidthMeasure;
import org.ntkexplorer.core.experiment.store.WidthRow;

/** What a running experiment reports to its listeners (the terminal, the window). Plain values only. */
public sealed interface ExperimentEvent {

    /**
     * An evaluation of the network being trained for a unit, on its whole training and test sets: after some epochs
     * and at the end of training. NaN where a figure was not measured.
     *
     * @param maxSteps the most steps this network may take (its budget, or its stopping rule's cap)
     * @param testLoss the test MSE (on softmax probabilities for a cross-entropy network)
     */
    record EpochDone(UnitKey unit, int epoch, long step, long maxSteps, double trainLoss, double trainError,
                     double testLoss, double testError) implements ExperimentEvent {
        public int n() {
            return unit.n();
        }

        public long seed() {
            return unit.seed();
        }
    }

    /**
     * The largest stable learning rate of a network, estimated from its loss's Gauss–Newton matrix at initialisation
     * before it trains (docs/science.md, §Largest stable learning rate); {@code bound} is NaN for Adam.
     *
     * @param description the line written to run.log and the terminal
     * @param warning     the warning for a rate above twice the bound, or null
     */
    record StableRateEstimated(UnitKey unit, double lambdaMax, double bound, double learningRate, String description,
                               String warning) implements ExperimentEvent {
        /** The learning rate as a multiple of the bound. */
        public double multiple() {
            return learningRate / bound;
        }
    }

    /**
     * The training loss rose to {@code ratio}× its value at initialisation ({@code loss}) at {@code step};
     * {@code recovered} when it then fell back below its start (a catapult), false when training ended first.
     */
    record LossSpike(UnitKey unit, long step, double epoch, double ratio, double loss, boolean recovered)
            implements ExperimentEvent {
        static LossSpike of(SpikeRow r) {
            return new LossSpike(r.unit(), r.step(), r.epoch(), r.ratio(), r.loss(), r.recovered());
        }

        SpikeRow row() {
            return new SpikeRow(unit.n(), unit.width(), unit.seed(), unit.richness(), step, epoch, ratio, loss,
                    recovered);
        }
    }

    /**
     * The eNTK on the probe set of the network trained on n examples, after {@code epoch} epochs ({@code step}
     * steps), with its spectrum (the largest eigenvalues of K/n, descending) and metrics. {@code kernel} is the probe
     * kernel (at most {@link KernelPicture#MAX_SIZE} examples) with rows and columns ordered by class, for the
     * heatmap; null when a saved run kept no kernel.
     */
    record KernelSnapshot(long seed, int n, int epoch, long step, double[] eigenvalues, double effectiveRank,
                          double spectrumSlope, double distanceToInit, double velocity, double ckaToPrevious,
                          double targetAlignment, double regressionTestError, KernelPicture kernel)
            implements ExperimentEvent {
        /** Its row of dynamics.csv, with the network's training loss and test error at that point. */
        DynamicsRow row(double trainLoss, double testError) {
            return new DynamicsRow(seed, n, epoch, step, trainLoss, testError, distanceToInit, velocity, ckaToPrevious,
                    targetAlignment, effectiveRank, spectrumSlope, regressionTestError);
        }
    }

    /** Eigenvalues of K/n of the infinite-width NTK on the same probe set, to overlay on the spectrum. */
    record ReferenceSpectrum(String name, double[] eigenvalues) implements ExperimentEvent {
    }

    /** One learner at one training-set size and seed: its row of results.csv. */
    record ScalingPointDone(ResultRow row) implements ExperimentEvent {
        /** A point with only test figures. */
        public static ScalingPointDone of(Learner l, int n, long seed, double testError, double testMse) {
            return new ScalingPointDone(ResultRow.ofTest(l, n, seed, testError, testMse));
        }

        public Learner learner() {
            return row.learner();
        }

        public int n() {
            return row.n();
        }

        public long seed() {
            return row.seed();
        }

        public double testError() {
            return row.testError();
        }

        public double testMse() {
            return row.testMse();
        }

        public double richness() {
            return row.richness();
        }
    }

    /**
     * The study's claim checked on every row so far for one metric (paired bootstrap over seeds, computed here rather
     * than in the window); {@code check} is null while the rows cannot give a difference yet.
     */
    record ClaimChecked(Metric metric, Claims.Check check) implements ExperimentEvent {
        /** The claim checked for every metric; none for a study that states no claim ({@code rule} null). */
        public static List<ClaimChecked> all(Claims.Rule rule, List<ResultRow> rows) {
            List<ClaimChecked> out = new ArrayList<>();
            if (rule != null) {
                for (Metric m : Metric.values()) {
                    out.add(new ClaimChecked(m, rule.check(rows, m).orElse(null)));
                }
            }
            return out;
        }

    }

    /**
     * The richness study's lines on how the run compares with theory for one metric ({@link RichnessTable#verdict}),
     * computed in the core (the lazy end's paired bootstrap) for the window and the terminal to show; empty while
     * the run has too little to say.
     */
    record RichnessVerdict(Metric metric, java.util.List<String> lines) implements ExperimentEvent {
        public RichnessVerdict {
            lines = java.util.List.copyOf(lines);
        }
    }

    /** The power-law fit of one learner's metric over every row so far, with the networks that did not converge. */
    record FitUpdated(FitKey.OfLearner key, FitEntry entry) implements ExperimentEvent {
        /** A fit of a learner's metric outside a richness study, with every network converged. */
        public static FitUpdated of(Learner l, Metric metric, PowerLawFitResult fit) {
            return new FitUpdated(new FitKey.OfLearner(l, Double.NaN, metric), new FitEntry(fit, java.util.List.of()));
        }

        public Learner learner() {
            return key.learner();
        }

        /** The metric's id, as in fits.json ("test_error", "test_mse"). */
        public String metric() {
            return key.metric().id();
        }

        public PowerLawFitResult fit() {
            return entry.fit();
        }
    }

    /** One width of a width sweep at one seed. */
    record WidthPointDone(WidthRow row) implements ExperimentEvent {
        public int width() {
            return row.width();
        }

        public long seed() {
            return row.seed();
        }

        public double distanceToInfinite() {
            return row.distanceToInfinite();
        }

        public double kernelMovement() {
            return row.kernelMovement();
        }

        public double testError() {
            return row.testError();
        }

        public double testMse() {
            return row.testMse();
        }
    }

    /**
     * A power law fitted to one measure of a width sweep against the width, over the widths so far: for the
     * distance to the infinite NTK, theory predicts α = 1/2 (fluctuations of order width^(−1/2)).
     */
    record WidthFitUpdated(WidthMeasure measure, PowerLawFitResult fit) implements ExperimentEvent {
    }

    /**
     * A row of a table of a study's own ({@link StudyDefinition#tables()}), written by a live run or read back from a
     * saved one; the study's view draws it.
     */
    record RowDone(Study study, Object row) implements ExperimentEvent {
    }

    /**
     * A unit finished whole and was marked in units.csv, after {@code seconds} of computation in this process (what
     * an estimate of the time left is made from).
     */
    record UnitFinished(UnitKey unit, double seconds) implements ExperimentEvent {
    }

    /** Overall progress in [0, 1], with the stage being worked on. */
    record Progress(double fraction, String stage) implements ExperimentEvent {
    }

    record Finished(Path runFolder, double seconds) implements ExperimentEvent {
    }

    /** The run stopped; everything finished before is in the run folder. */
    record Failed(String reason, boolean cancelled) implements ExperimentEvent {
    }
}
