package org.ntkexplorer.core.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The NNGP and NTK blocks over the same pair of input sets (DOUBLE matrices of equal shape). */
public record KernelPair(INDArray nngp, INDArray ntk) {
}
