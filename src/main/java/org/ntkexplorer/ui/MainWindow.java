package org.ntkexplorer.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.prefs.Preferences;

import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.image.Image;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import org.ntkexplorer.core.AppInfo;
import org.ntkexplorer.core.compute.ComputeExecutor;
import org.ntkexplorer.ui.form.FormModel;
import org.ntkexplorer.ui.form.FormView;
import org.ntkexplorer.ui.panels.LivePanel;
import org.ntkexplorer.ui.panels.RichnessPanel;
import org.ntkexplorer.ui.panels.ScalingPanel;
import org.ntkexplorer.ui.panels.TrainingPanel;
import org.ntkexplorer.ui.panels.WidthPanel;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;

/**
 * The explorer window: menus; the experiment form (which can be hidden) beside the panels of the study on screen,
 * with a line above them saying what they show; status and log at the bottom. The parts live in {@link AppMenus},
 * {@link PanelGrid}, {@link RunControl}, {@link RunBanner} and {@link StatusArea}.
 */
public final class MainWindow {
    /** Below this width the form starts hidden, so the panels keep readable plot areas on a projector. */
    private static final double FORM_SHOWN_FROM = 1500;

    private final Stage stage;
    private final RunSession session;
    private final FormModel form = new FormModel();
    private final FormView formView = new FormView(form);
    private final StackPane host = new StackPane();
    private final PanelGrid grid = new PanelGrid(host);
    private final StatusArea status;
    private final TextScale textScale = new TextScale();
    private final AppMenus menus;
    private final RunControl control;
    private final SplitPane main = new SplitPane();
    private final VBox formPane;

    public MainWindow(Stage stage, Preferences prefs, int threads) {
        this.stage = stage;
        this.session = new RunSession(threads);
        RunsDirectory.use(prefs);
        status = new StatusArea(session);
        menus = new AppMenus(prefs);
        RunBanner banner = new RunBanner(p -> control().runPreset(p), text -> help("About this preset", text),
                this::openRun);
        session.addConsumer(grid::accept);
        control = new RunControl(session, grid, form, banner, status::append, this::error, menus::remember);
        control.setOnNewContent(status::clearNotice);
        session.addConsumer(this::logEvents);
        formPane = formPane();
        main.getItems().addAll(formPane, grid);
        main.setDividerPositions(0.24);
        SplitPane.setResizableWithParent(formPane, false);
        host.getChildren().add(main);
        BorderPane root = new BorderPane(host);
        // The banner shares the menus' row: on a 720-px projector every row of height goes to the plots.
        WindowCommands commands = new WindowCommands(this, menus::recentRuns);
        javafx.scene.control.MenuBar bar = menus.build(commands.all(), new AppMenus.Openers(this::openRun,
                commands::showPreset, grid::shown, grid::enlarge));
        bar.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox top = new HBox(bar, banner);
        HBox.setHgrow(banner, Priority.ALWAYS);
        top.getStyleClass().add("top-row");
        root.setTop(top);
        root.setBottom(status);
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(1440, screen.getWidth()), Math.min(900, screen.getHeight()));
        scene.getStylesheets().add(MainWindow.class.getResource("/org/ntkexplorer/ui/explorer.css").toExternalForm());
        textScale.install(scene);
        menus.installAccelerators(scene);
        stage.setScene(scene);
        stage.titleProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> AppInfo.NAME
                + (session.runFolderProperty().get() == null ? "" : " — " + session.runFolderProperty().get()),
                session.runFolderProperty()));
        stage.getIcons().add(new Image(MainWindow.class.getResourceAsStream("/org/ntkexplorer/ui/icon.png")));
        stage.setOnHidden(e -> close());
        menus.showForm.selectedProperty().bindBidirectional(banner.formToggle().selectedProperty());
        menus.showForm.selectedProperty().addListener((o, a, b) -> showForm(b));
        menus.showForm.setSelected(scene.getWidth() >= FORM_SHOWN_FROM);
        showForm(menus.showForm.isSelected());
        textScale.factorProperty().addListener((o, a, b) -> {
            if (main.getItems().contains(formPane)) {
                main.setDividerPositions(Math.min(0.42, formWidth() / Math.max(1, main.getWidth())));
            }
        });
    }

    private RunControl control() {
        return control;
    }

    private VBox formPane() {
        ScrollPane scroll = new ScrollPane(formView);
        scroll.setFitToWidth(true);
        scroll.setId("form-scroll");
        Label count = new Label();
        count.getStyleClass().add("field-problem");
        count.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> form.problems().isEmpty()
                ? "" : form.problems().size() == 1 ? "1 field needs attention" : form.problems().size()
                + " fields need attention", form.problems()));
        HBox buttons = new HBox(8, control.run, control.cancel, count);
        buttons.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        buttons.setPadding(new Insets(8));
        control.run.addEventFilter(javafx.event.ActionEvent.ACTION, e -> scrollTo(scroll, formView.revealProblems()));
        // A study whose defaults leave fields to fix opens their sections and shows the first one.
        form.study.addListener((o, a, b) -> javafx.application.Platform.runLater(() -> {
            javafx.scene.Node first = formView.revealProblems();
            if (first != null) {
                scroll.layout();
                scrollTo(scroll, first);
            }
        }));
        VBox box = new VBox(scroll, buttons);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        box.setMinWidth(0);
        box.setPrefWidth(340);
        return box;
    }

    /** Brings a marked field into view (the run does not start while one is marked). */
    private void scrollTo(ScrollPane scroll, javafx.scene.Node first) {
        if (first == null) {
            return;
        }
        formView.applyCss();
        formView.layout();
        double y = first.localToScene(0, 0).getY() - formView.localToScene(0, 0).getY();
        double room = Math.max(1, formView.getHeight() - scroll.getViewportBounds().getHeight());
        scroll.setVvalue(Math.max(0, Math.min(1, (y - 40) / room)));
    }

    private void showForm(boolean on) {
        boolean shown = main.getItems().contains(formPane);
        if (on && !shown) {
            main.getItems().add(0, formPane);
            main.setDividerPositions(Math.min(0.42, formWidth() / Math.max(1, main.getWidth())));
        } else if (!on && shown) {
            main.getItems().remove(formPane);
        }
    }

    /**
     * The form's width grows with the text and its widest choice, so that at 1.5× its labels and choices ("standard",
     * "momentum") are not cut to "stand…"; the panels beside it reflow or scroll instead.
     */
    private double formWidth() {
        formView.applyCss();
        // The form's own width (its widest label and choice) plus the scroll bar's, or 340 px × scale if wider.
        return Math.max(340 * Math.max(1, textScale.factorProperty().get()), formView.prefWidth(-1) + 30);
    }

    Stage stage() {
        return stage;
    }

    public RunSession session() {
        return session;
    }

    public FormModel form() {
        return form;
    }

    public FormView formView() {
        return formView;
    }

    public PanelGrid grid() {
        return grid;
    }

    public TextScale textScale() {
        return textScale;
    }

    public List<LivePanel> panels() {
        return grid.panels();
    }

    public ScalingPanel scalingPanel() {
        return grid.scaling;
    }

    public WidthPanel widthPanel() {
        return grid.width;
    }

    public RichnessPanel richnessPanel() {
        return grid.richness;
    }

    public TrainingPanel trainingPanel() {
        return grid.training;
    }

    public org.ntkexplorer.ui.panels.DriftPanel driftPanel() {
        return grid.drift;
    }

    /** The banner's text: what the panels show now. */
    public String bannerText() {
        return ((Label) stage.getScene().lookup("#banner-text")).getText();
    }

    public boolean formShown() {
        return main.getItems().contains(formPane);
    }

    public void setFormShown(boolean on) {
        menus.showForm.setSelected(on);
    }

    /** Validates the form, then starts the run in a new folder under the runs directory. */
    public boolean startRun() {
        return control.startRun();
    }

    /** Shows a saved run's panels as they were at its end. */
    public CompletableFuture<RunSession.Opened> openRun(Path dir) {
        return control.openRun(dir);
    }

    /** Shows the example run at start, if the program ships one; false when there is none to show. */
    public boolean openExample() {
        java.util.Optional<Path> first = ExampleRuns.first();
        first.ifPresent(this::openRun);
        return first.isPresent();
    }

    public void resumeRun(Path dir) {
        control.resumeRun(dir);
    }

    /** Each shown panel's chart as PNG (at least {@code width} px wide) and its data as CSV. */
    public List<Path> exportCharts(Path dir, int width) throws IOException {
        return SlideExport.export(grid.shown(), dir, width);
    }

    public List<Path> exportCharts(Path dir) throws IOException {
        return exportCharts(dir, SlideExport.DEFAULT_WIDTH);
    }

    /** The whole window as PNG (smoke test, screenshots). */
    public void saveScreenshot(Path file) throws IOException {
        SlideExport.savePng(stage.getScene().getRoot(), file);
    }

    void help(String title, String text) {
        TextArea area = new TextArea(text);
        area.setWrapText(true);
        area.setEditable(false);
        area.setPrefSize(640, 420);
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.setTitle(AppInfo.NAME + " — " + title);
        a.setHeaderText(title);
        a.getDialogPane().setContent(area);
        a.initOwner(stage);
        a.show();
    }

    void info(String header, String text) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, text);
        a.setTitle(AppInfo.NAME);
        a.setHeaderText(header);
        a.initOwner(stage);
        a.show();
    }

    void error(String header, String text) {
        log("error: " + header + ": " + text);
        Alert a = new Alert(Alert.AlertType.ERROR);
        a.setTitle(AppInfo.NAME);
        a.setHeaderText(header);
        a.setContentText(text);
        a.initOwner(stage);
        a.show();
    }

    void log(String line) {
        status.append(line);
    }

    void notice(String line) {
        status.notice(line);
    }

    /** An export's confirmation, with an "Open folder" action in the status bar. */
    void exported(String line, Path folder) {
        status.notice(line, folder);
    }

    /** The status bar's confirmation ("exported 2 charts …"), "" when none (tests). */
    String statusNotice() {
        return status.notice();
    }

    /** The status bar's run state (tests). */
    String statusText() {
        return status.text();
    }

    private void logEvents(List<ExperimentEvent> batch) {
        for (ExperimentEvent e : batch) {
            if (e instanceof ExperimentEvent.ScalingPointDone p) {
                log(String.format("%s n=%d seed=%d: test error %.4f, test MSE %.4f", p.learner().id(), p.n(),
                        p.seed(), p.testError(), p.testMse()));
            } else if (e instanceof ExperimentEvent.Finished f) {
                log(String.format("finished in %.1f s: %s", f.seconds(), f.runFolder()));
                menus.refreshRecent();
            } else if (e instanceof ExperimentEvent.Failed f) {
                log((f.cancelled() ? "cancelled: " : "failed: ") + f.reason());
                menus.refreshRecent();
                if (!f.cancelled()) {
                    error("The run stopped", f.reason());
                }
            }
        }
    }

    /** The spec of the run on screen, null when none. */
    public ExperimentSpec shownSpec() {
        return control.shownSpec();
    }

    public void close() {
        status.close();
        session.close();
    }

    static int defaultThreads() {
        return ComputeExecutor.defaultThreads();
    }
}
