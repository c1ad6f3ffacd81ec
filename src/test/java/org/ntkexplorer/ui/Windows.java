package org.ntkexplorer.ui;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import javafx.stage.Stage;

import org.testfx.util.WaitForAsyncUtils;

/** A main window for TestFX tests: its own preferences, runs in a temporary folder, a chosen size. */
final class Windows {
    private Windows() {
    }

    static MainWindow open(Stage stage, Path runs, double width, double height) {
        System.setProperty("ntk.runsDirectory", runs.toString());
        Preferences prefs = Preferences.userRoot().node("org/ntkexplorer/test-" + System.nanoTime());
        MainWindow w = new MainWindow(stage, prefs, 2);
        stage.setWidth(width);
        stage.setHeight(height);
        w.setFormShown(width >= 1500);
        stage.show();
        return w;
    }

    static void settle() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
    }

    static void waitUntilIdle(MainWindow w, int seconds) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> !w.session().runningProperty().get());
        settle();
    }

    /** Opens a run folder and waits until its events have reached the panels. */
    static void openAndWait(MainWindow w, Path dir) throws Exception {
        var done = new java.util.concurrent.CompletableFuture<Object>();
        javafx.application.Platform.runLater(() -> w.openRun(dir).whenComplete((o, f) -> done.complete(o)));
        done.get(30, TimeUnit.SECONDS);
        settle();
    }
}
