package org.ntkexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.ntkexplorer.ui.panels.AlphaTable;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;

/** A run with one seed per n shows no interval and no verdict in the window: the panels say it needs ≥ 2 seeds. */
@ExtendWith(ApplicationExtension.class)
class OneSeedTest {
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
    void aOneSeedScalingRunShowsNeitherIntervalsNorAVerdict(FxRobot robot) throws Exception {
        robot.interact(() -> {
            window.form().setSpec(ExperimentSpec.parse("""
                    {"study": "scaling", "classes": [0, 2, 4, 6], "nGrid": [16, 32], "nTest": 60, "seeds": 1, "depth": 1,
                     "width": 16, "epochs": 1, "batchSize": 8, "learners": ["network", "entk-init"]}"""));
            window.startRun();
        });
        Windows.waitUntilIdle(window, 180);
        assertTrue(window.session().stageProperty().get().startsWith("finished"),
                window.session().stageProperty().get());
        String verdict = window.scalingPanel().verdict();
        assertTrue(verdict.contains("needs ≥ 2 seeds"), verdict);
        for (String claim : new String[] {"supports", "contradicts", "does not support", "["}) {
            assertFalse(verdict.contains(claim), "'" + claim + "' in " + verdict);
        }
        assertFalse(window.scalingPanel().fitRows().isEmpty());
        for (AlphaTable.Row r : window.scalingPanel().fitRows()) {
            assertTrue(Double.isNaN(r.ciLow()) && Double.isNaN(r.ciHigh()), r.toString());
        }
    }
}
