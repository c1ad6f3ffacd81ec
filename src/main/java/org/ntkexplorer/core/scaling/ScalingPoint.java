package org.ntkexplorer.core.scaling;

/** One run of a learner: training-set size n, the seed of that run and its test loss (or error). */
public record ScalingPoint(double n, long seed, double loss) {
}
