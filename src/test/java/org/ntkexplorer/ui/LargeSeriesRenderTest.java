package org.ntkexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import javafx.scene.Scene;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ntkexplorer.ui.panels.SpectrumPanel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;

/**
 * A 5,000-point series redrawn as a live run would (one new series a batch): every point reaches the chart, and
 * the median time of a full update-and-render pass is printed for the record (a measurement, not a pass mark).
 */
@ExtendWith(ApplicationExtension.class)
class LargeSeriesRenderTest {
    private SpectrumPanel panel;

    @Start
    void start(Stage stage) {
        panel = new SpectrumPanel();
        stage.setScene(new Scene(panel, 800, 500));
        stage.show();
    }

    @Test
    void fiveThousandPointSeriesIsDrawnWhole(FxRobot robot) {
        double small = medianFrameMillis(robot, 10);
        assertEquals(10, panel.latestSpectrumPoints());
        double large = medianFrameMillis(robot, 5000);
        assertEquals(5000, panel.latestSpectrumPoints(), "every eigenvalue is drawn, none dropped");
        System.out.printf("update+render of the spectrum panel, median of 20 frames: 10 points %.1f ms, "
                + "5,000 points %.1f ms%n", small, large);
    }

    private double medianFrameMillis(FxRobot robot, int points) {
        int frames = 20;
        double[] ms = new double[frames];
        for (int f = 0; f < frames; f++) {
            double[] eig = new double[points];
            for (int i = 0; i < eig.length; i++) {
                eig[i] = Math.pow(i + 1, -1.2 - 0.01 * f);
            }
            ExperimentEvent.KernelSnapshot s = new ExperimentEvent.KernelSnapshot(0, 100, f, f, eig, 1, 1, 0, 0, 1, 1, 0, null);
            long start = System.nanoTime();
            robot.interact(() -> {
                panel.accept(java.util.List.of(s));
                panel.applyCss();
                panel.layout();
                panel.snapshot(null, null);
            });
            ms[f] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms[frames / 2];
    }
}
