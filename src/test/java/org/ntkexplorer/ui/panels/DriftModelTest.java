package org.ntkexplorer.ui.panels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;

/** What the kernel-drift panel draws and says, from the snapshots alone. */
class DriftModelTest {

    private static ExperimentEvent.KernelSnapshot snap(long seed, int n, int epoch, double distance, double velocity,
            double alignment) {
        return new ExperimentEvent.KernelSnapshot(seed, n, epoch, epoch * 10L, new double[0], Double.NaN, Double.NaN,
                distance, velocity, 0.9, alignment, Double.NaN, null);
    }

    @Test
    void curvesAcrossEpochsLeaveOutWhatALogAxisCannotShow() {
        DriftModel m = new DriftModel();
        List<Long> seeds = m.accept(List.of(snap(7, 256, 0, 0, Double.NaN, 0.2), snap(7, 256, 1, 0.05, 0.05, 0.3),
                snap(7, 256, 2, 0.08, 0.03, 0.35)));
        assertEquals(List.of(7L), seeds, "one seed, named once");
        List<double[]> distance = m.curve(7, DriftModel.Curve.DISTANCE);
        assertEquals(2, distance.size(), "the zero distance at epoch 0 is not drawn on a log axis");
        assertArrayEquals(new double[] {2, 0.08}, distance.get(1), 0);
        assertEquals(2, m.curve(7, DriftModel.Curve.VELOCITY).size(), "NaN velocity at epoch 0 left out");
        assertEquals(3, m.curve(7, DriftModel.Curve.CKA_GAP).size());
        assertEquals(2, m.lastEpoch(7));
        assertEquals("n = 256, seed 7: how far and fast the kernel moves, 3 snapshots.", m.caption(false, 7L));
        assertTrue(m.caption(false, null).startsWith("How far"));
    }

    @Test
    void perNTheMovementIsTheEndSnapshotAndAlignmentIsBeforeAndAfter() {
        DriftModel m = new DriftModel();
        m.accept(List.of(snap(0, 100, 0, 0, Double.NaN, 0.2), snap(0, 100, 5, 0.1, Double.NaN, 0.4),
                snap(1, 100, 0, 0, Double.NaN, 0.22), snap(1, 100, 5, 0.3, Double.NaN, 0.44)));
        assertEquals(0.2, m.perN(DriftModel.MOVED).get(0).mean(), 1e-12);
        assertEquals(0.21, m.perN(DriftModel.BEFORE).get(0).mean(), 1e-12);
        assertEquals(0.42, m.perN(DriftModel.AFTER).get(0).mean(), 1e-12);
        assertTrue(m.perNTop() >= 0.42);
        assertEquals("Per n, mean of 2 seeds: kernel movement and label alignment.", m.caption(true, null));
        m.clear();
        assertTrue(m.isEmpty());
        assertEquals("Per n: kernel movement and label alignment.", m.caption(true, null));
    }
}
