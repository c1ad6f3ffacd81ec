package org.ntkexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ntkexplorer.ui.panels.TrainingPanel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;
import org.ntkexplorer.core.experiment.spec.Learner;
import org.ntkexplorer.core.experiment.spec.UnitKey;
import org.ntkexplorer.core.experiment.store.ResultRow;

/**
 * The training panel shows each network's largest stable learning rate, live and from a saved results.csv, and its
 * loss spikes, live and replayed from spikes.csv.
 */
@ExtendWith(ApplicationExtension.class)
class TrainingPanelStableRateTest {
    @Start
    void start(Stage stage) {
    }

    @Test
    void liveEstimateIsCaptionedAsAMultipleOfTheBound(FxRobot robot) {
        UnitKey u = new UnitKey(64, 256, 0, Double.NaN);
        AtomicReference<String> caption = new AtomicReference<>();
        robot.interact(() -> {
            TrainingPanel p = new TrainingPanel();
            p.accept(List.of(new ExperimentEvent.EpochDone(u, 1, 1, 10, 0.5, 0.2, 0.6, 0.3),
                    new ExperimentEvent.StableRateEstimated(u, 500, 0.0025, 0.01, "d", "w"),
                    new ExperimentEvent.LossSpike(u, 3, 0.5, 37, 18.5, true)));
            p.showUnit(u);
            caption.set(p.stableRateCaption(u));
        });
        assertTrue(caption.get().contains("≈ 0.0025") && caption.get().contains("4.00× it, above twice the bound"),
                caption.get());
    }

    @Test
    void aReplayedSpikeIsMarkedAndNamed(FxRobot robot) {
        // What RunFolder.replay sends for a row of spikes.csv: the same event as the live run's.
        UnitKey u = new UnitKey(64, 256, 0, Double.NaN);
        AtomicReference<String> caption = new AtomicReference<>();
        robot.interact(() -> {
            TrainingPanel p = new TrainingPanel();
            p.accept(List.of(new ExperimentEvent.EpochDone(u, 1, 1, 10, 0.5, 0.2, 0.6, 0.3),
                    new ExperimentEvent.LossSpike(u, 1, 1.0, 7.08, 28.6, true)));
            p.showUnit(u);
            caption.set(p.caption());
        });
        assertTrue(caption.get().contains("Catapult: the training loss rose to 7.08× its start at step 1 and fell "
                + "back (marked)"), caption.get());
    }

    @Test
    void savedRowsGiveTheEstimateOfASavedRun(FxRobot robot) {
        UnitKey u = new UnitKey(64, 256, 1, Double.NaN);
        AtomicReference<String> caption = new AtomicReference<>();
        robot.interact(() -> {
            TrainingPanel p = new TrainingPanel();
            p.accept(List.of(new ExperimentEvent.EpochDone(u, 1, 1, 10, 0.5, 0.2, 0.6, 0.3),
                    new ExperimentEvent.ScalingPointDone(new ResultRow(Learner.NETWORK, 64, 1, Double.NaN, 0.1, 0.2,
                            0.01, 0, 100, 5, true, 0.1, 0.5, 0.00237, 3))));
            p.showUnit(u);
            caption.set(p.stableRateCaption(u));
        });
        assertEquals(" Largest stable learning rate ≈ 0.00237 (eNTK at initialisation).", caption.get());
    }
}
