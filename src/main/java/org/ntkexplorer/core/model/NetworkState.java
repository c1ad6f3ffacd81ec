package org.ntkexplorer.core.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Everything training changes in a network: the flat parameter vector, the optimiser's state (momentum, Adam's
 * moments; empty for plain SGD) and DL4J's iteration and epoch counters, which Adam's bias correction reads.
 * Restoring it and continuing gives the same numbers as never having stopped.
 */
public record NetworkState(INDArray parameters, INDArray updaterState, int iterationCount, int epochCount) {
}
