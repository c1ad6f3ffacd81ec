package org.ntkexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import javafx.stage.Stage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.ntkexplorer.core.compute.TaskMonitor;
import org.ntkexplorer.ui.panels.LivePanel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.ntkexplorer.core.experiment.run.ExperimentRunner;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.spec.Studies;
import org.ntkexplorer.core.experiment.store.RunFolder;
import org.ntkexplorer.core.experiment.study.DemoStudy;

/**
 * A study registered from outside the ui's files ({@link DemoStudyView}) is offered by the form, shows its own panel
 * beside the training panel, hides the fields it does not read, and draws a saved run of it.
 */
@ExtendWith(ApplicationExtension.class)
class StudyViewPluginTest {
    @TempDir
    static Path runs;
    private static AutoCloseable definition;
    private static AutoCloseable view;
    private MainWindow window;

    @BeforeAll
    static void register() {
        definition = Studies.register(new DemoStudy());
        view = StudyViews.register(new DemoStudyView());
    }

    @AfterAll
    static void unregister() throws Exception {
        view.close();
        definition.close();
    }

    @Start
    void start(Stage stage) {
        window = Windows.open(stage, runs, 1600, 1000);
    }

    @AfterEach
    void stop() {
        window.close();
    }

    @Test
    void theFormOffersTheStudyAndTheGridShowsItsPanel(FxRobot robot) throws Exception {
        robot.interact(() -> window.form().study.set(DemoStudy.SEED_SPREAD));
        Windows.settle();
        assertEquals(DemoStudy.SEED_SPREAD, window.grid().study());
        List<LivePanel> shown = window.grid().shown();
        assertEquals(2, shown.size(), shown.toString());
        assertTrue(shown.get(1) instanceof DemoStudyView.SpreadPanel || shown.get(0) instanceof DemoStudyView.SpreadPanel);
        assertTrue(shown.contains(window.trainingPanel()));
        assertTrue(window.scalingPanel().getScene() == null, "no scaling panel in the demo study");
        assertFalse(org.ntkexplorer.ui.form.FormField.LEARNERS.usedBy(DemoStudy.SEED_SPREAD));
        assertTrue(org.ntkexplorer.ui.form.FormField.WIDTH.usedBy(DemoStudy.SEED_SPREAD));

        String json;
        try (var in = getClass().getResourceAsStream("/org/ntkexplorer/demo-study.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ExperimentSpec spec = ExperimentSpec.parse(json);
        Path dir = runs.resolve("demo-run");
        try (RunFolder f = RunFolder.create(dir, spec)) {
            new ExperimentRunner(spec, f, e -> { }, TaskMonitor.NONE).run();
        }
        Windows.openAndWait(window, dir);
        DemoStudyView.SpreadPanel panel = (DemoStudyView.SpreadPanel) window.grid().shown().stream()
                .filter(p -> p instanceof DemoStudyView.SpreadPanel).findFirst().orElseThrow();
        assertTrue(panel.hasData());
        assertEquals(3, panel.shownText().lines().count(), panel.shownText());
        assertTrue(panel.getScene() != null);
    }
}
