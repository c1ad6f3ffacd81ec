package org.ntkexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import javafx.stage.Window;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.ntkexplorer.ui.panels.ScalingPanel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.ntkexplorer.core.experiment.spec.Study;

/**
 * Text at 1.5× on a 1280×720 projector: the form's labels and choices are whole for every study, the top line's
 * whole text is in its tooltip and the About pane, and the α table's cells are whole in the enlarged panel.
 */
@ExtendWith(ApplicationExtension.class)
class ProjectorTextTest {
    @TempDir
    static Path runs;

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = Windows.open(stage, runs, 1280, 720);
    }

    @AfterEach
    void stop() {
        window.close();
    }

    private void example(FxRobot robot, double text, boolean form) throws Exception {
        robot.interact(() -> {
            window.textScale().factorProperty().set(text);
            window.setFormShown(form);
        });
        Windows.openAndWait(window, ExampleRuns.first().orElseThrow());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.scalingPanel().hasData());
        Windows.settle();
    }

    @Test
    void theFormCutsNoLabelOrChoiceAtEitherTextSizeForAnyStudy(FxRobot robot) throws Exception {
        List<String> problems = new ArrayList<>();
        for (double text : new double[] {1.0, 1.5}) {
            example(robot, text, true);
            for (Study s : Study.values()) {
                robot.interact(() -> window.form().study.set(s));
                Windows.settle();
                List<String> elided = WaitForAsyncUtils.asyncFx(() -> LayoutReport.elidedTexts(window.formView()))
                        .get();
                elided.forEach(e -> problems.add("text " + text + ", " + s.id() + ": " + e));
            }
        }
        assertTrue(problems.isEmpty(), String.join("; ", problems));
    }

    @Test
    void theTopLineIsWholeInItsTooltipAndTheAboutPane(FxRobot robot) throws Exception {
        example(robot, 1.5, true);
        Label line = (Label) window.stage().getScene().lookup("#banner-text");
        String whole = window.bannerText();
        assertFalse(whole.isBlank());
        assertNotNull(line.getTooltip());
        assertEquals(whole, line.getTooltip().getText(), "the tooltip holds the whole line");
        Button about = window.stage().getScene().getRoot().lookupAll(".button").stream()
                .filter(n -> n instanceof Button b && "About".equals(b.getText()) && b.isVisible())
                .map(n -> (Button) n).findFirst().orElseThrow(() -> new AssertionError("an About button"));
        robot.interact(about::fire);
        Windows.settle();
        String shown = WaitForAsyncUtils.asyncFx(() -> Window.getWindows().stream()
                .filter(w -> w != window.stage() && w.getScene() != null)
                .flatMap(w -> w.getScene().getRoot().lookupAll(".text-area").stream())
                .map(n -> ((TextArea) n).getText()).findFirst().orElse("")).get();
        robot.interact(() -> new ArrayList<>(Window.getWindows()).stream().filter(w -> w != window.stage())
                .forEach(Window::hide));
        assertTrue(shown.contains(whole), "the About pane holds the whole line: " + shown);
    }

    @Test
    void theAlphaTablesCellsAreWholeInTheEnlargedPanelAtOneAndAHalf(FxRobot robot) throws Exception {
        example(robot, 1.5, false);
        ScalingPanel scaling = window.scalingPanel();
        robot.interact(() -> scaling.enlargeButton().fire());
        Windows.settle();
        Windows.settle();
        assertSame(scaling, window.grid().enlargedPanel());
        assertTrue(scaling.alphaTable().getScene() != null && scaling.alphaTable().isVisible(), "α table shown");
        assertTrue(WaitForAsyncUtils.asyncFx(() -> scaling.alphaTable().cellsFit()).get(), "no α table cell elided");
    }
}
