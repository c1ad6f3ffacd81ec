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
        removeEarlierTestPreferences();
        Preferences prefs = Preferences.userRoot().node("org/ntkexplorer/test-" + System.nanoTime());
        MainWindow w = new MainWindow(stage, prefs, 2);
        stage.setWidth(width);
        stage.setHeight(height);
        w.setFormShown(width >= 1500);
        stage.show();
        return w;
    }

    /** Each test's window has its own preference node; those of earlier tests go, so none pile up in the user's. */
    private static void removeEarlierTestPreferences() {
        try {
            Preferences app = Preferences.userRoot().node("org/ntkexplorer");
            for (String child : app.childrenNames()) {
                if (child.startsWith("test-")) {
                    app.node(child).removeNode();
                }
            }
            app.flush();
        } catch (java.util.prefs.BackingStoreException e) {
            // A preference store that cannot be cleaned only leaves a few small nodes behind.
        }
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
