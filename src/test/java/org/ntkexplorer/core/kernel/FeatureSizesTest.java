package org.ntkexplorer.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.ntkexplorer.core.model.Activation;
import org.ntkexplorer.core.model.Architecture;
import org.ntkexplorer.core.model.NetworkSpec;
import org.ntkexplorer.core.model.NtkNetwork;
import org.ntkexplorer.core.model.Parameterization;
import org.ntkexplorer.core.model.TrainingConfig;

/** The estimate from a plan alone matches what the extractor of a built network allocates. */
class FeatureSizesTest {
    @Test
    void planEstimateMatchesTheExtractor() {
        NetworkSpec[] specs = {
            NetworkSpec.mlp(3, 16, Activation.RELU, Parameterization.NTK, 1.4, 0.1, 4, 20),
            new NetworkSpec(Architecture.MYRTLE5, 0, 4, Activation.RELU, Parameterization.NTK, 1.4, 0.1, 3,
                    new int[] {2, 8, 8}),
        };
        for (NetworkSpec spec : specs) {
            for (Precision p : Precision.values()) {
                NtkNetwork net = NtkNetwork.create(spec, 0, DataType.DOUBLE, TrainingConfig.sgdMomentum(0.1, 4, 1));
                FeatureExtractor extractor = new FeatureExtractor(NetworkSnapshot.of(net, p),
                        FeatureExtractor.DEFAULT_CHUNK_BYTES);
                assertEquals(extractor.featureBytesPerExample(),
                        (long) FeatureSizes.featureBytesPerExample(net.plan().layers(), spec.outputs(), p.bytes()),
                        spec + " " + p);
                double chunk = FeatureSizes.chunkBytesPerExample(net.plan().layers(), spec.outputs(), p);
                assertEquals(chunk == 0 ? Integer.MAX_VALUE : (int) Math.max(1,
                        FeatureExtractor.DEFAULT_CHUNK_BYTES / chunk), extractor.chunkRows(), spec + " " + p);
            }
        }
    }
}
