package org.ntkexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.Button;
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
import org.ntkexplorer.core.experiment.spec.Study;

/** The window opens on the example run shipped in sample-data/runs/: every panel filled, each saying what it shows. */
@ExtendWith(ApplicationExtension.class)
class FirstScreenTest {
    @TempDir
    static Path runs;

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = Windows.open(stage, runs, 1280, 720);
        window.openExample();
    }

    @AfterEach
    void stop() {
        window.close();
    }

    @Test
    void theExampleRunIsVisibleAtStartWithOneClickToRunItYourself(FxRobot robot) throws Exception {
        assertFalse(ExampleRuns.all().isEmpty(), "sample-data/runs/ holds an example run");
        assertSame(ExampleRuns.all(), ExampleRuns.all(),
                "listed once: the banner asks on every update, on the FX thread");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.scalingPanel().hasData());
        Windows.settle();
        assertEquals(Study.SCALING, window.grid().study());
        assertTrue(window.bannerText().startsWith("Example run of the preset scaling-myrtle-quick, finished"),
                window.bannerText());
        for (LivePanel p : window.grid().shown()) {
            assertTrue(p.hasData(), p.title() + " shows the example's results");
            assertTrue(p.isVisible() && p.getScene() != null, p.title() + " is on screen");
            assertFalse(p.caption().isBlank(), p.title() + " says what it shows");
        }
        assertTrue(window.scalingPanel().verdict().contains("claim 1"), window.scalingPanel().verdict());
        assertTrue(window.session().stageProperty().get().startsWith("opened: finished"),
                window.session().stageProperty().get());
        Button runIt = robot.lookup("#run-it-yourself").queryButton();
        assertTrue(runIt.isVisible() && runIt.getTooltip().getText().contains("scaling-myrtle-quick"),
                runIt.getTooltip().getText());

        // One click starts the quick preset itself in a new folder, the example's panels making way for it.
        robot.clickOn(runIt);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.session().runningProperty().get());
        assertTrue(window.bannerText().startsWith("Running scaling-myrtle-quick"), window.bannerText());
        assertEquals(org.ntkexplorer.core.experiment.spec.Presets.find("scaling-myrtle-quick").orElseThrow().spec().toJson(),
                window.shownSpec().toJson());
        robot.interact(() -> window.session().cancel());
        Windows.waitUntilIdle(window, 60);
    }

    @Test
    void oneClickOpensTheMlpExampleAsTheContrast(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.scalingPanel().hasData());
        Windows.settle();
        Button contrast = robot.lookup("#open-contrast").queryButton();
        assertTrue(contrast.isVisible(), "the contrast button is on the CNN example's banner");
        assertEquals("Open the MLP example (contrast)", contrast.getText());
        robot.clickOn(contrast);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> window.bannerText().startsWith("Example run of the preset scaling-mlp-quick, finished"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.scalingPanel().hasData());
        assertTrue(window.session().runFolderProperty().get().endsWith(Path.of("runs", "scaling-mlp-quick")),
                String.valueOf(window.session().runFolderProperty().get()));
        // And back: the MLP example's banner offers the CNN's.
        Windows.settle();
        assertEquals("Open the CNN example", robot.lookup("#open-contrast").queryButton().getText());
    }
}
