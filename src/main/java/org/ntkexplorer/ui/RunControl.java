package org.ntkexplorer.ui;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;

import org.ntkexplorer.ui.form.FormModel;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.spec.Presets;
import org.ntkexplorer.core.experiment.spec.Study;

/**
 * Starting, cancelling, opening and resuming runs, and keeping the panels to one run: whatever comes on screen (a
 * new run, an opened folder, another study chosen in the form) first clears what was there and lays out the
 * panels of its study.
 */
final class RunControl {
    private final RunSession session;
    private final PanelGrid grid;
    private final FormModel form;
    private final RunBanner banner;
    private final Consumer<String> log;
    private final BiConsumer<String, String> error;
    private final Consumer<Path> remember;
    private Runnable clearStatus = () -> {
    };
    final Button run = new Button("Run");
    final Button cancel = new Button("Cancel");
    private ExperimentSpec shownSpec;
    private Path shownDir;
    private RunBanner.Origin origin = RunBanner.Origin.NONE;

    RunControl(RunSession session, PanelGrid grid, FormModel form, RunBanner banner, Consumer<String> log,
               BiConsumer<String, String> error, Consumer<Path> remember) {
        this.session = session;
        this.grid = grid;
        this.form = form;
        this.banner = banner;
        this.log = log;
        this.error = error;
        this.remember = remember;
        run.setDefaultButton(true);
        run.setTooltip(new Tooltip("Start the form's experiment in a new run folder"));
        run.setOnAction(e -> startRun());
        run.setId("run-button");
        run.disableProperty().bind(session.runningProperty());
        cancel.setTooltip(new Tooltip("Stop the run; results finished so far stay in its folder"));
        cancel.setOnAction(e -> session.cancel());
        cancel.setId("cancel-button");
        cancel.disableProperty().bind(session.runningProperty().not());
        session.addConsumer(this::onEvents);
        form.study.addListener((o, a, b) -> studyChosen(b));
        banner.show(origin, form.study.get(), null, null, "");
    }

    /** Called whenever another run or study comes on screen, so the status bar speaks only of what is shown. */
    void setOnNewContent(Runnable r) {
        clearStatus = r;
    }

    /** A study chosen in the form while nothing runs: the panels of another study's run make way for its own. */
    private void studyChosen(Study s) {
        if (session.runningProperty().get() || shownSpec != null && shownSpec.study() == s || s == null) {
            return;
        }
        show(s);
        clearStatus.run();
        session.forgetShownRun();
        shownSpec = null;
        shownDir = null;
        origin = RunBanner.Origin.NONE;
        banner.show(origin, s, null, null, "");
    }

    private void show(Study s) {
        grid.clear();
        grid.showStudy(s);
    }

    private void showSpec(ExperimentSpec spec) {
        show(spec.study());
        grid.scaling.setMetric(PresetGuide.metricFor(spec));
        grid.richness.setMetric(PresetGuide.metricFor(spec));
    }

    /** Validates the form, then starts the run in a new folder under the runs directory. */
    boolean startRun() {
        ExperimentSpec spec = form.validate();
        if (spec == null) {
            error.accept("The experiment cannot start; the marked fields say why", form.problemText());
            return false;
        }
        Path dir = RunsDirectory.get().resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern(
                "yyyyMMdd-HHmmss")) + "-" + spec.study().id());
        try {
            session.start(spec, dir);
        } catch (RuntimeException e) {
            error.accept("The run could not start", e.getMessage());
            return false;
        }
        showSpec(spec);
        clearStatus.run();
        shownSpec = spec;
        shownDir = dir;
        origin = RunBanner.Origin.LIVE;
        banner.show(origin, spec.study(), spec, dir, "");
        remember.accept(dir);
        log.accept("started " + spec.study().id() + " in " + dir);
        return true;
    }

    /** Puts a preset in the form and starts it: the banner's one click. */
    void runPreset(Presets.Preset p) {
        form.setSpec(p.spec());
        log.accept("preset " + p.name() + ": " + p.summary());
        startRun();
    }

    /** Shows a saved run's panels as they were at its end; the folder is read in the background. */
    CompletableFuture<RunSession.Opened> openRun(Path dir) {
        CompletableFuture<RunSession.Opened> read;
        try {
            read = session.open(dir);
        } catch (RuntimeException e) {
            error.accept("The run folder could not be opened", e.getMessage());
            return CompletableFuture.failedFuture(e);
        }
        // Completion runs on the FX thread just before the run's events reach the panels, so the panels are laid
        // out for the run's study first.
        read.whenComplete((opened, failure) -> {
            if (failure != null) {
                error.accept("The run folder could not be opened", dir + ": " + failure.getMessage());
            } else {
                opened(dir, opened);
            }
        });
        return read;
    }

    private void opened(Path dir, RunSession.Opened opened) {
        ExperimentSpec spec = opened.spec();
        shownSpec = spec;
        shownDir = dir;
        showSpec(spec);
        clearStatus.run();
        form.setSpec(spec);
        origin = ExampleRuns.isExample(dir) ? RunBanner.Origin.EXAMPLE : RunBanner.Origin.OPENED;
        banner.show(origin, spec.study(), spec, dir, opened.completion().describe());
        if (origin != RunBanner.Origin.EXAMPLE) {
            remember.accept(dir);
        }
        log.accept((origin == RunBanner.Origin.EXAMPLE ? "example run " : "opened ") + dir);
    }

    /** Shows an unfinished run's saved results, then continues it. */
    void resumeRun(Path dir) {
        CompletableFuture<ExperimentSpec> read;
        try {
            read = session.resume(dir);
        } catch (RuntimeException e) {
            error.accept("The run could not be resumed", e.getMessage());
            return;
        }
        grid.clear();
        clearStatus.run();
        read.whenComplete((spec, failure) -> Platform.runLater(() -> {
            if (failure != null) {
                error.accept("The run could not be resumed", dir + ": " + failure.getMessage());
                return;
            }
            // Not cleared again: the folder's saved results may already be on screen.
            grid.showStudy(spec.study());
            grid.scaling.setMetric(PresetGuide.metricFor(spec));
            grid.richness.setMetric(PresetGuide.metricFor(spec));
            form.setSpec(spec);
            shownSpec = spec;
            shownDir = dir;
            origin = RunBanner.Origin.LIVE;
            banner.show(origin, spec.study(), spec, dir, "");
            remember.accept(dir);
            log.accept("resumed " + dir);
        }));
    }

    private void onEvents(List<ExperimentEvent> batch) {
        for (ExperimentEvent e : batch) {
            if ((e instanceof ExperimentEvent.Finished || e instanceof ExperimentEvent.Failed) && shownSpec != null) {
                origin = RunBanner.Origin.OPENED;
                banner.show(origin, shownSpec.study(), shownSpec, shownDir, session.stageProperty().get());
            }
        }
    }

    ExperimentSpec shownSpec() {
        return shownSpec;
    }
}
