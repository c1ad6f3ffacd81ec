package org.ntkexplorer.core.experiment;

import java.util.List;

import org.ntkexplorer.core.kernel.Precision;

/**
 * The kernel part of a spec (the keys of {@link SpecField.Part#KERNEL}): what is compared with the network, the
 * probe set kernels are measured on, the regression's ridge and the precision of networks and kernels.
 */
public record KernelSpec(List<Learner> learners, int probeSize, double ridge, Precision dtype) {
    public KernelSpec {
        learners = List.copyOf(learners);
    }
}
