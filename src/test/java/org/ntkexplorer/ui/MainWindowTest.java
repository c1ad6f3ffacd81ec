package org.ntkexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import javafx.scene.control.TableView;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.ntkexplorer.core.experiment.ExperimentSpec;
import org.ntkexplorer.ui.panels.LivePanel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window headless (Monocle): fill the form, run, watch the panels, cancel, reopen, export. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    @TempDir
    static Path runs;

    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        System.setProperty("ntk.runsDirectory", runs.toString());
        Preferences prefs = Preferences.userRoot().node("org/ntkexplorer/test-" + System.nanoTime());
        window = new MainWindow(stage, prefs, 2);
        stage.show();
    }

    @AfterEach
    void stop() {
        window.close();
    }

    private void waitUntilIdle(int seconds) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> !window.session().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
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
        waitUntilIdle(120);
        assertTrue(window.session().stageProperty().get().startsWith("finished"), window.session().stageProperty().get());
        assertTrue(window.scalingPanel().hasData());
        assertFalse(window.scalingPanel().fitRows().isEmpty(), "α table filled");
        TableView<?> table = robot.lookup("#alpha-table").queryAs(TableView.class);
        assertEquals(window.scalingPanel().fitRows().size(), table.getItems().size());
        // The legend names each fit with the α of the table, not an earlier one.
        java.util.Set<String> legend = robot.lookup(".chart-legend-item").queryAllAs(javafx.scene.control.Label.class)
                .stream().map(javafx.scene.control.Label::getText).collect(java.util.stream.Collectors.toSet());
        for (org.ntkexplorer.ui.panels.ScalingPanel.FitRow r : window.scalingPanel().fitRows()) {
            String expected = String.format(java.util.Locale.ROOT, "%s: α = %.3f [%.3f, %.3f]", r.learner(), r.alpha(),
                    r.ciLow(), r.ciHigh());
            assertTrue(legend.contains(expected), expected + " not in legend " + legend);
        }
        assertFalse(window.widthPanel().isVisible(), "the width-sweep panel stays out of a scaling study");
        for (LivePanel p : window.panels()) {
            if (p.isVisible()) {
                assertTrue(p.hasData(), p.title() + " received data");
            }
        }

        startWith(robot, """
                {"study": "dynamics", "classes": [0, 1], "nGrid": [24], "nTest": 20, "seeds": 1, "depth": 1,
                 "width": 16, "epochs": 5, "batchSize": 8, "probeSize": 12}""");
        waitUntilIdle(120);
        for (LivePanel p : window.panels()) {
            if (p.isVisible() && !p.title().equals("Scaling with n")) {
                assertTrue(p.hasData(), p.title() + " received data in a dynamics study");
            }
        }
    }

    @Test
    void aWidthSweepShowsItsPanelInPlaceOfScaling(FxRobot robot) throws Exception {
        startWith(robot, """
                {"study": "width-sweep", "classes": [0, 1], "nGrid": [32], "nTest": 20, "seeds": 2, "depth": 1,
                 "widths": [16, 64, 256], "epochs": 2, "batchSize": 16, "probeSize": 10}""");
        waitUntilIdle(120);
        assertTrue(window.session().stageProperty().get().startsWith("finished"), window.session().stageProperty().get());
        assertTrue(window.widthPanel().isVisible() && !window.scalingPanel().isVisible());
        assertTrue(window.widthPanel().hasData());
        double alpha = window.widthPanel().alpha(org.ntkexplorer.core.experiment.WidthMeasure.DISTANCE_TO_INFINITE);
        assertTrue(alpha > 0, "the distance to the infinite NTK falls with width: α = " + alpha);
    }

    @Test
    void invalidValuesAreMarkedAndDoNotStartARun(FxRobot robot) {
        robot.clickOn("#field-nTest").eraseText(10).write("-3");
        robot.clickOn("#run-button");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.session().runningProperty().get());
        assertTrue(robot.lookup("#field-nTest").query().getStyleClass().contains("invalid"));
        assertTrue(window.form().problemText().contains("nTest"), window.form().problemText());
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
    }

    @Test
    void cancelStopsTheRunAndTheFolderCanBeOpenedAgain(FxRobot robot) throws Exception {
        startWith(robot, """
                {"study": "scaling", "classes": [0, 1], "nGrid": [16, 32, 64, 128, 256], "nTest": 40, "seeds": 3,
                 "depth": 1, "width": 32, "epochs": 30, "batchSize": 8, "learners": ["network", "entk-init"]}""");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.scalingPanel().hasData());
        robot.clickOn("#cancel-button");
        long clicked = System.nanoTime();
        waitUntilIdle(30);
        double seconds = (System.nanoTime() - clicked) / 1e9;
        assertEquals("cancelled", window.session().stageProperty().get());
        assertTrue(seconds < 5, "stopped " + seconds + " s after Cancel");
        Path folder = window.session().runFolderProperty().get();
        assertTrue(Files.readAllLines(folder.resolve("results.csv")).size() > 1, "finished rows kept");

        robot.interact(() -> window.panels().forEach(LivePanel::clear));
        robot.interact(() -> window.openRun(folder));
        // Saved spectra and probe kernels bring back the kernel panels too, not only the scaling points (the
        // training panel may have nothing to show: the cancel can come before any network finished training).
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.panels().stream()
                .filter(p -> p.isVisible() && !(p instanceof org.ntkexplorer.ui.panels.TrainingPanel))
                .allMatch(LivePanel::hasData));

        Path export = runs.resolve("export");
        robot.interact(() -> {
            try {
                window.exportCharts(export);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Path png = export.resolve("scaling-with-n.png");
        assertTrue(Files.size(png) > 1000, "PNG written");
        javafx.scene.image.Image img = new javafx.scene.image.Image(png.toUri().toString());
        assertTrue(img.getWidth() > 100 && img.getHeight() > 100);
        assertTrue(Files.readAllLines(export.resolve("scaling-with-n.csv")).size() > 1);
    }
}
