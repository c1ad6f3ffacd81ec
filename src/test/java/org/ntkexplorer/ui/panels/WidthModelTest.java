package org.ntkexplorer.ui.panels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.ntkexplorer.core.scaling.PowerLawFitResult;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;
import org.ntkexplorer.core.experiment.store.WidthMeasure;
import org.ntkexplorer.core.experiment.store.WidthRow;

/** What the width-sweep panel draws and says, from the events alone. */
class WidthModelTest {

    @Test
    void meansPerWidthOverSeedsAndTheSlopeInTheLegend() {
        WidthModel m = new WidthModel();
        assertTrue(m.caption().startsWith("How close"));
        assertFalse(m.accept(List.of(ExperimentEvent.ScalingPointDone.of(
                org.ntkexplorer.core.experiment.spec.Learner.NETWORK, 10, 0, 0.5, 0.5))), "not a sweep's event");
        m.accept(List.of(new ExperimentEvent.WidthPointDone(new WidthRow(64, 0, 0.2, 0.1, 0.3, 0.4, -1, null)),
                new ExperimentEvent.WidthPointDone(new WidthRow(64, 1, 0.4, 0.1, 0.3, 0.4, -1, null)),
                new ExperimentEvent.WidthPointDone(new WidthRow(256, 0, 0.1, 0.05, 0.3, 0.4, -1, null))));
        assertEquals(2, m.rows(WidthMeasure.values()[0]).size(), "two widths");
        assertEquals("At 2 widths: distance of the initial kernel to the infinite NTK, kernel movement in training "
                + "and test error; dashed lines are fitted slopes.", m.caption());
        WidthMeasure first = WidthMeasure.values()[0];
        assertEquals(first.label(), m.legend(first), "no fit yet: the measure alone");
        m.accept(List.of(new ExperimentEvent.WidthFitUpdated(first, new PowerLawFitResult(0.5, 1, 0.99, 0.45, 0.55,
                0.95, Double.NaN, Double.NaN, Double.NaN, 2))));
        assertEquals(first.label() + ": α = 0.500 [0.450, 0.550]", m.legend(first));
        m.clear();
        assertTrue(m.isEmpty());
    }
}
