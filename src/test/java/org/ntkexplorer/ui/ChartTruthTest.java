package org.ntkexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.paint.Color;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ntkexplorer.core.scaling.PowerLawFitResult;
import org.ntkexplorer.ui.panels.Charts;
import org.ntkexplorer.ui.panels.ScalingPanel;
import org.ntkexplorer.ui.panels.SpectrumPanel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import io.fair_acc.dataset.DataSet;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;
import org.ntkexplorer.core.experiment.spec.Learner;
import org.ntkexplorer.core.experiment.store.Metric;

/** Charts say what they draw: fits in their learner's colour, axis names that follow the metric, no empty entries. */
@ExtendWith(ApplicationExtension.class)
class ChartTruthTest {
    private ScalingPanel scaling;
    private SpectrumPanel spectrum;

    @Start
    void start(Stage stage) {
        scaling = new ScalingPanel();
        spectrum = new SpectrumPanel();
        HBox box = new HBox(scaling, spectrum);
        stage.setScene(new Scene(box, 1400, 500));
        stage.show();
    }

    private static PowerLawFitResult fit(double alpha) {
        return new PowerLawFitResult(alpha, 1, 0.9, alpha - 0.05, alpha + 0.05, 0.95, Double.NaN, Double.NaN,
                Double.NaN, 4);
    }

    private void feed(FxRobot robot) {
        List<ExperimentEvent> events = new java.util.ArrayList<>();
        for (Learner l : List.of(Learner.NETWORK, Learner.ENTK_INIT)) {
            double a = l == Learner.NETWORK ? 0.5 : 0.2;
            for (int n : new int[] {100, 200, 400}) {
                events.add(ExperimentEvent.ScalingPointDone.of(l, n, 0, Math.pow(n, -a), 0.5 * Math.pow(n, -a)));
            }
            events.add(ExperimentEvent.FitUpdated.of(l, Metric.TEST_ERROR, fit(a)));
            events.add(ExperimentEvent.FitUpdated.of(l, Metric.TEST_MSE, fit(a + 0.01)));
        }
        // The runner sends the claim checks after the fits; the panel only shows them.
        events.addAll(org.ntkexplorer.core.experiment.run.ExperimentEvent.ClaimChecked.all(
                org.ntkexplorer.core.experiment.run.StudyDefinition.of(org.ntkexplorer.core.experiment.spec.Study.SCALING).claim(),
                events.stream().filter(e -> e instanceof ExperimentEvent.ScalingPointDone)
                        .map(e -> ((ExperimentEvent.ScalingPointDone) e).row()).collect(Collectors.toList())));
        robot.interact(() -> {
            scaling.accept(events);
            scaling.applyCss();
            scaling.layout();
        });
    }

    private Set<String> legend(FxRobot robot, javafx.scene.Node in) {
        return robot.from(in).lookup(".legend-entry").queryAllAs(Label.class).stream().filter(Label::isVisible)
                .filter(Label::isManaged).map(Label::getText)
                .collect(Collectors.toSet());
    }

    @Test
    void aFitLineHasItsSeriesColourAndTheLegendOneEntryPerLearner(FxRobot robot) {
        feed(robot);
        for (Learner l : List.of(Learner.NETWORK, Learner.ENTK_INIT)) {
            DataSet[] s = scaling.series(l);
            Color points = Charts.drawnColour(scaling.chart(), s[0]);
            Color line = Charts.drawnColour(scaling.chart(), s[1]);
            assertNotNull(points);
            assertEquals(Charts.colour(l), points, l + " points");
            assertEquals(points, line, l + " fit line in the colour of its points");
        }
        Set<String> legend = legend(robot, scaling);
        assertEquals(Set.of("network: α = 0.500 [0.450, 0.550]", "entk-init: α = 0.200 [0.150, 0.250]"), legend);
    }

    @Test
    void theAxisLabelFollowsTheSelectedMetric(FxRobot robot) {
        feed(robot);
        assertEquals("test error", scaling.chart().getYAxis().getName());
        robot.interact(() -> scaling.setMetric(Metric.TEST_MSE));
        assertEquals("test MSE", scaling.chart().getYAxis().getName());
        robot.interact(() -> {
            scaling.applyCss();
            scaling.layout();
        });
        assertTrue(legend(robot, scaling).contains("network: α = 0.510 [0.460, 0.560]"), legend(robot, scaling)
                .toString());
        // The fed rows have one seed per n: whatever the metric, no verdict (docs: no claims from one seed).
        assertTrue(scaling.verdict().contains("needs ≥ 2 seeds") && !scaling.verdict().contains("supports"),
                scaling.verdict());
    }

    @Test
    void aSeriesWithNothingDrawnHasNoLegendEntry(FxRobot robot) {
        double[] eig = {1, 0.5, 0.25, 0.1};
        robot.interact(() -> {
            spectrum.accept(List.of(new ExperimentEvent.KernelSnapshot(0, 100, 0, 0, eig, 1, 1, 0, Double.NaN,
                    Double.NaN, 0.3, Double.NaN, null)));
            spectrum.applyCss();
            spectrum.layout();
        });
        assertEquals(Set.of("eNTK at init"), legend(robot, spectrum), "no entry for the absent infinite NTK");
    }
}
