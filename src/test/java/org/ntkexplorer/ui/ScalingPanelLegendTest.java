package org.ntkexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ntkexplorer.core.experiment.ExperimentEvent;
import org.ntkexplorer.core.experiment.Learner;
import org.ntkexplorer.core.scaling.PowerLawFitResult;
import org.ntkexplorer.ui.panels.ScalingPanel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A refit renames its line; the legend, drawn once already, must show the new α and not the first one. */
@ExtendWith(ApplicationExtension.class)
class ScalingPanelLegendTest {
    private ScalingPanel panel;

    @Start
    void start(Stage stage) {
        panel = new ScalingPanel();
        stage.setScene(new Scene(panel, 900, 500));
        stage.show();
    }

    private static PowerLawFitResult fit(double alpha) {
        return new PowerLawFitResult(alpha, 1, 0.9, alpha - 0.05, alpha + 0.05, 0.95, Double.NaN, Double.NaN,
                Double.NaN, 4);
    }

    private Set<String> legend(FxRobot robot) {
        return robot.lookup(".chart-legend-item").queryAllAs(Label.class).stream().map(Label::getText)
                .collect(Collectors.toSet());
    }

    @Test
    void theLegendFollowsARefit(FxRobot robot) {
        List<ExperimentEvent> first = List.of(
                ExperimentEvent.ScalingPointDone.of(Learner.NETWORK, 100, 0, 0.4, 0.05),
                ExperimentEvent.ScalingPointDone.of(Learner.NETWORK, 200, 0, 0.3, 0.04),
                ExperimentEvent.FitUpdated.of(Learner.NETWORK, org.ntkexplorer.core.experiment.ScalingTable.Metric.TEST_ERROR, fit(0.111)));
        robot.interact(() -> panel.accept(first));
        robot.interact(() -> {
            panel.applyCss();
            panel.layout();
        });
        assertTrue(legend(robot).contains("network: α = 0.111 [0.061, 0.161]"), legend(robot).toString());
        robot.interact(() -> panel.accept(List.of(
                ExperimentEvent.ScalingPointDone.of(Learner.NETWORK, 400, 0, 0.2, 0.03),
                ExperimentEvent.FitUpdated.of(Learner.NETWORK, org.ntkexplorer.core.experiment.ScalingTable.Metric.TEST_ERROR, fit(0.222)))));
        robot.interact(() -> {
            panel.applyCss();
            panel.layout();
        });
        assertTrue(legend(robot).contains("network: α = 0.222 [0.172, 0.272]"), legend(robot).toString());
    }
}
