package org.ntkexplorer.core.experiment.run;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntkexplorer.core.kernel.InfiniteMlpKernel;
import org.ntkexplorer.core.kernel.KernelKind;
import org.ntkexplorer.core.kernel.KernelTiles;
import org.ntkexplorer.core.kernel.Precision;
import org.ntkexplorer.core.model.LayerPlan;
import org.ntkexplorer.core.model.NetworkSpec;
import org.ntkexplorer.core.model.Parameterization;

/** Infinite-width kernels of MLPs for {@link KernelJob} (docs/science.md, §Infinite-width kernels). */
final class InfiniteKernelJobs {
    private InfiniteKernelJobs() {
    }

    /** Strips of the kernel for {@link KernelTiles}, or the refusal of a spec that has none. */
    static KernelTiles.Strips strips(NetworkSpec spec, INDArray x, KernelKind kind, Precision precision) {
        refuse(spec, kind);
        return KernelTiles.infinite(InfiniteMlpKernel.of(spec), kind != KernelKind.NNGP, precision, x);
    }

    private static void refuse(NetworkSpec spec, KernelKind kind) {
        String refusal = LayerPlan.of(spec).infiniteWidthRefusal();
        if (refusal != null) {
            throw new IllegalArgumentException("the " + kind.id() + " kernel is available for MLPs only; " + refusal
                    + " (use --kind empirical)");
        }
        if (kind == KernelKind.INFINITE_NTK && spec.parameterization() != Parameterization.NTK) {
            throw new IllegalArgumentException("the infinite NTK is defined for NTK parameterisation; use "
                    + "--parameterization ntk (the NNGP is the same for both)");
        }
    }
}
