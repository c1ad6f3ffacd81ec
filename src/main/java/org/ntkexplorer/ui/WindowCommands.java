package org.ntkexplorer.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import javafx.scene.control.ChoiceDialog;
import javafx.stage.FileChooser;

import org.ntkexplorer.ui.panels.LivePanel;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.spec.Presets;

/**
 * What each {@link AppAction} does in the window: the dialogs of the file commands (open, resume, load, save,
 * export) and the help texts. It works on the window's parts, handed over once, so the menus hold commands and
 * nothing else.
 */
final class WindowCommands {
    private final MainWindow w;
    private final Supplier<List<Path>> recentRuns;

    WindowCommands(MainWindow w, Supplier<List<Path>> recentRuns) {
        this.w = w;
        this.recentRuns = recentRuns;
    }

    /** One command per action; a missing one is a programming error caught by AppMenusTest. */
    Map<AppAction, Runnable> all() {
        Map<AppAction, Runnable> c = new EnumMap<>(AppAction.class);
        c.put(AppAction.OPEN_RUN, () -> RunPicker.choose(w.stage(), "Open a run", recentRuns.get(), true)
                .ifPresent(w::openRun));
        c.put(AppAction.RESUME_RUN, () -> RunPicker.choose(w.stage(), "Resume a run", recentRuns.get(), false)
                .ifPresent(w::resumeRun));
        c.put(AppAction.LOAD_SPEC, this::loadSpec);
        c.put(AppAction.SAVE_SPEC, this::saveSpec);
        c.put(AppAction.EXPORT_CHARTS, this::exportCharts);
        c.put(AppAction.QUIT, () -> w.stage().close());
        c.put(AppAction.RESTORE_PANELS, () -> w.grid().restore());
        c.put(AppAction.LARGER_TEXT, () -> w.textScale().larger());
        c.put(AppAction.SMALLER_TEXT, () -> w.textScale().smaller());
        c.put(AppAction.NORMAL_TEXT, () -> w.textScale().reset());
        c.put(AppAction.HELP_PANELS, this::helpPanels);
        c.put(AppAction.HELP_PRESETS, this::helpPresets);
        return c;
    }

    /** A preset put in the form, said in the log so the user sees what changed. */
    void showPreset(Presets.Preset p) {
        w.form().setSpec(p.spec());
        w.log("preset " + p.name() + " in the form: " + p.summary());
    }

    private void helpPanels() {
        StringBuilder sb = new StringBuilder();
        for (LivePanel p : w.grid().shown()) {
            sb.append(p.title()).append("\n").append(p.explanation()).append("\n\n");
        }
        w.help("Panels of the " + w.grid().study().id() + " study", sb.toString());
    }

    private void helpPresets() {
        StringBuilder sb = new StringBuilder();
        for (Presets.Preset p : Presets.all()) {
            sb.append(p.name()).append(": ").append(p.summary()).append("\n").append(p.explanation()).append("\n\n");
        }
        w.help("Presets", sb.toString());
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
        Path d = SlideExport.slidesFolder(w.session().runFolderProperty().get());
        try {
            List<Path> files = w.exportCharts(d, width);
            w.exported("exported " + files.size() / 2 + " charts (PNG and CSV) to " + d, d);
        } catch (IOException | RuntimeException e) {
            w.error("The charts could not be exported", e.getMessage());
        }
    }
}
