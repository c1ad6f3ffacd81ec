package org.ntkexplorer.core.experiment.spec;

import java.util.List;

import org.ntkexplorer.core.kernel.Precision;

/**
 * The kernel keys of a spec: what is compared with the network, on which probe set, with which ridge, in which
 * precision, and whether the probe kernels are kept.
 *
 * @param probeSize   examples of the fixed probe set on which kernels are measured
 * @param ridge       kernel-regression ridge, relative to the mean diagonal of K
 * @param dtype       precision of networks and kernels
 * @param saveKernels keep each probe-kernel snapshot as .npy under kernels/ in the run folder
 */
public record KernelSpec(List<Learner> learners, int probeSize, double ridge, Precision dtype, boolean saveKernels) {

    public KernelSpec {
        learners = List.copyOf(learners);
    }

    public KernelSpec withoutSaving() {
        return new KernelSpec(learners, probeSize, ridge, dtype, false);
    }
}
