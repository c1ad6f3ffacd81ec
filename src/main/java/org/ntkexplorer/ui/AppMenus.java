package org.ntkexplorer.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.prefs.Preferences;

import javafx.scene.Scene;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCharacterCombination;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.FileChooser;

import org.ntkexplorer.core.experiment.ExperimentSpec;
import org.ntkexplorer.core.experiment.Presets;
import org.ntkexplorer.ui.panels.LivePanel;

/** The menus and what their file actions do: open, resume, recent runs, specs, slide export; view and help. */
final class AppMenus {
    private static final int RECENT = 8;

    private final MainWindow w;
    private final Preferences prefs;
    private final Menu recentMenu = new Menu("Recent runs");
    final CheckMenuItem showForm = new CheckMenuItem("Experiment form");

    AppMenus(MainWindow w, Preferences prefs) {
        this.w = w;
        this.prefs = prefs;
    }

    MenuBar build() {
        MenuItem open = item("Open run…", e -> RunPicker.choose(w.stage(), "Open a run", recentRuns(), true)
                .ifPresent(w::openRun));
        open.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        Menu examples = new Menu("Example runs");
        for (Path p : ExampleRuns.all()) {
            examples.getItems().add(item(p.getFileName().toString(), e -> w.openRun(p)));
        }
        examples.setDisable(examples.getItems().isEmpty());
        MenuItem resume = item("Resume run…", e -> RunPicker.choose(w.stage(), "Resume a run", recentRuns(), false)
                .ifPresent(w::resumeRun));
        MenuItem load = item("Load spec…", e -> loadSpec());
        MenuItem save = item("Save spec…", e -> saveSpec());
        MenuItem export = item("Export charts for slides…", e -> exportCharts());
        export.setAccelerator(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN));
        MenuItem quit = item("Quit", e -> w.stage().close());
        Menu file = new Menu("File", null, open, examples, resume, recentMenu, new SeparatorMenuItem(), load, save,
                new SeparatorMenuItem(), export, new SeparatorMenuItem(), quit);
        Menu presets = new Menu("Presets");
        for (Presets.Preset p : Presets.all()) {
            presets.getItems().add(item(p.name(), e -> {
                w.form().setSpec(p.spec());
                w.log("preset " + p.name() + " in the form: " + p.summary());
            }));
        }
        refreshRecent();
        return new MenuBar(file, presets, view(), help());
    }

    private Menu view() {
        showForm.setAccelerator(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN));
        MenuItem larger = item("Larger text", e -> w.textScale().larger());
        larger.setAccelerator(new KeyCharacterCombination("+", KeyCombination.SHORTCUT_DOWN));
        MenuItem smaller = item("Smaller text", e -> w.textScale().smaller());
        smaller.setAccelerator(new KeyCodeCombination(KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN));
        MenuItem normal = item("Normal text size", e -> w.textScale().reset());
        normal.setAccelerator(new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN));
        Menu enlarge = new Menu("Enlarge panel");
        enlarge.setOnShowing(e -> {
            enlarge.getItems().clear();
            for (LivePanel p : w.grid().shown()) {
                enlarge.getItems().add(item(p.title(), x -> w.grid().enlarge(p)));
            }
        });
        enlarge.getItems().add(new MenuItem());
        MenuItem restore = item("Restore panels", e -> w.grid().restore());
        return new Menu("View", null, showForm, new SeparatorMenuItem(), enlarge, restore, new SeparatorMenuItem(),
                larger, smaller, normal);
    }

    /**
     * Text size keys, handled once here whatever the keyboard: Ctrl with + (often Shift+=), = or the keypad's plus;
     * with - or the keypad's minus; with 0. The menu items show the keys; the event is consumed so they do not act
     * a second time.
     */
    void installAccelerators(Scene scene) {
        scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (!e.isShortcutDown()) {
                return;
            }
            switch (e.getCode()) {
                case EQUALS, PLUS, ADD -> w.textScale().larger();
                case MINUS, SUBTRACT -> w.textScale().smaller();
                case DIGIT0, NUMPAD0 -> w.textScale().reset();
                default -> {
                    return;
                }
            }
            e.consume();
        });
    }

    private Menu help() {
        MenuItem panels = item("What the panels show", e -> {
            StringBuilder sb = new StringBuilder();
            for (LivePanel p : w.grid().shown()) {
                sb.append(p.title()).append("\n").append(p.explanation()).append("\n\n");
            }
            w.help("Panels of the " + w.grid().study().id() + " study", sb.toString());
        });
        MenuItem presets = item("What the presets show", e -> {
            StringBuilder sb = new StringBuilder();
            for (Presets.Preset p : Presets.all()) {
                sb.append(p.name()).append(": ").append(p.summary()).append("\n").append(p.explanation())
                        .append("\n\n");
            }
            w.help("Presets", sb.toString());
        });
        return new Menu("Help", null, panels, presets);
    }

    private static MenuItem item(String text, javafx.event.EventHandler<javafx.event.ActionEvent> a) {
        MenuItem m = new MenuItem(text);
        m.setOnAction(a);
        return m;
    }

    private void loadSpec() {
        File f = jsonChooser("Load an experiment spec").showOpenDialog(w.stage());
        if (f != null) {
            try {
                w.form().setSpec(ExperimentSpec.read(f.toPath()));
                w.notice("loaded the spec " + f);
            } catch (IOException | RuntimeException e) {
                w.error("The spec could not be loaded", f + ": " + e.getMessage());
            }
        }
    }

    private void saveSpec() {
        ExperimentSpec spec = w.form().validate();
        if (spec == null) {
            w.error("The form has problems; the marked fields say why", w.form().problemText());
            return;
        }
        FileChooser fc = jsonChooser("Save the experiment spec");
        fc.setInitialFileName(spec.study().id() + ".json");
        File f = fc.showSaveDialog(w.stage());
        if (f != null) {
            try {
                Files.writeString(f.toPath(), spec.toJson());
                w.notice("saved the spec to " + f);
            } catch (IOException e) {
                w.error("The spec could not be saved", e.getMessage());
            }
        }
    }

    private static FileChooser jsonChooser(String title) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Experiment spec", "*.json"));
        File start = RunsDirectory.get().toFile();
        if (start.isDirectory()) {
            fc.setInitialDirectory(start);
        }
        return fc;
    }

    private void exportCharts() {
        List<String> widths = List.of("1600 px wide (or 2× on screen if larger)", "1920×1080 (a 16:9 slide)",
                "1920 px wide", "2560 px wide", "3840 px wide");
        ChoiceDialog<String> size = new ChoiceDialog<>(widths.get(0), widths);
        size.initOwner(w.stage());
        size.setTitle("Export charts for slides");
        size.setHeaderText("Each shown panel's chart with title, subtitle and legend as PNG, its data as CSV,\n"
                + "into a new folder slides-DATE (shown in the status bar)");
        size.setContentText("Width");
        Optional<String> chosen = size.showAndWait();
        if (chosen.isEmpty()) {
            return;
        }
        int width = chosen.get().startsWith("1920×1080") ? SlideExport.SLIDE_16_9
                : Integer.parseInt(chosen.get().substring(0, chosen.get().indexOf(' ')));
        // Straight to a new folder, no folder chooser: at 720p the system's chooser did not fit the screen.
        Path d = slidesFolder(w.session().runFolderProperty().get());
        try {
            List<Path> files = w.exportCharts(d, width);
            w.exported("exported " + files.size() / 2 + " charts (PNG and CSV) to " + d, d);
        } catch (IOException | RuntimeException e) {
            w.error("The charts could not be exported", e.getMessage());
        }
    }

    /**
     * slides-DATE inside the run's folder when it can be written (not a shipped example run), else in the user's
     * Pictures folder, else in the runs folder.
     */
    static Path slidesFolder(Path run) {
        String name = "slides-" + java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern(
                "yyyyMMdd-HHmmss"));
        if (run != null && Files.isDirectory(run) && Files.isWritable(run) && !ExampleRuns.isExample(run)) {
            return run.resolve(name);
        }
        Path pictures = Path.of(System.getProperty("user.home"), "Pictures");
        if (Files.isDirectory(pictures) && Files.isWritable(pictures)) {
            return pictures.resolve("NTK Explorer").resolve(name);
        }
        return RunsDirectory.get().resolve(name);
    }

    void remember(Path dir) {
        List<String> recent = new ArrayList<>(recentRuns().stream().map(Path::toString).toList());
        recent.remove(dir.toString());
        recent.add(0, dir.toString());
        prefs.put("recentRuns", String.join("\n", recent.subList(0, Math.min(RECENT, recent.size()))));
        refreshRecent();
    }

    List<Path> recentRuns() {
        List<Path> out = new ArrayList<>();
        for (String s : prefs.get("recentRuns", "").split("\n")) {
            // A run whose folder was moved or deleted, or never got created, is not offered.
            if (!s.isBlank() && Files.isRegularFile(Path.of(s, "spec.json"))) {
                out.add(Path.of(s));
            }
        }
        return out;
    }

    void refreshRecent() {
        recentMenu.getItems().clear();
        for (Path r : recentRuns()) {
            recentMenu.getItems().add(item(r.toString(), e -> w.openRun(r)));
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }
}
