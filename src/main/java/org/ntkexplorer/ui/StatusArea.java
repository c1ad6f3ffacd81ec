package org.ntkexplorer.ui;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import org.controlsfx.control.StatusBar;
import org.ntkexplorer.core.compute.ComputeEnvironment;

/**
 * The bottom of the window: the status bar with the run's state, time left and resources, and a button that opens
 * the log in a window of its own (a collapsed log pane would cost the panels a row of height).
 */
final class StatusArea extends VBox {
    private final TextArea log = new TextArea();
    private final StatusBar status = new StatusBar();
    private final Label notice = new Label();
    private final javafx.scene.control.Button openFolder = new javafx.scene.control.Button("Open folder");

    private final Timeline ticker;

    StatusArea(RunSession session) {
        log.setEditable(false);
        log.setPrefRowCount(8);
        log.setId("log");
        javafx.scene.control.Button logButton = new javafx.scene.control.Button("Log");
        logButton.setId("log-button");
        logButton.setOnAction(e -> showLog());
        status.getLeftItems().add(logButton);
        status.setId("status-bar");
        status.textProperty().bind(session.stageProperty());
        status.progressProperty().bind(session.progressProperty());
        Label left = new Label();
        left.setId("time-left");
        left.textProperty().bind(session.timeLeftProperty());
        left.visibleProperty().bind(left.textProperty().isNotEmpty());
        left.managedProperty().bind(left.visibleProperty());
        notice.setId("notice");
        notice.visibleProperty().bind(notice.textProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        Label backend = new Label("backend " + ComputeEnvironment.backendKind() + ", " + session.threads()
                + " threads");
        Label memory = new Label(memoryText());
        ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> memory.setText(memoryText())));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
        // Separators only between items that are shown, so the bar never starts with a stray one.
        openFolder.setId("open-folder");
        openFolder.setVisible(false);
        openFolder.managedProperty().bind(openFolder.visibleProperty());
        openFolder.setOnAction(e -> open((java.nio.file.Path) openFolder.getUserData()));
        Separator afterNotice = separator(notice);
        Separator afterLeft = separator(left);
        status.getRightItems().addAll(notice, openFolder, afterNotice, left, afterLeft, backend, new Separator(
                javafx.geometry.Orientation.VERTICAL), memory);
        getChildren().add(status);
    }

    /** Opens a folder in the desktop's file manager, off the FX thread (AWT may take a moment to start). */
    private void open(java.nio.file.Path folder) {
        if (folder == null) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                java.awt.Desktop.getDesktop().open(folder.toFile());
            } catch (Exception e) {
                javafx.application.Platform.runLater(() -> append("could not open " + folder + ": " + e.getMessage()
                        + " (open it by hand)"));
            }
        }, "open-folder");
        t.setDaemon(true);
        t.start();
    }

    private javafx.stage.Stage logWindow;

    private void showLog() {
        if (logWindow == null) {
            logWindow = new javafx.stage.Stage();
            logWindow.initOwner(getScene().getWindow());
            logWindow.setTitle(org.ntkexplorer.core.AppInfo.NAME + " — log");
            logWindow.setScene(new javafx.scene.Scene(log, 760, 320));
        }
        logWindow.show();
        logWindow.toFront();
    }

    private static Separator separator(Label before) {
        Separator s = new Separator(javafx.geometry.Orientation.VERTICAL);
        s.visibleProperty().bind(before.visibleProperty());
        s.managedProperty().bind(before.visibleProperty());
        return s;
    }

    /** The process's resident memory against its ceiling, the same two figures {@code info} prints. */
    private static String memoryText() {
        long used = org.ntkexplorer.core.compute.MemoryBudget.usedBytes();
        long max = org.ntkexplorer.core.compute.MemoryBudget.ceilingBytes();
        return String.format("memory %,d / %,d MiB", used >> 20, max >> 20);
    }

    void append(String line) {
        log.appendText(line + "\n");
    }

    /** A confirmation that stays in the status bar until the next one (an export, a saved spec). */
    void notice(String text) {
        notice(text, null);
    }

    /** A confirmation naming a folder, with a button that opens it in the system's file manager. */
    void notice(String text, java.nio.file.Path folder) {
        notice.setText(text);
        openFolder.setUserData(folder);
        openFolder.setVisible(folder != null);
        append(text);
    }

    /** Another run or study comes on screen: the last one's confirmations no longer apply. */
    void clearNotice() {
        openFolder.setVisible(false);
        notice.setText("");
    }

    String notice() {
        return notice.getText();
    }

    String text() {
        return status.getText();
    }

    /** Stops the once-a-second memory reading, which would otherwise keep the closed window alive. */
    void close() {
        ticker.stop();
    }
}
