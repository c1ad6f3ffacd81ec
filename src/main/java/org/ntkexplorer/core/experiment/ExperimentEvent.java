package org.ntkexplorer.core.experiment;

import java.nio.file.Path;

import org.ntkexplorer.core.scaling.PowerLawFitResult;

/** What a running experiment reports to its listeners (the terminal, the window). Plain values only. */
public sealed interface ExperimentEvent {

    /** A training epoch of the network at size n and seed; NaN where a figure was not measured. */
    record EpochDone(int n, long seed, int epoch, int epochs, double trainLoss, double trainError, double testLoss,
                     double testError) implements ExperimentEvent {
    }

    /**
     * The eNTK on the probe set of the network trained on n examples, at an epoch, with its spectrum (the largest
     * eigenvalues of K/n, descending) and metrics. {@code kernel} is the probe kernel (at most
     * {@link KernelPicture#MAX_SIZE} examples) with rows and columns ordered by class, for the heatmap; null
     * when a saved run kept no kernel.
     */
    record KernelSnapshot(long seed, int n, int epoch, double[] eigenvalues, double effectiveRank, double spectrumSlope,
                          double distanceToInit, double velocity, double ckaToPrevious, double targetAlignment,
                          double regressionTestError, KernelPicture kernel) implements ExperimentEvent {
    }

    /** Eigenvalues of K/n of the infinite-width NTK on the same probe set, to overlay on the spectrum. */
    record ReferenceSpectrum(String name, double[] eigenvalues) implements ExperimentEvent {
    }

    /** One learner at one training-set size and seed. */
    record ScalingPointDone(Learner learner, int n, long seed, double testError, double testMse, double trainLoss,
                            double seconds) implements ExperimentEvent {
    }

    /** The power-law fit of one learner over the points so far. */
    record FitUpdated(Learner learner, String metric, PowerLawFitResult fit) implements ExperimentEvent {
    }

    /** One width of a width sweep at one seed. */
    record WidthPointDone(int width, long seed, double distanceToInfinite, double kernelMovement, double testError,
                          double testMse) implements ExperimentEvent {
    }

    /**
     * A power law fitted to one measure of a width sweep against the width, over the widths so far: for the
     * distance to the infinite NTK, theory predicts α = 1/2 (fluctuations of order width^(−1/2)).
     */
    record WidthFitUpdated(WidthMeasure measure, PowerLawFitResult fit) implements ExperimentEvent {
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
