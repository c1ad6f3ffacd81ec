package org.ntkexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.ntkexplorer.ui.panels.LivePanel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;

/** The window headless (Monocle): fill the form, run, watch the panels, cancel, mark problems at their fields. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
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

    private void startWith(FxRobot robot, String json) throws Exception {
        robot.interact(() -> window.form().setSpec(ExperimentSpec.parse(json)));
        robot.clickOn("#field-epochs").eraseText(3).write("2");
        robot.clickOn("#run-button");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.session().runningProperty().get()
                || window.session().stageProperty().get().startsWith("finished"));
    }

    @Test
    void tinyScalingStudyFillsThePanelsAndShowsAlpha(FxRobot robot) throws Exception {
        startWith(robot, """
                {"study": "scaling", "classes": [0, 1], "nGrid": [16, 32], "nTest": 40, "seeds": 2, "depth": 1,
                 "width": 16, "epochs": 5, "batchSize": 8, "probeSize": 8,
                 "learners": ["network", "entk-init", "nngp"]}""");
        Windows.waitUntilIdle(window, 120);
        assertTrue(window.session().stageProperty().get().startsWith("finished"), window.session().stageProperty().get());
        assertFalse(window.scalingPanel().fitRows().isEmpty(), "α table filled");
        if (robot.lookup("#alpha-table").tryQuery().isEmpty()) {
            robot.clickOn("#alpha-table-toggle");
        }
        TableView<?> table = robot.lookup("#alpha-table").queryAs(TableView.class);
        assertEquals(window.scalingPanel().fitRows().size(), table.getItems().size());
        assertTrue(window.bannerText().startsWith("Run 20"), window.bannerText());
        for (LivePanel p : window.grid().shown()) {
            assertTrue(p.hasData(), p.title() + " received data");
        }
    }

    @Test
    void invalidValuesAreMarkedAtTheirFieldAndDoNotStartARun(FxRobot robot) {
        robot.clickOn("#field-nTest").eraseText(10).write("-3");
        robot.clickOn("#run-button");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.session().runningProperty().get());
        assertTrue(robot.lookup("#field-nTest").query().getStyleClass().contains("invalid"));
        Label problem = robot.lookup("#problem-nTest").queryAs(Label.class);
        assertEquals("Test examples must be at least 1 (got -3)", problem.getText());
        assertTrue(problem.isVisible());
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
    }

    @Test
    void cancelStopsTheRunWithinSecondsAndKeepsFinishedRows(FxRobot robot) throws Exception {
        startWith(robot, """
                {"study": "scaling", "classes": [0, 1], "nGrid": [16, 32, 64, 128, 256], "nTest": 40, "seeds": 3,
                 "depth": 1, "width": 32, "epochs": 30, "batchSize": 8, "learners": ["network", "entk-init"]}""");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.scalingPanel().hasData());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#time-left").queryAs(Label.class)
                .getText().endsWith(" left"));
        robot.clickOn("#cancel-button");
        long clicked = System.nanoTime();
        Windows.waitUntilIdle(window, 30);
        double seconds = (System.nanoTime() - clicked) / 1e9;
        assertEquals("cancelled", window.session().stageProperty().get());
        assertTrue(seconds < 5, "stopped " + seconds + " s after Cancel");
        Path folder = window.session().runFolderProperty().get();
        assertTrue(Files.readAllLines(folder.resolve("results.csv")).size() > 1, "finished rows kept");
    }
}
