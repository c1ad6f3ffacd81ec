package org.ntkexplorer.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

import org.ntkexplorer.core.AppInfo;

/** The JavaFX application; started through {@link org.ntkexplorer.Launcher}. */
public class NtkExplorerApp extends Application {

    public static void launchApp(String[] args) {
        Application.launch(NtkExplorerApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        BorderPane root = new BorderPane(new Label(AppInfo.NAME + " " + AppInfo.version()));
        stage.setTitle(AppInfo.NAME);
        stage.setScene(new Scene(root, 1280, 800));
        stage.show();
    }
}
