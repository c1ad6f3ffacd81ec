package org.ntkexplorer.core.experiment;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntkexplorer.core.compute.TaskMonitor;
import org.ntkexplorer.core.kernel.KernelKind;
import org.ntkexplorer.core.kernel.Precision;
import org.ntkexplorer.core.model.NetworkSpec;

/** Infinite-width kernels for {@link KernelJob}. */
final class InfiniteKernelJobs {
    private InfiniteKernelJobs() {
    }

    static INDArray compute(NetworkSpec spec, INDArray x, KernelKind kind, Precision precision, TaskMonitor monitor) {
        throw new IllegalArgumentException("the " + kind.id() + " kernel is not available in this build");
    }
}
