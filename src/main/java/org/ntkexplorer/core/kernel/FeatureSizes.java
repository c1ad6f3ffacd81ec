package org.ntkexplorer.core.kernel;

import java.util.List;

import org.ntkexplorer.core.model.PlannedLayer;
import org.ntkexplorer.core.nn.ConvOps;

/**
 * How large {@link FeatureExtractor}'s features and temporaries are, from a network's plan alone, so that
 * {@link EmpiricalNtkFootprint} can estimate a job before any network exists. The extractor sizes itself the same
 * way (FeatureSizesTest holds the two together); doubles, because the networks a refusal is for overflow a long.
 */
final class FeatureSizes {
    private FeatureSizes() {
    }

    /**
     * Bytes of a conv chunk's largest temporary per example: the backward signal of all C logits with native
     * convolutions, its im2col columns otherwise (the route {@link ConvOps} takes for the precision); 0 for MLPs.
     */
    static double chunkBytesPerExample(List<PlannedLayer> layers, int logits, Precision precision) {
        boolean direct = ConvOps.nativeConvolutions(precision.dataType());
        double worst = 0;
        for (PlannedLayer l : layers) {
            worst = Math.max(worst, logits * l.backwardSignalValues(direct) * precision.bytes());
        }
        return worst;
    }

    /** Bytes of the features of one example, summed over layers. */
    static double featureBytesPerExample(List<PlannedLayer> layers, int logits, int width) {
        double values = 0;
        for (PlannedLayer l : layers) {
            values += l.featureColumns(l == layers.get(layers.size() - 1), logits);
        }
        return values * width;
    }
}
