package org.ntkexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ntkexplorer.ui.panels.LivePanel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * At 1280×720, with the text at 1.0 and 1.5 and the form shown or hidden, every example run's panels keep a plot of
 * at least 300×180 px (reflowed or scrolled, never squashed), no axis title is longer than its axis, and no legend
 * covers a drawn point or line, no tick label is cut at an edge or drawn over its neighbour, and the heatmap's class
 * labels do not overlap.
 */
@ExtendWith(ApplicationExtension.class)
class ProjectorLayoutTest {
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

    /** The panels' plot areas once the layout has stopped changing (it settles over a few pulses). */
    private List<LayoutReport.Plot> settled() throws Exception {
        List<LayoutReport.Plot> last = List.of();
        for (int i = 0; i < 20; i++) {
            Windows.settle();
            List<LayoutReport.Plot> now = LayoutReport.measure(window.grid().shown());
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        return last;
    }

    /**
     * Points under a panel's legends once its layout has caught up: a legend is placed again when new data rescales
     * the axes, one pulse after the data arrive, so a loaded machine can catch it in between. A legend that stays
     * over data for 3 s is reported.
     */
    private static int legendSettled(LivePanel p) throws Exception {
        int covered = LayoutReport.pointsUnderLegends(p);
        for (int i = 0; i < 15 && covered > 0; i++) {
            Thread.sleep(200);
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
            covered = org.testfx.util.WaitForAsyncUtils.asyncFx(() -> LayoutReport.pointsUnderLegends(p)).get();
        }
        return covered;
    }

    @ParameterizedTest(name = "text {0}, form shown {1}")
    @CsvSource({"1.0, false", "1.0, true", "1.5, false", "1.5, true"})
    void everyExampleKeepsReadablePlotsUncutTitlesAndLegendsOffTheData(double text, boolean form, FxRobot robot)
            throws Exception {
        robot.interact(() -> {
            window.textScale().factorProperty().set(text);
            window.setFormShown(form);
        });
        List<Path> examples = ExampleRuns.all();
        assertFalse(examples.isEmpty(), "sample-data/runs/ holds the example runs");
        List<String> problems = new ArrayList<>();
        for (Path run : examples) {
            Windows.openAndWait(window, run);
            assertEquals(1280, window.stage().getScene().getWidth(), 1);
            assertEquals(form, window.formShown());
            List<LayoutReport.Plot> plots = settled();
            assertFalse(plots.isEmpty());
            for (LayoutReport.Plot p : plots) {
                if (!p.readable()) {
                    problems.add(run.getFileName() + ": " + p.title() + " plot " + p.width() + "×" + p.height());
                }
            }
            for (LivePanel p : window.grid().shown()) {
                LayoutReport.clippedAxisTitles(p).forEach(t -> problems.add(run.getFileName() + ": " + t));
                LayoutReport.clippedTickLabels(p).forEach(t -> problems.add(run.getFileName() + ": " + t));
                if (p instanceof org.ntkexplorer.ui.panels.HeatmapPanel h && h.classLabelsOverlap()) {
                    problems.add(run.getFileName() + ": heatmap class labels overlap");
                }
                int covered = legendSettled(p);
                if (covered > 0) {
                    problems.add(run.getFileName() + ": " + p.title() + " legend over " + covered + " drawn points");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("; ", problems));
    }
}
