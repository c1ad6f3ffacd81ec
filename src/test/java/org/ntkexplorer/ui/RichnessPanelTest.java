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
import org.ntkexplorer.core.experiment.ExperimentSpec;
import org.ntkexplorer.core.experiment.Study;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

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
