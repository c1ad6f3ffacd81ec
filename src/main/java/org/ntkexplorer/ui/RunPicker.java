package org.ntkexplorer.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import org.ntkexplorer.core.experiment.store.RunFolder;


/**
 * Picks a run folder from a list that fits a 720-px screen: the example runs, the runs directory and recent runs,
 * newest first; "Other folder…" falls back to the system's folder dialog, opened in the runs directory.
 */
final class RunPicker {
    private RunPicker() {
    }

    static Optional<Path> choose(Window owner, String title, List<Path> recent, boolean examples) {
        Set<Path> runs = new LinkedHashSet<>();
        if (examples) {
            runs.addAll(ExampleRuns.all());
        }
        runs.addAll(recent);
        runs.addAll(inRunsDirectory());
        ListView<Path> list = new ListView<>();
        list.getItems().addAll(runs);
        // Each spec read once when the dialog opens, not at every repaint of a cell while scrolling.
        java.util.Map<Path, String> labels = new java.util.HashMap<>();
        for (Path p : runs) {
            labels.computeIfAbsent(p, RunPicker::describe);
        }
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Path p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : labels.get(p));
            }
        });
        list.setPrefSize(640, 360);
        list.setPlaceholder(new javafx.scene.control.Label("No runs yet in " + RunsDirectory.get()));
        Dialog<Path> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(title);
        d.setHeaderText(title);
        ButtonType other = new ButtonType("Other folder…", ButtonBar.ButtonData.LEFT);
        ButtonType open = new ButtonType("Open", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(other, open, ButtonType.CANCEL);
        d.getDialogPane().setContent(list);
        d.getDialogPane().lookupButton(open).disableProperty()
                .bind(list.getSelectionModel().selectedItemProperty().isNull());
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && list.getSelectionModel().getSelectedItem() != null) {
                d.setResult(list.getSelectionModel().getSelectedItem());
                d.close();
            }
        });
        d.setResultConverter(b -> {
            if (b == open) {
                return list.getSelectionModel().getSelectedItem();
            }
            if (b == other) {
                DirectoryChooser dc = new DirectoryChooser();
                dc.setTitle(title);
                File start = RunsDirectory.get().toFile();
                if (start.isDirectory()) {
                    dc.setInitialDirectory(start);
                }
                File f = dc.showDialog(owner);
                return f == null ? null : f.toPath();
            }
            return null;
        });
        return d.showAndWait();
    }

    private static List<Path> inRunsDirectory() {
        Path dir = RunsDirectory.get();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> out = new ArrayList<>(s.filter(RunFolder::isRun).toList());
            out.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
            return out;
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String describe(Path p) {
        String study;
        try {
            study = RunFolder.readSpec(p).study().id();
        } catch (IOException | RuntimeException e) {
            study = "unreadable spec";
        }
        return (ExampleRuns.isExample(p) ? "example: " : "") + p.getFileName() + "   (" + study + ")   " + p.getParent();
    }
}
