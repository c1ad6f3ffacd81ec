package org.ntkexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.ntkexplorer.core.experiment.spec.Study;

/** Status messages belong to the run they describe: opening another run or choosing another study clears them. */
@ExtendWith(ApplicationExtension.class)
class StatusResetTest {
    @TempDir
    static Path runs;

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = Windows.open(stage, runs, 1280, 720);
    }

    @AfterEach
    void stop() {
        window.close();
    }

    @Test
    void openingAnotherRunOrChoosingAnotherStudyClearsTheStatus(FxRobot robot) throws Exception {
        List<Path> examples = ExampleRuns.all();
        assertTrue(examples.size() >= 2, "two example runs: " + examples);
        Windows.openAndWait(window, examples.get(0));
        assertTrue(window.statusText().startsWith("opened: finished"), window.statusText());
        robot.interact(() -> window.notice("exported 2 charts (PNG and CSV) to /tmp/x"));
        assertEquals("exported 2 charts (PNG and CSV) to /tmp/x", window.statusNotice());

        Windows.openAndWait(window, examples.get(1));
        assertEquals("", window.statusNotice(), "another run opened");

        robot.interact(() -> window.notice("saved the spec"));
        Study other = window.grid().study() == Study.RICHNESS ? Study.WIDTH_SWEEP : Study.RICHNESS;
        robot.interact(() -> window.form().study.set(other));
        Windows.settle();
        assertEquals(other, window.grid().study());
        assertEquals("", window.statusNotice(), "another study chosen");
        assertTrue(!window.statusText().startsWith("opened"), "the old run's state went: " + window.statusText());
    }
}
