package org.ntkexplorer.core.kernel;

import org.ntkexplorer.core.compute.Footprint;
import org.ntkexplorer.core.model.LayerPlan;
import org.ntkexplorer.core.model.NetworkFootprint;
import org.ntkexplorer.core.model.NetworkSpec;

/**
 * What an {@link EmpiricalNtk} will hold, from the network's plan alone, so that a job is checked before any network
 * exists (the preflight, the run's estimate, the kernel command). Kept apart from the computation it estimates; the
 * block sizes are the computation's own constants.
 */
public final class EmpiricalNtkFootprint {
    private EmpiricalNtkFootprint() {
    }

    /**
     * The peak of {@link EmpiricalNtk#computeInto} and then {@link EmpiricalNtk#computeBounded} for a kernel learner, beyond the n×n buffer:
     * the n_test×n test block in the run's precision, two blocks of features at {@link EmpiricalNtk#SINK_BLOCK_ROWS} rows, the
     * block products and the float64 copy of one, a conv chunk's temporaries and a frozen copy of the parameters.
     */
    public static Footprint ofLearner(NetworkSpec spec, Precision precision, int n, int nTest) {
        LayerPlan plan = LayerPlan.of(spec);
        int width = precision.bytes();
        double perExample = FeatureSizes.featureBytesPerExample(plan.layers(), spec.outputs(), width);
        double block = Math.min(EmpiricalNtk.SINK_BLOCK_ROWS, Math.max(n, nTest));
        double chunk = Math.max(FeatureExtractor.DEFAULT_CHUNK_BYTES,
                FeatureSizes.chunkBytesPerExample(plan.layers(), spec.outputs(), precision));
        return Footprint.of("eNTK " + nTest + "×" + n + " test block", (double) nTest * n * width, 0)
                .plus(Footprint.of("eNTK features and work space", 2 * block * perExample + 3 * block * block * width
                        + block * block * Double.BYTES + 3 * chunk + NetworkFootprint.parameterCount(plan) * width, 0));
    }

    /**
     * The peak of an n1×n2 eNTK of a network of {@code spec}, from its plan alone, for refusing a job before any
     * network exists: the kernel, a frozen copy of the parameters, two blocks of features at the smallest block size
     * {@link EmpiricalNtk} chooses, and a conv chunk's temporaries.
     */
    public static Footprint of(NetworkSpec spec, Precision precision, int n1, int n2) {
        return of(spec, precision, n1, n2, EmpiricalNtk.MIN_BLOCK_ROWS);
    }

    /** As {@link #of(NetworkSpec, Precision, int, int)} with blocks of {@code blockRows} rows. */
    public static Footprint of(NetworkSpec spec, Precision precision, int n1, int n2, int blockRows) {
        LayerPlan plan = LayerPlan.of(spec);
        int width = precision.bytes();
        double perExample = FeatureSizes.featureBytesPerExample(plan.layers(), spec.outputs(), width);
        double block = Math.min(blockRows, Math.max(n1, n2));
        double chunk = Math.max(FeatureExtractor.DEFAULT_CHUNK_BYTES,
                FeatureSizes.chunkBytesPerExample(plan.layers(), spec.outputs(), precision));
        String size = n1 + "×" + n2;
        return Footprint.of("eNTK " + size + " kernel", (double) n1 * n2 * width, 0)
                .plus(Footprint.of("eNTK features and work space", 2 * block * perExample
                        + 3 * block * block * width + 3 * chunk + NetworkFootprint.parameterCount(plan) * width, 0));
    }
}
