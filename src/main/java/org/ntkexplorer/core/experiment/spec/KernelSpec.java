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
 * @param n0                 training examples of the pre-trained network whose eNTK is taken (the pretrained study,
 *                           and the learner entk-pretrained in any study)
 * @param snapshotRegression also kernel-regress with each probe-kernel snapshot (every study that takes them)
 */
public record KernelSpec(List<Learner> learners, int probeSize, double ridge, Precision dtype, boolean saveKernels,
                         int n0, boolean snapshotRegression) {

    public KernelSpec {
        learners = List.copyOf(learners);
    }

    public KernelSpec withoutSaving() {
        return new KernelSpec(learners, probeSize, ridge, dtype, false, n0, snapshotRegression);
    }
}
