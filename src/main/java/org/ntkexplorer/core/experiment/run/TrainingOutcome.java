package org.ntkexplorer.core.experiment.run;

/**
 * How a network's training ended: steps and epochs taken (the last epoch possibly partial), its loss and error on
 * its whole training set at the end, its test figures, whether it met the stopping rule (null without one), and the
 * largest stable learning rate estimated at initialisation (NaN when the optimiser has none).
 */
public record TrainingOutcome(long steps, int epochs, double trainLoss, double trainError, Evaluation test,
                       Boolean converged, double stableRate) {
}
