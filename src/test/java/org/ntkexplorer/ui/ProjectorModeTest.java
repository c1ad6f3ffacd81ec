package org.ntkexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
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

import io.fair_acc.chartfx.XYChart;

/** At 1280×720, a projector's size: readable plot areas, a panel enlarged over the window and back, text scaling. */
@ExtendWith(ApplicationExtension.class)
class ProjectorModeTest {
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

    private void ready() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.scalingPanel().hasData());
        Windows.settle();
    }

    /** The plot area of a panel: its chart's canvas (the heatmap's drawing canvas). */
    private static Canvas plot(LivePanel p) {
        XYChart chart = (XYChart) p.lookup(".chart");
        return chart != null ? chart.getCanvas() : (Canvas) p.lookup("Canvas");
    }

    @Test
    void theDefaultLayoutKeepsEveryPlotAreaReadable() throws Exception {
        ready();
        assertEquals(1280, window.stage().getScene().getWidth(), 1);
        StringBuilder sizes = new StringBuilder();
        for (LivePanel p : window.grid().shown()) {
            sizes.append(p.title()).append(' ').append(plot(p).getWidth()).append('×').append(plot(p).getHeight())
                    .append("; ");
        }
        for (LivePanel p : window.grid().shown()) {
            Canvas c = plot(p);
            assertTrue(c.getWidth() >= 300 && c.getHeight() >= 180, "plot areas: " + sizes);
        }
    }

    @Test
    void anEnlargedPanelFillsTheWindowAndRestores(FxRobot robot) throws Exception {
        ready();
        org.ntkexplorer.ui.panels.ScalingPanel scaling = window.scalingPanel();
        robot.clickOn(scaling.enlargeButton());
        Windows.settle();
        assertSame(scaling, window.grid().enlargedPanel());
        Canvas c = plot(scaling);
        // The α table stays beside the enlarged chart, every cell whole.
        assertTrue(c.getWidth() >= 700 && c.getHeight() >= 450, "enlarged plot area " + c.getWidth() + "×"
                + c.getHeight());
        assertTrue(scaling.alphaTable().getScene() != null && scaling.alphaTable().isVisible(), "α table shown");
        assertTrue(scaling.alphaTable().cellsFit(), "no α table cell elided");
        robot.clickOn("#restore-button");
        Windows.settle();
        assertNull(window.grid().enlargedPanel());
        assertTrue(plot(scaling).getWidth() < 1000, "back in the grid");
        assertTrue(scaling.getParent() != null && scaling.getScene() != null);

        // Double-click on a title enlarges too, Escape restores.
        LivePanel drift = window.driftPanel();
        robot.doubleClickOn(drift.lookup(".panel-title"));
        Windows.settle();
        assertSame(drift, window.grid().enlargedPanel());
        assertTrue(plot(drift).getWidth() >= 1000 && plot(drift).getHeight() >= 500);
        robot.type(KeyCode.ESCAPE);
        Windows.settle();
        assertNull(window.grid().enlargedPanel());
    }

    @Test
    void textSizeScalesChartsAndForm(FxRobot robot) throws Exception {
        ready();
        robot.interact(() -> window.setFormShown(true));
        Windows.settle();
        XYChart chart = window.scalingPanel().chart();
        double tick = chart.getYAxis() instanceof io.fair_acc.chartfx.axes.spi.AbstractAxisParameter a
                ? a.getTickLabelStyle().getFont().getSize() : -1;
        Label formLabel = (Label) window.formView().lookup(".label");
        double form = formLabel.getFont().getSize();
        robot.press(KeyCode.CONTROL).type(KeyCode.EQUALS).release(KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL).type(KeyCode.EQUALS).release(KeyCode.CONTROL);
        Windows.settle();
        assertEquals(1.3, window.textScale().factorProperty().get(), 1e-9);
        double tick2 = ((io.fair_acc.chartfx.axes.spi.AbstractAxisParameter) chart.getYAxis()).getTickLabelStyle()
                .getFont().getSize();
        assertEquals(tick * 1.3, tick2, 0.2, "chart tick labels scale");
        assertEquals(form * 1.3, formLabel.getFont().getSize(), 0.2, "form labels scale");
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT0).release(KeyCode.CONTROL);
        Windows.settle();
        assertEquals(1, window.textScale().factorProperty().get(), 1e-9);
        robot.press(KeyCode.CONTROL).type(KeyCode.MINUS).release(KeyCode.CONTROL);
        Windows.settle();
        assertTrue(window.textScale().factorProperty().get() < 1);
    }
}
