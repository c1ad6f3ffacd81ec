package org.ntkexplorer.core.kernel;

/** What kernel regression needs: the train×train block and the test×train block, each as NNGP and NTK. */
public record KernelBlocks(KernelPair train, KernelPair testTrain) {
}
