package org.ntkexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Charts for slides: at least 1600 px wide, chart and legend under the title and subtitle, no axis title or tick label
 * cut; CSV with plain numbers.
 */
@ExtendWith(ApplicationExtension.class)
class SlideExportTest {
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
    void everyShownChartIsExportedAtLeast1600PxWideWithPlainCsv(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.scalingPanel().hasData());
        Windows.settle();
        Path out = runs.resolve("slides");
        List<Path> files;
        java.util.concurrent.CompletableFuture<List<Path>> written = new java.util.concurrent.CompletableFuture<>();
        robot.interact(() -> {
            try {
                written.complete(window.exportCharts(out));
            } catch (java.io.IOException e) {
                written.completeExceptionally(e);
            }
        });
        files = written.get();
        // Before the snapshot: every shown chart has its axis titles and tick labels whole, and its slide carries the
        // panel's title and its subtitle (which n, seed, richness).
        java.util.List<String> problems = org.testfx.util.WaitForAsyncUtils.asyncFx(() -> {
            java.util.List<String> found = new java.util.ArrayList<>();
            for (org.ntkexplorer.ui.panels.LivePanel p : window.grid().shown()) {
                found.addAll(LayoutReport.clippedAxisTitles(p));
                found.addAll(LayoutReport.clippedTickLabels(p));
                javafx.scene.layout.VBox slide = SlideExport.slide(p, SlideExport.DEFAULT_WIDTH);
                String title = ((javafx.scene.control.Label) slide.getChildren().get(0)).getText();
                String subtitle = ((javafx.scene.control.Label) slide.getChildren().get(1)).getText();
                if (!p.title().equals(title) || subtitle == null || subtitle.isBlank()
                        || !subtitle.equals(p.caption())) {
                    found.add(p.title() + ": slide titled \"" + title + "\", subtitle \"" + subtitle + "\"");
                }
            }
            return found;
        }).get();
        assertTrue(problems.isEmpty(), String.join("; ", problems));
        assertEquals(2 * window.grid().shown().size(), files.size());
        assertEquals(window.grid().shown().size(), files.stream().filter(f -> f.toString().endsWith(".png")).count(),
                "one PNG per shown chart");
        for (Path f : files) {
            if (f.toString().endsWith(".png")) {
                javafx.scene.image.Image img = new javafx.scene.image.Image(f.toUri().toString());
                assertTrue(img.getWidth() >= 1600, f + " is " + img.getWidth() + " px wide");
                // The title is drawn above the chart: dark pixels in the slide's top band.
                assertTrue(darkPixelsInTopBand(img) > 50, f + " has its title drawn at the top");
            }
        }
        List<String> csv = Files.readAllLines(out.resolve("scaling-with-n.csv"));
        assertEquals("\"series\",\"n\",\"test_error\",\"y_error\"", csv.get(0));
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("\"network: α = ") && l.contains(",64,")), csv.toString());
        assertTrue(csv.stream().noneMatch(l -> l.contains("64.000000")), "plain numbers");
    }

    @Test
    void sixteenByNineSlidesAre1920By1080AndExamplesExportOutsideTheShippedFolder(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.scalingPanel().hasData());
        Windows.settle();
        Path out = runs.resolve("slides-16-9");
        java.util.concurrent.CompletableFuture<List<Path>> written = new java.util.concurrent.CompletableFuture<>();
        robot.interact(() -> {
            try {
                written.complete(window.exportCharts(out, SlideExport.SLIDE_16_9));
            } catch (java.io.IOException e) {
                written.completeExceptionally(e);
            }
        });
        for (Path f : written.get()) {
            if (f.toString().endsWith(".png")) {
                javafx.scene.image.Image img = new javafx.scene.image.Image(f.toUri().toString());
                assertEquals(1920, img.getWidth(), f.toString());
                assertEquals(1080, img.getHeight(), f.toString());
            }
        }
        Path example = ExampleRuns.first().orElseThrow();
        Path folder = SlideExport.slidesFolder(example);
        assertTrue(!folder.startsWith(example) && folder.getFileName().toString().startsWith("slides-"),
                "a shipped example run is not written into: " + folder);
    }

    private static int darkPixelsInTopBand(javafx.scene.image.Image img) {
        int dark = 0;
        int band = (int) Math.min(img.getHeight(), Math.max(20, img.getHeight() * 0.06));
        for (int y = 0; y < band; y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (img.getPixelReader().getColor(x, y).getBrightness() < 0.4) {
                    dark++;
                }
            }
        }
        return dark;
    }
}
