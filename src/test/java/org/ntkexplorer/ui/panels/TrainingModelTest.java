package org.ntkexplorer.ui.panels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;
import org.ntkexplorer.core.experiment.spec.Learner;
import org.ntkexplorer.core.experiment.spec.UnitKey;
import org.ntkexplorer.core.experiment.store.ResultRow;

/** What the training panel draws and says for a network, from the events alone: no window, no toolkit. */
class TrainingModelTest {
    private static final UnitKey A = new UnitKey(64, 256, 0, Double.NaN);
    private static final UnitKey B = new UnitKey(128, 256, 0, Double.NaN);

    /**
     * What TrainingLoop sends for one network: its stable rate before training, then an evaluation every
     * {@code every} epochs up to {@code epochs} (loss halving each time; the training error not measured at epoch 0,
     * as a regression network reports none).
     */
    private static List<ExperimentEvent> network(UnitKey u, int epochs, int every, double rate) {
        List<ExperimentEvent> out = new ArrayList<>();
        out.add(new ExperimentEvent.StableRateEstimated(u, 400, 0.005, rate, "line", null));
        double loss = 1;
        for (int e = 0; e <= epochs; e += every) {
            out.add(new ExperimentEvent.EpochDone(u, e, e * 10L, epochs * 10L, loss, e == 0 ? Double.NaN : loss / 4,
                    loss * 1.2, loss / 3));
            loss /= 2;
        }
        return out;
    }

    @Test
    void eachNetworksCurvesAndItsCaption() {
        TrainingModel m = new TrainingModel();
        assertEquals(List.of(A), m.accept(network(A, 6, 2, 0.004)));
        assertEquals(List.of(B), m.accept(network(B, 4, 2, 0.02)));
        assertEquals(List.of(A, B), m.units());
        TrainingModel.Shown a = m.show(A);
        List<double[]> loss = a.curves().get(TrainingModel.Curve.TRAIN_LOSS);
        assertEquals(4, loss.size(), "evaluations at epochs 0, 2, 4, 6");
        assertArrayEquals(new double[] {6, 0.125}, loss.get(3), 0);
        assertEquals(3, a.curves().get(TrainingModel.Curve.TRAIN_ERROR).size(), "the unmeasured error is not drawn");
        assertArrayEquals(new double[] {4, 0.25 * 1.2}, a.curves().get(TrainingModel.Curve.TEST_LOSS).get(2), 1e-12);
        assertEquals(6, a.lastEpoch());
        assertEquals("n = 64, seed 0, width 256: loss and error at each evaluation (2 networks). Largest stable "
                + "learning rate ≈ 0.00500 (eNTK at initialisation); this network's rate 0.00400 is 0.80× it.",
                a.caption());
        assertTrue(a.spikes().isEmpty());
        String b = m.show(B).caption();
        assertTrue(b.contains("rate 0.0200 is 4.00× it, above twice the bound."), b);
        assertEquals(4, m.show(B).lastEpoch());
    }

    @Test
    void aCatapultIsMarkedAtItsEpochAndNamed() {
        TrainingModel m = new TrainingModel();
        List<ExperimentEvent> run = new ArrayList<>(network(A, 4, 1, 0.004));
        // As TrainingLoop.spike sends it: the peak's step, its epoch as a fraction, ratio and loss.
        run.add(new ExperimentEvent.LossSpike(A, 25, 2.5, 7.08, 7.08, true));
        run.add(new ExperimentEvent.LossSpike(A, 35, 3.5, 3.0, 3.0, false));
        m.accept(run);
        TrainingModel.Shown s = m.show(A);
        assertEquals(2, s.spikes().size());
        assertArrayEquals(new double[] {2.5, 7.08}, s.spikes().get(0), 0);
        assertTrue(s.caption().endsWith(" Catapult: the training loss rose to 7.08× its start at step 25 and fell "
                + "back (marked)."), s.caption());
        m.accept(List.of(new ExperimentEvent.LossSpike(B, 5, 0.5, 4, 4, false)));
        assertTrue(m.show(B).caption().contains("Loss spike: the training loss rose to 4.00× its start at step 5 "
                + "(marked)."), m.show(B).caption());
        assertEquals(List.of(A), m.units(), "a spike alone gives no curve");
    }

    @Test
    void aSavedRunsRowsGiveTheStableRateOfTheirNetworkOnly() {
        TrainingModel m = new TrainingModel();
        UnitKey rich = new UnitKey(64, 256, 1, 0.1);
        UnitKey lazy = new UnitKey(64, 256, 1, 100);
        // What RunReplay sends: training.csv's evaluations (no maxSteps), then results.csv's rows.
        m.accept(List.of(new ExperimentEvent.EpochDone(rich, 1, 10, -1, 0.5, 0.2, 0.6, 0.3),
                new ExperimentEvent.EpochDone(lazy, 1, 10, -1, 0.5, 0.2, 0.6, 0.3),
                new ExperimentEvent.ScalingPointDone(new ResultRow(Learner.NETWORK, 64, 1, 0.1, 0.1, 0.2, 0.01, 0, 100,
                        5, true, 0.1, 0.5, 0.00237, 3)),
                new ExperimentEvent.ScalingPointDone(new ResultRow(Learner.NETWORK, 64, 1, 100, 0.1, 0.2, 0.01, 0, 100,
                        5, true, 0.1, 0.5, Double.NaN, 3))));
        assertEquals(" Largest stable learning rate ≈ 0.00237 (eNTK at initialisation).", m.stableCaption(rich));
        assertEquals("", m.stableCaption(lazy), "no estimate in its row, none shown");
        assertTrue(m.show(lazy).caption().startsWith("n = 64, seed 1, α = 100, width 256: loss and error at each "
                + "evaluation (2 networks)."), m.show(lazy).caption());
        m.clear();
        assertTrue(m.isEmpty());
        assertEquals("", m.stableCaption(rich));
    }
}
