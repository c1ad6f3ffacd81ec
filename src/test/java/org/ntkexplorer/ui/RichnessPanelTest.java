package org.ntkexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;

import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.spec.Study;

/** A richness study shows the lazy–rich dial: exponents and kernel movement against α, and what the run says. */
@ExtendWith(ApplicationExtension.class)
class RichnessPanelTest {
    @TempDir
    static Path runs;

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = Windows.open(stage, runs, 1600, 1000);
    }

    @AfterEach
    void stop() {
        window.close();
    }

    /**
     * The panel shows the lines the core sent (ExperimentEvent.RichnessVerdict) and works none out of the rows it
     * draws: rows and fits alone leave the line empty, however much they would say.
     */
    @Test
    void thePanelShowsTheCoresVerdictAndComputesNone(FxRobot robot) throws Exception {
        org.ntkexplorer.ui.panels.RichnessPanel panel = org.testfx.util.WaitForAsyncUtils.asyncFx(
                org.ntkexplorer.ui.panels.RichnessPanel::new).get();
        java.util.List<org.ntkexplorer.core.experiment.run.ExperimentEvent> rows = new java.util.ArrayList<>();
        for (int n : new int[] {64, 128}) {
            for (double a : new double[] {0.1, 100}) {
                rows.add(new org.ntkexplorer.core.experiment.run.ExperimentEvent.ScalingPointDone(
                        new org.ntkexplorer.core.experiment.store.ResultRow(org.ntkexplorer.core.experiment.spec.Learner.NETWORK,
                                n, 0, a, 0.2, 0.05, 0.01, 0, 100, 5, null, a < 1 ? 0.5 : 0.001, 0.5, 1)));
            }
        }
        robot.interact(() -> panel.accept(rows));
        assertTrue(panel.hasData());
        assertEquals("", panel.verdict(), "no line the core did not send");
        robot.interact(() -> panel.accept(java.util.List.of(
                new org.ntkexplorer.core.experiment.run.ExperimentEvent.RichnessVerdict(
                        org.ntkexplorer.core.experiment.store.Metric.TEST_ERROR, java.util.List.of("first",
                        "second")),
                new org.ntkexplorer.core.experiment.run.ExperimentEvent.RichnessVerdict(
                        org.ntkexplorer.core.experiment.store.Metric.TEST_MSE, java.util.List.of("mse")))));
        assertEquals("first\nsecond", panel.verdict());
        robot.interact(() -> panel.setMetric(org.ntkexplorer.core.experiment.store.Metric.TEST_MSE));
        assertEquals("mse", panel.verdict());
    }

    @Test
    void theRichnessPanelAppearsForThisStudy(FxRobot robot) throws Exception {
        robot.interact(() -> {
            window.form().setSpec(ExperimentSpec.parse("""
                    {"study": "richness", "classes": [0, 1], "nGrid": [16, 32], "nTest": 30, "seeds": 1, "depth": 1,
                     "width": 16, "steps": 20, "batchSize": 8, "probeSize": 8, "learningRate": 0.5,
                     "optimizer": "sgd", "richnessGrid": [1, 100]}"""));
            window.startRun();
        });
        Windows.waitUntilIdle(window, 180);
        assertTrue(window.session().stageProperty().get().startsWith("finished"),
                window.session().stageProperty().get());
        assertEquals(Study.RICHNESS, window.grid().study());
        assertEquals(Set.of(window.richnessPanel(), window.trainingPanel()), Set.copyOf(window.grid().shown()));
        assertTrue(window.richnessPanel().getScene() != null && window.richnessPanel().isVisible());
        assertFalse(window.scalingPanel().getScene() != null, "the scaling panel has no place in this study");
        assertTrue(window.richnessPanel().hasData());
        assertTrue(window.richnessPanel().verdict().contains("Kernel movement"), window.richnessPanel().verdict());
        assertEquals(4, window.trainingPanel().units().size(), "one network per n and α");
    }
}
