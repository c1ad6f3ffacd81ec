package org.ntkexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;
import org.ntkexplorer.core.experiment.run.TimeLeft;
import org.ntkexplorer.core.experiment.spec.UnitKey;

/** The status bar says how long is left only once a unit of the run has finished, never from a first fraction. */
class RunClockTest {
    private static final List<UnitKey> PLAN = List.of(new UnitKey(64, 512, 0, Double.NaN),
            new UnitKey(128, 512, 0, Double.NaN), new UnitKey(256, 512, 0, Double.NaN));

    @Test
    void noFigureUntilTheFirstUnitFinishes() {
        RunClock clock = new RunClock();
        clock.start(new TimeLeft(PLAN, u -> 0));
        assertEquals(RunClock.WAITING, clock.text());
        // Far into the first unit (the core estimate would guess from this fraction): still no figure.
        clock.accept(new ExperimentEvent.Progress(0.3, "training n=64"));
        assertEquals(RunClock.WAITING, clock.text());
        clock.accept(new ExperimentEvent.UnitFinished(PLAN.get(0), 10));
        clock.accept(new ExperimentEvent.Progress(1 / 3.0, "training n=128"));
        assertTrue(clock.text().startsWith("about ") && clock.text().endsWith(" left"), clock.text());
    }

    @Test
    void aNewRunWaitsForItsOwnFirstUnit() {
        RunClock clock = new RunClock();
        clock.start(new TimeLeft(PLAN, u -> 0));
        clock.accept(new ExperimentEvent.UnitFinished(PLAN.get(0), 10));
        clock.start(new TimeLeft(PLAN, u -> 0));
        clock.accept(new ExperimentEvent.Progress(0.3, "training n=64"));
        assertEquals(RunClock.WAITING, clock.text());
        clock.accept(new ExperimentEvent.Failed("stopped", true));
        assertEquals("", clock.text());
    }
}
