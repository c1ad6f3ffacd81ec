package org.ntkexplorer.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ntkexplorer.core.compute.Footprint;
import org.ntkexplorer.core.compute.NativeParallel;

class NetworkFootprintTest {
    private static final NetworkSpec MYRTLE = new NetworkSpec(Architecture.MYRTLE5, 0, 32, Activation.RELU,
            Parameterization.STANDARD, Math.sqrt(2), 0, 10, new int[] {1, 28, 28});
    private static final TrainingConfig ADAM = new TrainingConfig(Optimizer.ADAM, 0.003, 0, 64, 1, 0,
            LossKind.MSE, LearningRateSchedule.CONSTANT);

    @Test
    void evaluatingMoreExamplesDoesNotGrowTheForwardPassOnceEveryThreadHasAFullPart() {
        // NtkNetwork.logits walks a split in parts of at most 128 rows: a full-data Myrtle run at n = 16,384 was
        // refused for 24.9 GiB of "activations of one forward pass" that no pass ever held.
        int full = 128 * NativeParallel.threads();
        Footprint atFull = NetworkFootprint.trained(MYRTLE, 4, ADAM, full);
        Footprint atLarge = NetworkFootprint.trained(MYRTLE, 4, ADAM, 16 * full);
        assertEquals(atFull.totalBytes(), atLarge.totalBytes(), 0.0);
        // Not a multiple of 128: the parts are a little smaller, never larger.
        assertTrue(NetworkFootprint.trained(MYRTLE, 4, ADAM, 16 * full + 5).totalBytes() <= atFull.totalBytes());
        Footprint atSmall = NetworkFootprint.trained(MYRTLE, 4, ADAM, 64);
        assertTrue(atSmall.totalBytes() < atFull.totalBytes());
    }

    @Test
    void theRowsHeldAreOnePartPerThreadAtMost() {
        assertEquals(5, NetworkFootprint.evaluationRows(5), 0.0);
        assertEquals(128, NetworkFootprint.evaluationRows(128), 0.0);
        assertEquals(Math.min(2, NativeParallel.threads()) * 65, NetworkFootprint.evaluationRows(129), 0.0);
        assertEquals(NativeParallel.threads() * 128.0, NetworkFootprint.evaluationRows(1 << 20), 0.0);
    }
}
