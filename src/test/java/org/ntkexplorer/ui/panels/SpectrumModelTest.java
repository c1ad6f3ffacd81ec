package org.ntkexplorer.ui.panels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;

/** What the spectrum panel draws and says for a network, from the snapshots alone. */
class SpectrumModelTest {

    private static ExperimentEvent.KernelSnapshot snap(long seed, int n, int epoch, double... eig) {
        return new ExperimentEvent.KernelSnapshot(seed, n, epoch, epoch * 10L, eig, Double.NaN, Double.NaN, 0, 0, 1,
                0, Double.NaN, null);
    }

    @Test
    void theInitialAndLatestSpectraOfANetworkWithTheirPositiveHeads() {
        SpectrumModel m = new SpectrumModel();
        SpectrumModel.Net net = new SpectrumModel.Net(3, 128);
        assertEquals(List.of(net), m.accept(List.of(snap(3, 128, 0, 4, 2, 1e-3, 0, -1e-9), snap(3, 128, 2, 5, 1))));
        assertEquals(List.of(net), m.accept(List.of(snap(3, 128, 4, 6, 0.5, 0.1))), "a later snapshot touches it again");
        SpectrumModel.Shown s = m.show(net);
        assertArrayEquals(new double[] {4, 2, 1e-3}, s.initial().eigenvalues(), 0, "zero and below are not drawn");
        assertArrayEquals(new double[] {6, 0.5, 0.1}, s.current().eigenvalues(), 0);
        assertEquals("eNTK at epoch 4", s.current().name());
        assertEquals("n = 128, seed 3: kernel eigenvalues at init and epoch 4.", s.caption());
    }

    @Test
    void aNetworkSeenOnlyAtInitialisationShowsOneSpectrum() {
        SpectrumModel m = new SpectrumModel();
        m.accept(List.of(snap(0, 64, 0, 3, 2, 1), snap(0, 64, 0, 3, 2, 1), new ExperimentEvent.KernelSnapshot(1, 64, 0,
                0, new double[0], Double.NaN, Double.NaN, 0, 0, 1, 0, Double.NaN, null)));
        SpectrumModel.Shown s = m.show(new SpectrumModel.Net(0, 64));
        assertEquals(0, s.current().eigenvalues().length);
        assertEquals("eNTK now", s.current().name());
        assertEquals("n = 64, seed 0: kernel eigenvalues at init.", s.caption());
        assertNull(m.reference());
        m.clear();
        assertTrue(m.isEmpty());
    }
}
