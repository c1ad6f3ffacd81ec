package org.ntkexplorer.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

import javax.imageio.ImageIO;

import javafx.animation.KeyFrame;
import javafx.application.Platform;
import javafx.animation.Timeline;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.util.Duration;

import org.controlsfx.control.StatusBar;
import org.ntkexplorer.core.AppInfo;
import org.ntkexplorer.core.compute.ComputeEnvironment;
import org.ntkexplorer.core.compute.ComputeExecutor;
import org.ntkexplorer.core.experiment.ExperimentEvent;
import org.ntkexplorer.core.experiment.ExperimentSpec;
import org.ntkexplorer.core.experiment.Presets;
import org.ntkexplorer.core.experiment.Study;
import org.ntkexplorer.ui.panels.DriftPanel;
import org.ntkexplorer.ui.panels.HeatmapPanel;
import org.ntkexplorer.ui.panels.LivePanel;
import org.ntkexplorer.ui.panels.ScalingPanel;
import org.ntkexplorer.ui.panels.SpectrumPanel;
import org.ntkexplorer.ui.panels.TrainingPanel;
import org.ntkexplorer.ui.panels.WidthPanel;

/**
 * The explorer window: the form on the left, five live panels in the centre (the width sweep's panel in place of
 * the scaling panel when that is the study), status and log at the bottom.
 */
public final class MainWindow {
    private static final int RECENT = 8;

    private final Stage stage;
    private final Preferences prefs;
    private final RunSession session;
    private final ExperimentForm form = new ExperimentForm();
    private final SpectrumPanel spectrum = new SpectrumPanel();
    private final DriftPanel drift = new DriftPanel();
    private final ScalingPanel scaling = new ScalingPanel();
    private final TrainingPanel training = new TrainingPanel();
    private final HeatmapPanel heatmap = new HeatmapPanel();
    private final WidthPanel width = new WidthPanel();
    private final List<LivePanel> panels = List.of(spectrum, drift, scaling, width, training, heatmap);
    private final TextArea log = new TextArea();
    private final StatusBar status = new StatusBar();
    private final Menu recentMenu = new Menu("Recent runs");
    private final Button run = new Button("Run");
    private final Button cancel = new Button("Cancel");

    public MainWindow(Stage stage, Preferences prefs, int threads) {
        this.stage = stage;
        this.prefs = prefs;
        this.session = new RunSession(threads);
        session.addConsumer(batch -> panels.forEach(p -> p.accept(batch)));
        session.addConsumer(this::showPanelOfStudy);
        session.addConsumer(this::logEvents);
        BorderPane root = new BorderPane();
        root.setTop(menus());
        root.setLeft(left());
        root.setCenter(centre());
        root.setBottom(bottom());
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(1440, screen.getWidth()), Math.min(900, screen.getHeight()));
        scene.getStylesheets().add(MainWindow.class.getResource("/org/ntkexplorer/ui/explorer.css").toExternalForm());
        stage.setScene(scene);
        stage.titleProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> AppInfo.NAME
                + (session.runFolderProperty().get() == null ? "" : " — " + session.runFolderProperty().get()),
                session.runFolderProperty()));
        Image icon = new Image(MainWindow.class.getResourceAsStream("/org/ntkexplorer/ui/icon.png"));
        stage.getIcons().add(icon);
        stage.setOnHidden(e -> close());
        restoreForm();
        refreshRecent();
    }

    public RunSession session() {
        return session;
    }

    public ExperimentForm form() {
        return form;
    }

    public List<LivePanel> panels() {
        return panels;
    }

    public ScalingPanel scalingPanel() {
        return scaling;
    }

    public WidthPanel widthPanel() {
        return width;
    }

    /** A width sweep's results take the place of the scaling panel, which has nothing to show then. */
    private void showWidthSweep(boolean sweep) {
        width.setVisible(sweep);
        scaling.setVisible(!sweep);
    }

    private void showPanelOfStudy(List<ExperimentEvent> batch) {
        for (ExperimentEvent e : batch) {
            if (e instanceof ExperimentEvent.WidthPointDone) {
                showWidthSweep(true);
                return;
            }
            if (e instanceof ExperimentEvent.ScalingPointDone) {
                showWidthSweep(false);
                return;
            }
        }
    }

    private MenuBar menus() {
        MenuItem open = new MenuItem("Open run folder…");
        open.setOnAction(e -> chooseRunFolder());
        MenuItem resume = new MenuItem("Resume run folder…");
        resume.setOnAction(e -> chooseResume());
        MenuItem load = new MenuItem("Load spec…");
        load.setOnAction(e -> loadSpec());
        MenuItem save = new MenuItem("Save spec…");
        save.setOnAction(e -> saveSpec());
        MenuItem export = new MenuItem("Export charts (PNG and CSV)…");
        export.setOnAction(e -> exportCharts());
        MenuItem quit = new MenuItem("Quit");
        quit.setOnAction(e -> stage.close());
        Menu file = new Menu("File", null, open, resume, recentMenu, new SeparatorMenuItem(), load, save,
                new SeparatorMenuItem(), export, new SeparatorMenuItem(), quit);
        Menu presets = new Menu("Presets");
        for (Presets.Preset p : Presets.all()) {
            MenuItem item = new MenuItem(p.name());
            item.setOnAction(e -> {
                form.setSpec(p.spec());
                appendLog("preset " + p.name() + ": " + p.summary());
            });
            presets.getItems().add(item);
        }
        MenuItem panelHelp = new MenuItem("What the panels show");
        panelHelp.setOnAction(e -> help("Panels", panelHelpText()));
        MenuItem presetHelp = new MenuItem("What the presets show");
        presetHelp.setOnAction(e -> help("Presets", presetHelpText()));
        Menu help = new Menu("Help", null, panelHelp, presetHelp);
        return new MenuBar(file, presets, help);
    }

    private String panelHelpText() {
        StringBuilder sb = new StringBuilder();
        for (LivePanel p : panels) {
            sb.append(p.title()).append("\n").append(p.explanation()).append("\n\n");
        }
        return sb.toString();
    }

    private static String presetHelpText() {
        StringBuilder sb = new StringBuilder();
        for (Presets.Preset p : Presets.all()) {
            sb.append(p.name()).append(": ").append(p.summary()).append("\n").append(p.explanation()).append("\n\n");
        }
        return sb.toString();
    }

    private void help(String title, String text) {
        TextArea area = new TextArea(text);
        area.setWrapText(true);
        area.setEditable(false);
        area.setPrefSize(640, 480);
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.setTitle(AppInfo.NAME + " — " + title);
        a.setHeaderText(title);
        a.getDialogPane().setContent(area);
        a.initOwner(stage);
        a.show();
    }

    private VBox left() {
        run.setDefaultButton(true);
        run.setTooltip(new Tooltip("Start the study in a new run folder"));
        run.setOnAction(e -> startRun());
        run.setId("run-button");
        cancel.setTooltip(new Tooltip("Stop the run; results finished so far stay in its folder"));
        cancel.setOnAction(e -> session.cancel());
        cancel.setId("cancel-button");
        cancel.disableProperty().bind(session.runningProperty().not());
        run.disableProperty().bind(session.runningProperty());
        HBox buttons = new HBox(8, run, cancel);
        buttons.setPadding(new Insets(8));
        ScrollPane scroll = new ScrollPane(form);
        scroll.setFitToWidth(true);
        VBox box = new VBox(scroll, buttons);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        return box;
    }

    private GridPane centre() {
        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(6);
        grid.setPadding(new Insets(6));
        for (int i = 0; i < 3; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(100 / 3.0);
            c.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(c);
        }
        for (int i = 0; i < 2; i++) {
            RowConstraints r = new RowConstraints();
            r.setPercentHeight(50);
            r.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(r);
        }
        grid.add(spectrum, 0, 0);
        grid.add(drift, 1, 0);
        grid.add(heatmap, 2, 0);
        width.setVisible(false);
        grid.add(new javafx.scene.layout.StackPane(scaling, width), 0, 1, 2, 1);
        grid.add(training, 2, 1);
        return grid;
    }

    private VBox bottom() {
        log.setEditable(false);
        log.setPrefRowCount(8);
        log.setId("log");
        TitledPane logPane = new TitledPane("Log", log);
        logPane.setExpanded(false);
        status.textProperty().bind(session.stageProperty());
        status.progressProperty().bind(session.progressProperty());
        Label backend = new Label("backend " + ComputeEnvironment.backendKind() + ", " + session.threads() + " threads");
        Label memory = new Label();
        Label left = new Label();
        left.textProperty().bind(session.timeLeftProperty());
        Timeline memoryTicker = new Timeline(new KeyFrame(Duration.seconds(1), e -> memory.setText(memoryText())));
        memoryTicker.setCycleCount(Timeline.INDEFINITE);
        memoryTicker.play();
        memory.setText(memoryText());
        status.getRightItems().addAll(left, new Label(" | "), backend, new Label(" | "), memory);
        return new VBox(logPane, status);
    }

    private static String memoryText() {
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory() + org.bytedeco.javacpp.Pointer.totalBytes();
        long max = rt.maxMemory() + org.bytedeco.javacpp.Pointer.maxBytes();
        return String.format("memory %,d / %,d MiB", used >> 20, max >> 20);
    }

    /** Validates the form, then starts the run in a new folder under the runs directory. */
    public boolean startRun() {
        ExperimentSpec spec = form.validate();
        if (spec == null) {
            error("The experiment cannot start", form.problemText());
            return false;
        }
        panels.forEach(LivePanel::clear);
        showWidthSweep(spec.study() == Study.WIDTH_SWEEP);
        Path dir = runsDirectory().resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + "-" + spec.study().id());
        try {
            session.start(spec, dir);
        } catch (RuntimeException e) {
            error("The run could not start", e.getMessage());
            return false;
        }
        prefs.put("lastSpec", spec.toJson());
        remember(dir);
        appendLog("started " + spec.study().id() + " in " + dir);
        return true;
    }

    private Path runsDirectory() {
        String forced = System.getProperty("ntk.runsDirectory");
        if (forced != null) {
            return Path.of(forced);
        }
        return Path.of(prefs.get("runsDirectory", Path.of(System.getProperty("user.home"), "NTK Explorer runs")
                .toString()));
    }

    /** Shows a saved run's panels again; the folder is read in the background. */
    public void openRun(Path dir) {
        CompletableFuture<ExperimentSpec> read;
        try {
            read = session.open(dir);
        } catch (RuntimeException e) {
            error("The run folder could not be opened", e.getMessage());
            return;
        }
        panels.forEach(LivePanel::clear);
        read.whenComplete((spec, failure) -> Platform.runLater(() -> {
            if (failure != null) {
                error("The run folder could not be opened", dir + ": " + failure.getMessage());
            } else {
                showSavedRun(spec, dir, "opened");
            }
        }));
    }

    private void chooseRunFolder() {
        File d = new DirectoryChooser().showDialog(stage);
        if (d != null) {
            openRun(d.toPath());
        }
    }

    /** Shows an unfinished run's saved results, then continues it. */
    public void resumeRun(Path dir) {
        CompletableFuture<ExperimentSpec> read;
        try {
            read = session.resume(dir);
        } catch (RuntimeException e) {
            error("The run could not be resumed", e.getMessage());
            return;
        }
        panels.forEach(LivePanel::clear);
        read.thenAccept(spec -> Platform.runLater(() -> showSavedRun(spec, dir, "resumed")));
    }

    /** Once a saved run's folder has been read: its spec in the form, the right panel for its study, recent runs. */
    private void showSavedRun(ExperimentSpec spec, Path dir, String what) {
        form.setSpec(spec);
        showWidthSweep(spec.study() == Study.WIDTH_SWEEP);
        remember(dir);
        appendLog(what + " " + dir);
    }

    private void chooseResume() {
        File d = new DirectoryChooser().showDialog(stage);
        if (d != null) {
            resumeRun(d.toPath());
        }
    }

    private void loadSpec() {
        FileChooser fc = jsonChooser();
        File f = fc.showOpenDialog(stage);
        if (f != null) {
            try {
                form.setSpec(ExperimentSpec.read(f.toPath()));
            } catch (IOException | RuntimeException e) {
                error("The spec could not be loaded", f + ": " + e.getMessage());
            }
        }
    }

    private void saveSpec() {
        ExperimentSpec spec = form.validate();
        if (spec == null) {
            error("The form has problems", form.problemText());
            return;
        }
        File f = jsonChooser().showSaveDialog(stage);
        if (f != null) {
            try {
                Files.writeString(f.toPath(), spec.toJson());
            } catch (IOException e) {
                error("The spec could not be saved", e.getMessage());
            }
        }
    }

    private static FileChooser jsonChooser() {
        FileChooser fc = new FileChooser();
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Experiment spec", "*.json"));
        return fc;
    }

    private void exportCharts() {
        File d = new DirectoryChooser().showDialog(stage);
        if (d != null) {
            try {
                exportCharts(d.toPath());
                appendLog("exported charts to " + d);
            } catch (IOException | RuntimeException e) {
                error("The charts could not be exported", e.getMessage());
            }
        }
    }

    /** Each panel as PNG and its data as CSV, named after the panel. */
    public void exportCharts(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (LivePanel p : panels) {
            if (!p.isVisible()) {
                continue;
            }
            String name = p.title().toLowerCase().replaceAll("[^a-z0-9]+", "-");
            savePng(p, dir.resolve(name + ".png"));
            p.exportCsv(dir.resolve(name + ".csv"));
        }
    }

    static void savePng(javafx.scene.Node node, Path file) throws IOException {
        WritableImage img = node.snapshot(null, null);
        ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", file.toFile());
    }

    /** The whole window as PNG (smoke test, screenshots). */
    public void saveScreenshot(Path file) throws IOException {
        savePng(stage.getScene().getRoot(), file);
    }

    private void remember(Path dir) {
        List<String> recent = recentRuns();
        recent.remove(dir.toString());
        recent.add(0, dir.toString());
        prefs.put("recentRuns", String.join("\n", recent.subList(0, Math.min(RECENT, recent.size()))));
        refreshRecent();
    }

    private List<String> recentRuns() {
        List<String> out = new ArrayList<>();
        for (String s : prefs.get("recentRuns", "").split("\n")) {
            if (!s.isBlank()) {
                out.add(s);
            }
        }
        return out;
    }

    private void refreshRecent() {
        recentMenu.getItems().clear();
        for (String r : recentRuns()) {
            // A run whose folder was moved or deleted, or never got created, is not offered.
            if (!java.nio.file.Files.isRegularFile(Path.of(r, "spec.json"))) {
                continue;
            }
            MenuItem item = new MenuItem(r);
            item.setOnAction(e -> openRun(Path.of(r)));
            recentMenu.getItems().add(item);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    private void restoreForm() {
        String last = prefs.get("lastSpec", null);
        if (last != null) {
            try {
                form.setSpec(ExperimentSpec.parse(last));
            } catch (RuntimeException e) {
                appendLog("the last form could not be restored: " + e.getMessage());
            }
        }
    }

    private void logEvents(List<ExperimentEvent> batch) {
        for (ExperimentEvent e : batch) {
            if (e instanceof ExperimentEvent.ScalingPointDone p) {
                appendLog(String.format("%s n=%d seed=%d: test error %.4f, test MSE %.4f", p.learner().id(), p.n(),
                        p.seed(), p.testError(), p.testMse()));
            } else if (e instanceof ExperimentEvent.FitUpdated f) {
                appendLog(String.format("fit %s/%s: α = %.3f [%.3f, %.3f]", f.learner().id(), f.metric(),
                        f.fit().alpha(), f.fit().ciLow(), f.fit().ciHigh()));
            } else if (e instanceof ExperimentEvent.Finished f) {
                appendLog(String.format("finished in %.1f s: %s", f.seconds(), f.runFolder()));
                refreshRecent();
            } else if (e instanceof ExperimentEvent.Failed f) {
                appendLog((f.cancelled() ? "cancelled: " : "failed: ") + f.reason());
                refreshRecent();
                if (!f.cancelled()) {
                    error("The run stopped", f.reason());
                }
            }
        }
    }

    public void appendLog(String line) {
        log.appendText(line + "\n");
    }

    private void error(String header, String text) {
        appendLog("error: " + header + ": " + text);
        Alert a = new Alert(Alert.AlertType.ERROR);
        a.setTitle(AppInfo.NAME);
        a.setHeaderText(header);
        a.setContentText(text);
        a.initOwner(stage);
        a.show();
    }

    public void close() {
        session.close();
    }

    static int defaultThreads() {
        return ComputeExecutor.defaultThreads();
    }
}
